import { z } from 'zod';
import type { EventName, MethodName } from './channels.ts';

export { eventNames, isEventName, isMethodName, methodNames, type EventName, type MethodName } from './channels.ts';

/**
 * The one IPC contract between the renderer and the main process.
 * Electron's preload, the main-side registry and the web host's bridge are all derived from it;
 * adding a channel here is the only way to let the renderer reach the main process.
 */
export const methods = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      dataDir: z.string(),
      /** How the renderer is connected: inside Electron, or through the loopback web host. */
      host: z.enum(['electron', 'web']),
    }),
  },
  'app.echo': {
    // A tiny channel with real input, so that validation is exercised end to end.
    input: z.object({ text: z.string().min(1).max(200) }).strict(),
    output: z.object({ text: z.string(), receivedAt: z.number().int() }),
  },
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** Pushed once a second by the main process; proves the push path is alive. */
  'app.heartbeat': z.object({ seq: z.number().int().nonnegative(), at: z.number().int() }),
} as const satisfies Record<EventName, z.ZodType>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

// Every name has a schema and every schema a name (checked both ways at compile time).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractIsComplete: Exact<keyof Methods, MethodName> & Exact<keyof Events, EventName> = true;
