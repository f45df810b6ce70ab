import type { Result } from './result.ts';
import { eventNames, methodNames, type EventName, type MethodName } from './channels.ts';
import type { EventPayload, MethodInput, MethodOutput } from './ipc.ts';

/** 'app.info' -> 'appInfo': the named method the page calls. */
type CamelOf<S extends string> = S extends `${infer Head}.${infer Tail}` ? `${Head}${Capitalize<CamelOf<Tail>>}` : S;

export type BridgeMethods = {
  [M in MethodName as CamelOf<M>]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};
export type BridgeEvents = {
  [E in EventName as `on${Capitalize<CamelOf<E>>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What the renderer sees as `window.consortia`: named methods and named event subscriptions, nothing generic. */
export type Bridge = BridgeMethods & BridgeEvents;

/**
 * The carrier underneath a bridge: Electron IPC in the preload, a WebSocket in the web host.
 * It stays private to the preload or the renderer's transport module and is never exposed to the page.
 */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function camelName(channel: string): string {
  return channel.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
}
export function eventListenerName(event: string): string {
  const camel = camelName(event);
  return `on${camel[0]!.toUpperCase()}${camel.slice(1)}`;
}

/** Builds the named-method bridge from a transport; each method has its channel fixed at build time. */
export function createBridge(transport: Transport): Bridge {
  const bridge: Record<string, unknown> = {};
  for (const method of methodNames) {
    bridge[camelName(method)] = (input: unknown) => transport.call(method, input);
  }
  for (const event of eventNames) {
    bridge[eventListenerName(event)] = (listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  }
  return Object.freeze(bridge) as Bridge;
}
