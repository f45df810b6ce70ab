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
import { fail, ok, type ErrorCode, type ErrorDetail, type Refusal, type Result } from '../../shared/contract/result.ts';
import { LIGHT_FAILURE_CODES, LightNodeError } from './light/errors.ts';

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

/** An error a handler throws on purpose, carrying the message the person should read. */
export class ServiceError extends Error {
  /** Epoch ms after which trying again makes sense (BACKOFF). */
  readonly retryAt: number | undefined;
  /** The message as a key and values, so the page can say it in the person's language. */
  readonly detail: ErrorDetail | undefined;
  /** REJECTED by the chain: its refusal, passed to the page whole (ContractError.refusal). */
  readonly refusal: Refusal | undefined;

  constructor(
    readonly code: Exclude<ErrorCode, 'UNKNOWN_CHANNEL'>,
    message: string,
    extra: { retryAt?: number | undefined; detail?: ErrorDetail | undefined; refusal?: Refusal | undefined } = {},
  ) {
    super(message);
    this.retryAt = extra.retryAt;
    this.detail = extra.detail;
    this.refusal = extra.refusal;
  }
}

/**
 * A light-node failure as a contract error. "No endpoint answers" is worded by the page in the person's
 * language (its English sentence names the endpoints, which the page lists on Network anyway).
 */
export function lightFailure(error: LightNodeError): Result<never> {
  const failure = fail(LIGHT_FAILURE_CODES[error.failure], error.message);
  if (error.failure === 'unreachable' && !failure.ok) failure.error.key = 'network.unreachable';
  return failure;
}

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
      const failure = fail('VALIDATION', `The request to ${method} was not valid.`, issues);
      if (!failure.ok) {
        failure.error.key = 'request.invalid';
        failure.error.params = { fields: [...new Set(issues.map((issue) => issue.path))].join(', ') };
      }
      return failure;
    }
    try {
      const value = await (this.handlers[method] as (input: unknown) => unknown)(parsed.data);
      // The output schema is checked too, so a service bug never hands the page an unexpected shape.
      const checked = methods[method].output.safeParse(value);
      if (!checked.success) return fail('INTERNAL', `${method} produced an answer of the wrong shape; this is a bug.`);
      return ok(checked.data);
    } catch (error) {
      if (error instanceof ServiceError) {
        const failure = fail(error.code, error.message);
        if (error.retryAt !== undefined && !failure.ok) failure.error.retryAt = error.retryAt;
        if (error.detail !== undefined && !failure.ok) Object.assign(failure.error, error.detail);
        if (error.refusal !== undefined && !failure.ok) failure.error.refusal = { ...error.refusal };
        return failure;
      }
      // A light-node failure that a service passed on unwrapped still keeps its kind (never "a bug").
      if (error instanceof LightNodeError) return lightFailure(error);
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
