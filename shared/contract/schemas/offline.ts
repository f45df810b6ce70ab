import * as z from 'zod';
import { amount, id, summaryLine } from './common.ts';
import { intent } from './wallet.ts';

/** An envelope ready to leave this machine: as a file and as animated QR frames (BC-UR fountain parts). */
export const envelopeOut = z.object({
  id,
  kind: z.enum(['request', 'reply']),
  fileName: z.string(),
  fileText: z.string(),
  /** `part` is the ur:… text in the QR code; `image` its picture as a data: URL. Shown in a loop. */
  frames: z.array(z.object({ part: z.string(), image: z.string() })),
  summary: z.array(summaryLine),
});

export const scanned = z.discriminatedUnion('done', [
  z.object({ done: z.literal(false), sessionId: id, /** 0..1 */ progress: z.number().min(0).max(1) }),
  z.object({
    done: z.literal(true),
    sessionId: id,
    kind: z.enum(['request', 'reply']),
    /** Give it to offline.sign (a request) or offline.broadcast (a reply). */
    envelopeId: id,
    chainId: z.string(),
    from: z.string(),
    summary: z.array(summaryLine),
  }),
]);

export const offlineMethods = {
  /** Online, usually for a watch-only account: the unsigned request for the offline signer. */
  'offline.createRequest': {
    input: z.object({ accountId: id, intent, fee: amount.optional() }).strict(),
    output: envelopeOut,
  },
  /** One scanned QR part; returns progress until the envelope is complete. */
  'offline.scan': {
    input: z.object({ sessionId: id.optional(), part: z.string().min(1).max(8000) }).strict(),
    output: scanned,
  },
  'offline.importFile': { input: z.object({ text: z.string().min(1).max(200_000) }).strict(), output: scanned },
  /** Offline mode: signs an imported request with the vault's key for its sender. */
  'offline.sign': { input: z.object({ envelopeId: id }).strict(), output: envelopeOut },
  /** Online: submits an imported signed reply; follow it like any wallet transaction. */
  'offline.broadcast': {
    input: z.object({ envelopeId: id }).strict(),
    output: z.object({ txId: z.string() }),
  },
} as const;

export const offlineEvents = {} as const;
