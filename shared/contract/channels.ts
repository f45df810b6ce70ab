/**
 * The contract's channel names, with no schema library attached, so the preload and the page can
 * derive their named methods without shipping the validators. `ipc.ts` must give each one a schema:
 * the type checker refuses a name without a schema or a schema without a name.
 */
export const methodNames = ['app.info', 'app.echo'] as const;
export const eventNames = ['app.heartbeat'] as const;

export type MethodName = (typeof methodNames)[number];
export type EventName = (typeof eventNames)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (methodNames as readonly string[]).includes(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
