import { z } from 'zod';

/** JSON-RPC 2.0 error codes; the application range (-32000..-32099) is documented in docs/RPC.md. */
export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  NOT_FOUND: -32001,
  REJECTED: -32002,
  RATE_LIMITED: -32005,
  TOO_LARGE: -32006,
  SUBSCRIPTION_LIMIT: -32007,
  UNAVAILABLE: -32008,
} as const;

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

export function method<P extends z.ZodType>(params: P, handler: (params: z.output<P>, session: RpcSession) => unknown): RpcMethod<P> {
  return { params, handler };
}

const requestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string().max(128), z.number(), z.null()]).optional(),
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});

export const MAX_BATCH = 50;

/** Transport-agnostic JSON-RPC 2.0 dispatch: parse, validate, call, and shape the response. */
export class RpcDispatcher {
  constructor(private readonly methods: Record<string, RpcMethod<z.ZodType>>) {}

  /** Returns the response text, or null when nothing is to be sent (notifications only). */
  async handleText(text: string, session: RpcSession): Promise<string | null> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return JSON.stringify(errorResponse(null, RpcErrorCode.PARSE_ERROR, 'Parse error: the request is not valid JSON.'));
    }
    if (Array.isArray(json)) {
      if (json.length === 0) return JSON.stringify(errorResponse(null, RpcErrorCode.INVALID_REQUEST, 'Empty batch.'));
      if (json.length > MAX_BATCH) {
        return JSON.stringify(errorResponse(null, RpcErrorCode.TOO_LARGE, `Batch of ${json.length} requests; at most ${MAX_BATCH}.`));
      }
      const responses = (await Promise.all(json.map((item) => this.handleOne(item, session)))).filter((r) => r !== null);
      return responses.length ? JSON.stringify(responses) : null;
    }
    const response = await this.handleOne(json, session);
    return response ? JSON.stringify(response) : null;
  }

  async handleOne(raw: unknown, session: RpcSession): Promise<RpcResponse | null> {
    const request = requestSchema.safeParse(raw);
    if (!request.success) {
      return errorResponse(idOf(raw), RpcErrorCode.INVALID_REQUEST, 'Invalid request: expected {"jsonrpc":"2.0","method":…,"params":…,"id":…}.');
    }
    const { id, method: name, params } = request.data;
    const isNotification = id === undefined;
    const respond = (response: RpcResponse) => (isNotification ? null : response);
    if (!Object.hasOwn(this.methods, name)) {
      return respond(errorResponse(id ?? null, RpcErrorCode.METHOD_NOT_FOUND, `Method "${name}" does not exist. See docs/RPC.md.`));
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
      return respond(errorResponse(id ?? null, RpcErrorCode.INTERNAL_ERROR, `Internal error in ${name}: ${(error as Error).message}`));
    }
  }
}

/** The id of a request that may not be valid: a string or number id, else null (as JSON-RPC 2.0 answers). */
export function idOf(raw: unknown): RpcId {
  const id = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

export function errorResponse(id: RpcId, code: number, message: string, data?: unknown): RpcResponse {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}
