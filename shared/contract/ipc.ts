import type { z } from 'zod';
import type { EventName, MethodName } from './channels.ts';
import { appEvents, appMethods } from './schemas/app.ts';
import { devnetEvents, devnetMethods } from './schemas/devnet.ts';
import { networkEvents, networkMethods } from './schemas/network.ts';
import { offlineEvents, offlineMethods } from './schemas/offline.ts';
import { producerEvents, producerMethods } from './schemas/producer.ts';
import { vaultEvents, vaultMethods } from './schemas/vault.ts';
import { walletEvents, walletMethods } from './schemas/wallet.ts';

export { eventNames, isEventName, isMethodName, methodNames, type EventName, type MethodName } from './channels.ts';

/**
 * The one IPC contract between the renderer and the main process, one schema file per area under
 * `schemas/`. Electron's preload, the main-side registry and the web host's bridge are all derived
 * from it; adding a channel here is the only way to let the renderer reach the main process.
 */
export const methods = {
  ...appMethods,
  ...vaultMethods,
  ...networkMethods,
  ...walletMethods,
  ...producerMethods,
  ...offlineMethods,
  ...devnetMethods,
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  ...appEvents,
  ...vaultEvents,
  ...networkEvents,
  ...walletEvents,
  ...producerEvents,
  ...offlineEvents,
  ...devnetEvents,
} as const satisfies Record<EventName, z.ZodType>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

// Every name has a schema and every schema a name (checked both ways at compile time).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractIsComplete: Exact<keyof Methods, MethodName> & Exact<keyof Events, EventName> = true;
