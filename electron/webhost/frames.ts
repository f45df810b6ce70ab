import { clientFrameSchema } from '../../shared/contract/frames.ts';
import { fail, ok, type Result } from '../../shared/contract/result.ts';

/** What travels over the web host's WebSocket is defined once, in the contract, for the host and the renderer. */
export type { ServerFrame } from '../../shared/contract/frames.ts';

/**
 * A client frame read: its id (null when none could be read) and the call it asks for, or the VALIDATION failure
 * the host answers it with as it is.
 */
export interface ParsedClientFrame {
  id: number | null;
  call: Result<{ method: string; input: unknown }>;
}

export function parseClientFrame(text: string | null): ParsedClientFrame {
  if (text === null) return refused(null, 'Binary frames are not accepted; send JSON text.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refused(null, 'The message was not valid JSON.');
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    return refused(id, 'The message was not a call frame {type:"call", id, method, input}.');
  }
  const { id, method, input } = parsed.data;
  return { id, call: ok({ method, input }) };
}

function refused(id: number | null, message: string): ParsedClientFrame {
  return { id, call: fail('VALIDATION', message) };
}
