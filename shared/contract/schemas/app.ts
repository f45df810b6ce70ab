import * as z from 'zod';

export const appMethods = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      dataDir: z.string(),
      /** How the renderer is connected: inside Electron, or through the loopback web host. */
      host: z.enum(['electron', 'web']),
      /** 'offline': vault only, no network at all (the air-gapped signer). */
      mode: z.enum(['online', 'offline']),
    }),
  },
  'app.echo': {
    // A tiny channel with real input, so that validation is exercised end to end.
    input: z.object({ text: z.string().min(1).max(200) }).strict(),
    output: z.object({ text: z.string(), receivedAt: z.number().int() }),
  },
} as const;

export const appEvents = {
  /** Pushed once a second by the main process; proves the push path is alive. */
  'app.heartbeat': z.object({ seq: z.number().int().nonnegative(), at: z.number().int() }),
} as const;
