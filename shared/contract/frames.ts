import * as z from 'zod';
import type { EventName } from './channels.ts';
import type { Result } from './result.ts';

/**
 * The frames of the web host's WebSocket (`npm run web`), the carrier of the contract in a browser: the renderer's
 * transport (renderer/src/transport/web.ts) sends call frames and reads server frames; the host
 * (electron/webhost) parses the one and sends the other. One definition for both sides.
 */
export const clientFrameSchema = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict();
export type ClientFrame = z.output<typeof clientFrameSchema>;

/** A call's answer (id null when the frame it answers had no readable id), or a pushed event. */
export type ServerFrame =
  | { type: 'result'; id: number | null; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };
