import WebSocket from 'ws';

/**
 * A small JSON-RPC 2.0 client for the node's RPC (docs/RPC.md), over HTTP POST or a WebSocket
 * (which adds subscriptions). Typed by a map of method name → params, which callers take from
 * shared/contract/rpc.ts (this layer may not import the contract itself). Every failure is an
 * RpcClientError: the node's own code and message, or one of the client codes below naming the URL.
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
