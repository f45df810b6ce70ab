import WebSocket from 'ws';
import type { z } from 'zod';

/**
 * A small JSON-RPC 2.0 client for the node's RPC (docs/RPC.md), over HTTP POST or a WebSocket
 * (which adds subscriptions). Typed by a map of method name → params, which callers take from
 * shared/contract/rpc.ts (this layer may not import the contract itself). Every failure is an
 * RpcClientError: the node's own code and message, or one of the client codes below naming the URL.
 * `typedRpc` (below) wraps it with the contract's schemas: params in, validated result out, errors as data.
 */
export const CLIENT_ERROR = {
  /** No connection could be made. */
  UNREACHABLE: -1,
  /** Something answered, but not with JSON-RPC. */
  BAD_RESPONSE: -2,
  TIMEOUT: -3,
  /** A WebSocket closed with requests still waiting. */
  CLOSED: -4,
  BAD_URL: -5,
  /**
   * A JSON-RPC answer whose result, error data or notification payload does not match the contract's schema
   * (typedRpc only): the endpoint is not a node of this version, or not honest.
   */
  NONCONFORMING: -6,
} as const;

export class RpcClientError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcClientError';
  }
}

export type ParamsMap = { [method: string]: object };

export interface RpcClient<P extends ParamsMap> {
  readonly url: string;
  call<M extends keyof P & string>(method: M, params: P[M]): Promise<unknown>;
  close(): Promise<void>;
}

export interface Subscription {
  id: string;
  unsubscribe(): Promise<void>;
}

export interface RpcSocketClient<P extends ParamsMap> extends RpcClient<P> {
  /** Calls `subscribe`; notifications for the subscription go to onEvent until unsubscribed or closed. */
  subscribe(topic: string, onEvent: (result: unknown) => void): Promise<Subscription>;
}

export interface RpcClientOptions {
  /** Per request, and for opening a WebSocket (default 15 s). */
  timeoutMs?: number;
}

interface Response {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

/** A client for an http(s):// or ws(s):// URL. */
export async function connectRpc<P extends ParamsMap>(
  url: string,
  options: RpcClientOptions = {},
): Promise<RpcClient<P>> {
  const scheme = checkUrl(url);
  return scheme === 'http:' || scheme === 'https:' ? httpRpcClient<P>(url, options) : wsRpcClient<P>(url, options);
}

export function httpRpcClient<P extends ParamsMap>(url: string, options: RpcClientOptions = {}): RpcClient<P> {
  checkUrl(url, ['http:', 'https:']);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let nextId = 1;
  return {
    url,
    async call(method, params) {
      const id = nextId++;
      let res: globalThis.Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw networkError(url, error, timeoutMs);
      }
      const text = await res.text().catch(() => '');
      let body: Response;
      try {
        body = JSON.parse(text) as Response;
      } catch {
        throw new RpcClientError(
          CLIENT_ERROR.BAD_RESPONSE,
          `The server at ${url} did not answer with JSON-RPC (HTTP ${res.status}${text ? `: ${JSON.stringify(text.slice(0, 80))}` : ''}). Is this the node's RPC address?`,
        );
      }
      return settle(url, body);
    },
    async close() {},
  };
}

export async function wsRpcClient<P extends ParamsMap>(
  url: string,
  options: RpcClientOptions = {},
): Promise<RpcSocketClient<P>> {
  checkUrl(url, ['ws:', 'wss:']);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, maxPayload: 64 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (error) => reject(networkError(url, error, timeoutMs)));
  });
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  const handlers = new Map<string, (result: unknown) => void>();
  let nextId = 1;
  let closed: RpcClientError | undefined;

  socket.on('message', (data) => {
    let message: Response & { method?: unknown; params?: { subscription?: unknown; result?: unknown } };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch {
      return; // not ours to answer; the request it belonged to will time out with a clear message
    }
    if (message.method === 'subscription') {
      const handler = handlers.get(String(message.params?.subscription));
      handler?.(message.params?.result);
      return;
    }
    const waiting = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (!waiting) return;
    pending.delete(message.id as number);
    clearTimeout(waiting.timer);
    try {
      waiting.resolve(settle(url, message));
    } catch (error) {
      waiting.reject(error as Error);
    }
  });
  socket.on('error', () => socket.terminate());
  socket.on('close', (code, reason) => {
    closed = new RpcClientError(
      CLIENT_ERROR.CLOSED,
      `The connection to ${url} closed (${code}${reason.length ? ` ${reason.toString()}` : ''}).`,
    );
    for (const waiting of pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(closed);
    }
    pending.clear();
    handlers.clear();
  });

  const call = (method: string, params: object): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(closed);
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(
          new RpcClientError(
            CLIENT_ERROR.TIMEOUT,
            `The node at ${url} did not answer ${method} within ${timeoutMs / 1000} s.`,
          ),
        );
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });

  return {
    url,
    call,
    async subscribe(topic, onEvent) {
      const id = await call('subscribe', { topic });
      if (typeof id !== 'string')
        throw new RpcClientError(
          CLIENT_ERROR.BAD_RESPONSE,
          `The node at ${url} answered subscribe without a subscription id.`,
        );
      handlers.set(id, onEvent);
      return {
        id,
        async unsubscribe() {
          handlers.delete(id);
          if (!closed) await call('unsubscribe', { subscription: id });
        },
      };
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}

function checkUrl(url: string, allowed = ['http:', 'https:', 'ws:', 'wss:']): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RpcClientError(
      CLIENT_ERROR.BAD_URL,
      `"${url}" is not a URL; give the node's RPC address, e.g. http://127.0.0.1:26657/`,
    );
  }
  if (!allowed.includes(parsed.protocol))
    throw new RpcClientError(
      CLIENT_ERROR.BAD_URL,
      `"${url}" must start with ${allowed.map((s) => `${s}//`).join(' or ')}`,
    );
  return parsed.protocol;
}

