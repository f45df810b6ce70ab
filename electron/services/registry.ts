import type { z } from 'zod';
import {
  events,
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract/ipc.ts';
import { fail, ok, type Result } from '../../shared/contract/result.ts';
import { ServiceError } from './errors.ts';

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

/** The handlers of one area of the contract ('vault', 'wallet', …). */
export type AreaHandlers<Area extends string> = Pick<Handlers, Extract<MethodName, `${Area}.${string}`>>;

function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }));
}

/**
 * The main-side half of the contract: every call is looked up, validated and answered as a Result.
 * Transports (Electron IPC, the web host's WebSocket) check who is calling, then hand the raw input here.
 */
export class Registry {
  constructor(private readonly handlers: Handlers) {}

  async call(method: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return fail('UNKNOWN_CHANNEL', `"${String(method).slice(0, 80)}" is not a channel this app offers.`);
    }
    const parsed = methods[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      return fail('VALIDATION', `The request to ${method} was not valid.`, {
        issues,
        key: 'request.invalid',
        params: { fields: [...new Set(issues.map((issue) => issue.path))].join(', ') },
      });
    }
    try {
      const value = await (this.handlers[method] as (input: unknown) => unknown)(parsed.data);
      // The output schema is checked too, so a service bug never hands the page an unexpected shape.
      const checked = methods[method].output.safeParse(value);
      if (!checked.success) return fail('INTERNAL', `${method} produced an answer of the wrong shape; this is a bug.`);
      return ok(checked.data);
    } catch (error) {
      // Light-node failures are ServiceErrors too, so a caught lie never reads as "a bug".
      if (error instanceof ServiceError) return error.toResult();
      return fail('INTERNAL', `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  typedCall<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    return this.call(method, input) as Promise<Result<MethodOutput<M>>>;
  }
}

type Listener = (event: EventName, payload: unknown) => void;

/** Main → renderer push. Payloads are validated against the contract before they leave. */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
