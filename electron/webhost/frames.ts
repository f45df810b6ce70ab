import * as z from 'zod';
import type { Result } from '../../shared/contract/result.ts';

/** What travels over the web host's WebSocket. The renderer's transport speaks the same frames. */
export type ServerFrame =
  { type: 'result'; id: number | null; result: Result<unknown> } | { type: 'event'; event: string; payload: unknown };

const clientFrame = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict();

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
  const parsed = clientFrame.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    return { ok: false, id, message: 'The message was not a call frame {type:"call", id, method, input}.' };
  }
  return { ok: true, id: parsed.data.id, method: parsed.data.method, input: parsed.data.input };
}
