import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as z from 'zod';

/** JSON-RPC 2.0 error codes, defined by the contract that clients share (docs/RPC.md). */
import { RpcErrorCode } from '../../shared/contract/rpc.ts';
export { RpcErrorCode };

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export type RpcId = string | number | null;
export interface RpcResponse {
  jsonrpc: '2.0';
  id: RpcId;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Per-connection context handed to handlers; subscriptions exist only on WebSocket sessions. */
export interface RpcSession {
  subscribe?(topic: string, filter: unknown): string;
  unsubscribe?(id: string): boolean;
}

export interface RpcMethod<P extends z.ZodType> {
  params: P;
  handler: (params: z.output<P>, session: RpcSession) => unknown;
}

export function method<P extends z.ZodType>(
  params: P,
  handler: (params: z.output<P>, session: RpcSession) => unknown,
): RpcMethod<P> {
  return { params, handler };
}

const requestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string().max(128), z.number(), z.null()]).optional(),
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});

export const MAX_BATCH = 50;

/** What the transport lends one message: its rate budget and how large its answer may be. */
export interface RpcBudget {
  /** Takes the cost of one call of `method` from the client's budget; false when the budget is spent. */
  charge(method: string): boolean;
  /** The largest answer (bytes of JSON) sent for one message, batch or single. */
  maxResponseBytes: number;
}

const UNLIMITED: RpcBudget = { charge: () => true, maxResponseBytes: Number.POSITIVE_INFINITY };

export interface RpcDispatcherOptions {
  /** Where the detail of an unexpected error goes; the client only sees a generic message with `reference`. */
  onInternalError?: (method: string, error: unknown, reference: string) => void;
}

/** Transport-agnostic JSON-RPC 2.0 dispatch: parse, validate, charge, call, and shape the response. */
export class RpcDispatcher {
  private readonly onInternalError: NonNullable<RpcDispatcherOptions['onInternalError']>;

  constructor(
    private readonly methods: Record<string, RpcMethod<z.ZodType>>,
    options: RpcDispatcherOptions = {},
  ) {
    this.onInternalError =
      options.onInternalError ??
      ((method, error, reference) =>
        process.stderr.write(
          `rpc: internal error in ${method} (reference ${reference}): ${(error as Error)?.stack ?? String(error)}\n`,
        ));
  }

  /**
   * Returns the response text, or null when nothing is to be sent (notifications only). A batch runs one call
   * at a time, yielding to the event loop between calls so consensus timers and messages are not starved, and
   * stops with a TOO_LARGE error once its answer would pass `budget.maxResponseBytes`.
   */
  async handleText(text: string, session: RpcSession, budget: RpcBudget = UNLIMITED): Promise<string | null> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return JSON.stringify(
        errorResponse(null, RpcErrorCode.PARSE_ERROR, 'Parse error: the request is not valid JSON.'),
      );
    }
    if (!Array.isArray(json)) {
      const response = await this.handleOne(json, session, budget);
      if (!response) return null;
      const answer = this.serialise(response);
      if (Buffer.byteLength(answer) <= budget.maxResponseBytes) return answer;
      return JSON.stringify(
        errorResponse(response.id, RpcErrorCode.TOO_LARGE, tooLargeMessage(budget.maxResponseBytes, 'the answer')),
      );
    }
    if (json.length === 0) return JSON.stringify(errorResponse(null, RpcErrorCode.INVALID_REQUEST, 'Empty batch.'));
    if (json.length > MAX_BATCH) {
      return JSON.stringify(
        errorResponse(null, RpcErrorCode.TOO_LARGE, `Batch of ${json.length} requests; at most ${MAX_BATCH}.`),
      );
    }
    const answers: string[] = [];
    let bytes = 2; // the brackets
    for (const [index, item] of json.entries()) {
      if (index > 0) await yieldToEventLoop();
      const response = await this.handleOne(item, session, budget);
      if (!response) continue;
      const answer = this.serialise(response);
      bytes += Buffer.byteLength(answer) + 1;
      if (bytes > budget.maxResponseBytes) {
        return JSON.stringify(
          errorResponse(
            null,
            RpcErrorCode.TOO_LARGE,
            tooLargeMessage(
              budget.maxResponseBytes,
              `the batch's answer (stopped at call ${index + 1} of ${json.length})`,
            ),
          ),
        );
      }
      answers.push(answer);
    }
    return answers.length ? `[${answers.join(',')}]` : null;
  }

  /** A result that JSON cannot carry (a bigint a handler forgot to convert) is a bug: an internal error, not a crash. */
  private serialise(response: RpcResponse): string {
    try {
      return JSON.stringify(response);
    } catch (error) {
      return JSON.stringify(this.internalError(response.id, 'serialising a result', error));
    }
  }

  private internalError(id: RpcId, name: string, error: unknown): RpcResponse {
    // The detail stays in the node's log: error text can reveal paths, library internals and state.
    const reference = randomBytes(4).toString('hex');
    this.onInternalError(name, error, reference);
    return errorResponse(
      id,
      RpcErrorCode.INTERNAL_ERROR,
      `Internal error in ${name} (reference ${reference}); the node's log has the details.`,
    );
  }

  async handleOne(raw: unknown, session: RpcSession, budget: RpcBudget = UNLIMITED): Promise<RpcResponse | null> {
    const request = requestSchema.safeParse(raw);
    if (!request.success) {
      return errorResponse(
        idOf(raw),
        RpcErrorCode.INVALID_REQUEST,
        'Invalid request: expected {"jsonrpc":"2.0","method":…,"params":…,"id":…}.',
      );
    }
    const { id, method: name, params } = request.data;
    const isNotification = id === undefined;
    const respond = (response: RpcResponse) => (isNotification ? null : response);
    if (!Object.hasOwn(this.methods, name)) {
      return respond(
        errorResponse(id ?? null, RpcErrorCode.METHOD_NOT_FOUND, `Method "${name}" does not exist. See docs/RPC.md.`),
      );
    }
    if (!budget.charge(name)) {
      return respond(
        errorResponse(
          id ?? null,
          RpcErrorCode.RATE_LIMITED,
          `Rate limited: ${name} costs more than the budget left; slow down or split the batch (costs: docs/RPC.md).`,
        ),
      );
    }
    const entry = this.methods[name]!;
    const parsed = entry.params.safeParse(params ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
      return respond(errorResponse(id ?? null, RpcErrorCode.INVALID_PARAMS, `Invalid params for ${name}: ${detail}`));
    }
    try {
      const result = await entry.handler(parsed.data, session);
      return respond({ jsonrpc: '2.0', id: id ?? null, result: result ?? null });
    } catch (error) {
      if (error instanceof RpcError) return respond(errorResponse(id ?? null, error.code, error.message, error.data));
      return respond(this.internalError(id ?? null, name, error));
    }
  }
}

/** The id of a request that may not be valid: a string or number id, else null (as JSON-RPC 2.0 answers). */
export function idOf(raw: unknown): RpcId {
  const id = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

function tooLargeMessage(limit: number, what: string): string {
  return `Response too large: ${what} would pass ${limit} bytes. Ask for less: a smaller limit, or fewer calls per batch.`;
}

export function errorResponse(id: RpcId, code: number, message: string, data?: unknown): RpcResponse {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}