function settle(url: string, body: Response): unknown {
  if (body && typeof body === 'object' && body.error && typeof body.error === 'object') {
    const code = typeof body.error.code === 'number' ? body.error.code : CLIENT_ERROR.BAD_RESPONSE;
    throw new RpcClientError(
      code,
      typeof body.error.message === 'string'
        ? body.error.message
        : `The node at ${url} reported an error without a message.`,
      body.error.data,
    );
  }
  if (!body || typeof body !== 'object' || !('result' in body))
    throw new RpcClientError(CLIENT_ERROR.BAD_RESPONSE, `The server at ${url} sent a reply that is not JSON-RPC 2.0.`);
  return body.result;
}

const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the node running, and is the port right?)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'the connection timed out',
};

function networkError(url: string, error: unknown, timeoutMs: number): RpcClientError {
  const e = error as Error & { cause?: { code?: string; message?: string }; code?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new RpcClientError(CLIENT_ERROR.TIMEOUT, `The node at ${url} did not answer within ${timeoutMs / 1000} s.`);
  const code = e?.cause?.code ?? e?.code;
  const why = (code && CAUSES[code]) ?? e?.cause?.message ?? e?.message ?? String(error);
  return new RpcClientError(CLIENT_ERROR.UNREACHABLE, `Cannot reach the node at ${url}: ${why}`);
}

/**
 * The contract a typed client checks calls against: per method its params and result schemas, per topic the schema
 * of a notification's payload. Callers pass `rpcContract` from shared/contract/rpc.ts (this layer does not import
 * the contract, DESIGN §2), so the CLI and the light node validate by the same schemas the node is typed against.
 */
export interface RpcSchemas {
  params: Record<string, z.ZodType>;
  results: Record<string, z.ZodType>;
  topics: Record<string, z.ZodType>;
  /** The schema of an error's `data`, per error code that carries data (e.g. REJECTED's refusal). */
  errors?: Record<number, z.ZodType>;
}

/**
 * A failed call as data: the node's error code and message, or a client code (CLIENT_ERROR, INVALID_PARAMS). For an
 * error code the contract gives a data schema, `data` is checked against it (a node's error whose data does not
 * conform comes back as NONCONFORMING instead).
 */
export interface RpcFailure {
  code: number;
  message: string;
  data?: unknown;
  /** NONCONFORMING: the first way the answer departs from the contract (`path: problem`), for a caller's own words. */
  issue?: string;
}
export type RpcOutcome<T> = { ok: true; value: T } | { ok: false; error: RpcFailure };

/** JSON-RPC 2.0's code for invalid params, used when the client refuses params before sending them. */
export const INVALID_PARAMS = -32602;

type MethodOf<C extends RpcSchemas> = keyof C['results'] & keyof C['params'] & string;
type TopicOf<C extends RpcSchemas> = keyof C['topics'] & string;
type Output<S> = S extends z.ZodType ? z.output<S> : never;
export type TypedParams<C extends RpcSchemas, M extends MethodOf<C>> = z.input<C['params'][M]>;
export type TypedResult<C extends RpcSchemas, M extends MethodOf<C>> = z.output<C['results'][M]>;

export interface TypedRpc<C extends RpcSchemas> {
  readonly url: string;
  /** Params checked before sending, the result checked against its schema; every failure comes back as data. */
  call<M extends MethodOf<C>>(method: M, params: TypedParams<C, M>): Promise<RpcOutcome<TypedResult<C, M>>>;
  close(): Promise<void>;
}

export interface TypedRpcSocket<C extends RpcSchemas> extends TypedRpc<C> {
  /**
   * Subscribes to `topic`; each notification's payload is checked against the topic's schema and goes to `onEvent`,
   * or, when it does not conform, its failure to `onInvalid` (default: dropped).
   */
  subscribe<T extends TopicOf<C>>(
    topic: T,
    onEvent: (payload: Output<C['topics'][T]>) => void,
    onInvalid?: (failure: RpcFailure) => void,
  ): Promise<RpcOutcome<Subscription>>;
}

export function typedRpc<C extends RpcSchemas>(client: RpcSocketClient<ParamsMap>, contract: C): TypedRpcSocket<C>;
export function typedRpc<C extends RpcSchemas>(client: RpcClient<ParamsMap>, contract: C): TypedRpc<C>;
export function typedRpc<C extends RpcSchemas>(
  client: RpcClient<ParamsMap> | RpcSocketClient<ParamsMap>,
  contract: C,
): TypedRpc<C> | TypedRpcSocket<C> {
  const call = async <M extends MethodOf<C>>(
    method: M,
    params: TypedParams<C, M>,
  ): Promise<RpcOutcome<TypedResult<C, M>>> => {
    const paramsSchema = contract.params[method];
    const resultSchema = contract.results[method];
    if (!paramsSchema || !resultSchema)
      return failure(CLIENT_ERROR.BAD_RESPONSE, `${method} is not a method of the contract this client was given.`);
    const checked = paramsSchema.safeParse(params);
    // The params are sent as given (JSON-safe input), not as parsed (which may hold bigints).
    if (!checked.success)
      return failure(INVALID_PARAMS, `Invalid params for ${method}: ${describeIssues(checked.error)}`);
    let result: unknown;
    try {
      result = await client.call(method, params as object);
    } catch (error) {
      if (error instanceof RpcClientError) return nodeFailure(method, error);
      throw error;
    }
    const parsed = resultSchema.safeParse(result);
    if (!parsed.success) return nonconforming(client.url, method, parsed.error);
    return { ok: true, value: parsed.data as TypedResult<C, M> };
  };
  /** A node's error, its data checked when the contract has a schema for its code. */
  const nodeFailure = (what: string, error: RpcClientError): { ok: false; error: RpcFailure } => {
    const schema = contract.errors?.[error.code];
    if (!schema) return failure(error.code, error.message, error.data);
    const data = schema.safeParse(error.data);
    if (data.success) return failure(error.code, error.message, data.data);
    const refused = nonconforming(client.url, `${what} with error ${error.code}`, data.error, 'data');
    refused.error.message += ` Its message: ${JSON.stringify(error.message.slice(0, 200))}`;
    return refused;
  };
  const base: TypedRpc<C> = { url: client.url, call, close: () => client.close() };
  if (!('subscribe' in client)) return base;
  return {
    ...base,
    async subscribe(topic, onEvent, onInvalid = () => undefined) {
      const schema = contract.topics[topic];
      if (!schema)
        return failure(CLIENT_ERROR.BAD_RESPONSE, `${topic} is not a topic of the contract this client was given.`);
      try {
        const subscription = await client.subscribe(topic, (payload) => {
          const parsed = schema.safeParse(payload);
          if (parsed.success) onEvent(parsed.data as Output<C['topics'][typeof topic]>);
          else onInvalid(nonconforming(client.url, `a ${topic} notification`, parsed.error).error);
        });
        return { ok: true, value: subscription };
      } catch (error) {
        if (error instanceof RpcClientError) return nodeFailure('subscribe', error);
        throw error;
      }
    },
  };
}

function failure(code: number, message: string, data?: unknown): { ok: false; error: RpcFailure } {
  return { ok: false, error: data === undefined ? { code, message } : { code, message, data } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
}

function nonconforming(
  url: string,
  what: string,
  error: z.ZodError,
  root = 'result',
): { ok: false; error: RpcFailure } {
  const first = error.issues[0]!;
  const issue = `${first.path.join('.') || root}: ${first.message}`;
  return {
    ok: false,
    error: {
      code: CLIENT_ERROR.NONCONFORMING,
      message: `The node at ${url} answered ${what} in an unexpected form (${issue}); is it a Consortia node of this version?`,
      issue,
    },
  };
}
