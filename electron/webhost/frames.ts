import { clientFrameSchema } from '../../shared/contract/frames.ts';

/** What travels over the web host's WebSocket is defined once, in the contract, for the host and the renderer. */
export type { ServerFrame } from '../../shared/contract/frames.ts';

export type ParsedClientFrame =
  { ok: true; id: number; method: string; input: unknown } | { ok: false; id: number | null; message: string };

export function parseClientFrame(text: string | null): ParsedClientFrame {
  if (text === null) return { ok: false, id: null, message: 'Binary frames are not accepted; send JSON text.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'The message was not valid JSON.' };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    return { ok: false, id, message: 'The message was not a call frame {type:"call", id, method, input}.' };
  }
  return { ok: true, id: parsed.data.id, method: parsed.data.method, input: parsed.data.input };
}
