/**
 * Reading an imported request or reply: which kind it is, whether this window may use it, and the
 * plain-words lines to show. The lines always come from the transaction bytes, never from the
 * summary text written inside a request.
 */
import { addressFromPublicKey } from '../../../shared/core/crypto/index.ts';
import {
  DEFAULT_DISPLAY,
  parseEnvelope,
  parseReply,
  summarise,
  type CheckedReply,
  type OfflineEnvelope,
  type OpenedEnvelope,
} from '../../../shared/core/offline/index.ts';
import type { Transaction } from '../../../shared/core/types/index.ts';
import { ServiceError } from '../errors.ts';

export type SummaryLine = { label: string; value: string };

export type Imported =
  | { kind: 'request'; opened: OpenedEnvelope; from: string; summary: SummaryLine[] }
  | { kind: 'reply'; checked: CheckedReply; from: string; summary: SummaryLine[]; request: OfflineEnvelope | null };

export const OFFLINE_WINDOW = 'the offline signer (Consortia started with --offline on the machine that holds the key)';
export const ONLINE_WINDOW = 'the online wallet';

/** What the text claims to be, before the full check: a reply carries a signed transaction. */
export function kindOf(text: string): 'request' | 'reply' {
  try {
    const json: unknown = JSON.parse(text);
    if (json !== null && typeof json === 'object' && 'signedTransaction' in json) return 'reply';
  } catch {
    throw new ServiceError(
      'VALIDATION',
      'This is not a Consortia signing request or reply: it is not JSON (a truncated file, or the wrong one?).',
    );
  }
  return 'request';
}

/**
 * The core's lines as label/value pairs. summarise() with a chain id always gives, in order:
 * the network, the sender, one or more lines of what the transaction does, the fee, nonce and expiry.
 */
export function summaryLines(tx: Transaction, chainId: string, prefix: string): SummaryLine[] {
  const lines = summarise(tx, { ...DEFAULT_DISPLAY, prefix, chainId });
  const strip = (line: string, head: string) => (line.startsWith(head) ? line.slice(head.length) : line);
  return lines.map((line, index) => {
    if (index === 0) return { label: 'Network', value: strip(line, 'Network: ') };
    if (index === 1) return { label: 'From', value: strip(line, 'From ') };
    if (index === lines.length - 2) return { label: 'Fee', value: strip(line, 'Fee: ') };
    if (index === lines.length - 1) return { label: 'Validity', value: line };
    return { label: 'Action', value: line };
  });
}

/** A request read by the offline signer; refused when its own summary was altered. */
export function openRequest(text: string): Imported & { kind: 'request' } {
  const opened = parseEnvelope(text, DEFAULT_DISPLAY);
  if (!opened.ok) throw new ServiceError('VALIDATION', `This signing request cannot be used: ${opened.reason}.`);
  const { envelope, tx } = opened.value;
  if (!opened.value.summaryMatches) {
    throw new ServiceError(
      'VALIDATION',
      'The summary written in this request does not match its transaction, so it was changed after it was made. Make a new request in the online wallet.',
    );
  }
  return {
    kind: 'request',
    opened: opened.value,
    from: addressFromPublicKey(envelope.addressPrefix, tx.senderPublicKey),
    summary: summaryLines(tx, envelope.chainId, envelope.addressPrefix),
  };
}

/** A reply read by the online wallet, checked against the request it answers when this wallet made it. */
export function openReply(
  text: string,
  chain: { chainId: string; addressPrefix: string },
  requests: ReadonlyMap<string, OfflineEnvelope>,
): Imported & { kind: 'reply' } {
  const first = parseReply(text);
  if (!first.ok) throw new ServiceError('VALIDATION', `This signed reply cannot be used: ${first.reason}.`);
  const { reply } = first.value;
  if (reply.chainId !== chain.chainId) {
    throw new ServiceError(
      'VALIDATION',
      `This reply is signed for network "${reply.chainId}", but this wallet follows "${chain.chainId}"; it cannot be broadcast here.`,
    );
  }
  const request = requests.get(reply.requestId) ?? null;
  const checked = request ? parseReply(text, request) : first;
  if (!checked.ok)
    throw new ServiceError(
      'VALIDATION',
      `This reply does not answer the request this wallet made: ${checked.reason}. Nothing was imported.`,
    );
  const { tx } = checked.value.signed;
  return {
    kind: 'reply',
    checked: checked.value,
    request,
    from: addressFromPublicKey(chain.addressPrefix, tx.senderPublicKey),
    summary: summaryLines(tx, chain.chainId, chain.addressPrefix),
  };
}
