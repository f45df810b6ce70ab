import { createBridge, type Bridge, type Transport } from '../../../shared/contract/bridge.ts';
import type { EventName, MethodName } from '../../../shared/contract/channels.ts';
import {
  events,
  methods,
  type EventPayload,
  type MethodInput,
  type MethodOutput,
} from '../../../shared/contract/ipc.ts';
import type { ContractError, Result } from '../../../shared/contract/result.ts';

/**
 * A fake main process for component tests. The bridge is the renderer's boundary, so faking what
 * answers behind it is fair here; the bridge itself is the real one (createBridge over a fake
 * transport), and every fake answer and event is parsed with the contract's own schemas, so the
 * fake cannot drift from the contract without these tests failing.
 */
export type FakeHandler<M extends MethodName> = (
  input: MethodInput<M>,
) => Result<MethodOutput<M>> | Promise<Result<MethodOutput<M>>>;
export type FakeHandlers = { [M in MethodName]?: FakeHandler<M> };

export interface FakeMain {
  bridge: Bridge;
  calls: { method: MethodName; input: unknown }[];
  callsOf(method: MethodName): unknown[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export const answer = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = (
  code: ContractError['code'],
  message: string,
  extra: Partial<ContractError> = {},
): Result<never> => ({ ok: false, error: { code, message, ...extra } });
/** An answer that never comes: the loading state. */
export const never = <T>(): Promise<Result<T>> => new Promise(() => undefined);

export function fakeMain(handlers: FakeHandlers): FakeMain {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeMain['calls'] = [];
  const transport: Transport = {
    async call(method, input) {
      calls.push({ method, input });
      const parsedInput = methods[method].input.safeParse(input);
      if (!parsedInput.success)
        return failure(
          'VALIDATION',
          `The page sent ${method} an input the contract refuses: ${parsedInput.error.message}`,
        );
      const handler = handlers[method] as FakeHandler<MethodName> | undefined;
      if (!handler) return failure('UNAVAILABLE', `${method} is not available in this build yet.`);
      const result = await handler(parsedInput.data as never);
      if (result.ok) methods[method].output.parse(result.value);
      return result;
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return {
    bridge: createBridge(transport),
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method).map((call) => call.input),
    emit(event, payload) {
      const parsed = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(parsed);
    },
  };
}
