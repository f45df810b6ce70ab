import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_RPC_LIMITS, methodCost, TokenBucket, type RpcLimits } from './limits.ts';
import {
  errorResponse,
  idOf,
  RpcErrorCode,
  RpcError,
  type RpcBudget,
  type RpcDispatcher,
  type RpcId,
  type RpcSession,
} from './jsonrpc.ts';

export interface RpcServerOptions {
  dispatcher: RpcDispatcher;
  host?: string;
  port?: number;
  limits?: Partial<RpcLimits>;
  /** Topics a client may subscribe to (e.g. newHeads, finalHeads, roundEvents). */
  topics: readonly string[];
  /** Told of a failure outside any method (a bug in the transport; default: stderr); the client gets a generic -32603. */
  onError?: (error: unknown) => void;
}

export interface RpcServer {
  port: number;
  url: string;
  wsUrl: string;
  /** Sends a notification to every subscriber of the topic. */
  publish(topic: string, payload: unknown): void;
  connectionCount(): number;
  close(): Promise<void>;
}

interface Subscription {
  topic: string;
  socket: WebSocket;
}

/** How many client addresses the HTTP rate limiter remembers. */
const MAX_TRACKED_ADDRESSES = 10_000;

/** JSON-RPC 2.0 over HTTP POST and WebSocket, with bounded request sizes, rates, connections and subscriptions. */
export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const limits = { ...DEFAULT_RPC_LIMITS, ...options.limits };
  const subscriptions = new Map<string, Subscription>();
  const httpBuckets = new Map<string, TokenBucket>();
  const onError =
    options.onError ??
    ((error: unknown) => process.stderr.write(`rpc: transport error: ${(error as Error)?.stack ?? String(error)}\n`));

  /**
   * One message's budget. Its arrival already took one unit (so unreadable messages are not free), which counts
   * towards its first call; every further unit is taken per call, by the method's weight.
   */
  const budgetFor = (bucket: TokenBucket): RpcBudget => {
    let prepaid = 1;
    return {
      maxResponseBytes: limits.maxResponseBytes,
      charge(method) {
        const due = methodCost(limits, method) - prepaid;
        prepaid = 0;
        return due <= 0 || bucket.take(due);
      },
    };
  };

  const server = createServer(
    {
      // Slow-loris bounds: a client that trickles its headers or body gets 408 and loses the socket.
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4),
    },
    (req, res) => {
      handleHttp(req, res).catch((error: unknown) => {
        onError(error);
        if (!res.headersSent && !res.destroyed)
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify(errorResponse(null, RpcErrorCode.INTERNAL_ERROR, 'Internal error.')));
        else res.destroy();
      });
    },
  );

  // Many idle or slow sockets would exhaust file descriptors before any per-request limit applies.
  server.maxConnections = limits.maxSockets;

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: string | null) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(body ?? '');
    };
    if (req.method !== 'POST') {
      reply(
        405,
        JSON.stringify(
          errorResponse(null, RpcErrorCode.INVALID_REQUEST, 'Use POST with a JSON-RPC 2.0 body, or a WebSocket.'),
        ),
      );
      return;
    }
    const ip = req.socket.remoteAddress ?? '?';
    const bucket = httpBuckets.get(ip) ?? new TokenBucket(limits.requestsPerSecond, limits.burst);
    httpBuckets.delete(ip);
    httpBuckets.set(ip, bucket); // most recently used last
    // Bounded memory against many client addresses: the least recently seen one is forgotten (and starts afresh).
    if (httpBuckets.size > MAX_TRACKED_ADDRESSES) httpBuckets.delete(httpBuckets.keys().next().value!);
    if (!bucket.take()) {
      reply(429, JSON.stringify(errorResponse(null, RpcErrorCode.RATE_LIMITED, 'Too many requests; slow down.')));
      return;
    }
    const body = await readBody(req, limits.maxRequestBytes);
    if (body === 'too large') {
      reply(
        413,
        JSON.stringify(
          errorResponse(null, RpcErrorCode.TOO_LARGE, `Request larger than ${limits.maxRequestBytes} bytes.`),
        ),
      );
      req.destroy();
      return;
    }
    // Aborted or reset mid-body: the client is gone, there is no one to answer.
    if (body === 'aborted') return;
    const response = await options.dispatcher.handleText(body.toString('utf8'), {}, budgetFor(bucket));
    reply(200, response);
  }

  const wss = new WebSocketServer({ server, maxPayload: limits.maxRequestBytes });
  wss.on('connection', (socket) => {
    if (wss.clients.size > limits.maxConnections) {
      socket.close(1013, 'Too many connections');
      return;
    }
    const bucket = new TokenBucket(limits.requestsPerSecond, limits.burst);
    const mine = new Set<string>();
    const session: RpcSession = {
      subscribe(topic) {
        if (!options.topics.includes(topic)) {
          throw new RpcError(
            RpcErrorCode.INVALID_PARAMS,
            `Unknown topic "${topic}". Topics: ${options.topics.join(', ')}.`,
          );
        }
        if (mine.size >= limits.maxSubscriptionsPerConnection) {
          throw new RpcError(
            RpcErrorCode.SUBSCRIPTION_LIMIT,
            `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection.`,
          );
        }
        const id = `0x${randomBytes(8).toString('hex')}`;
        subscriptions.set(id, { topic, socket });
        mine.add(id);
        return id;
      },
      unsubscribe(id) {
        if (!mine.delete(id)) return false;
        return subscriptions.delete(id);
      },
    };
    socket.on('message', (data, isBinary) => {
      if (!bucket.take()) {
        // The client's id, when it can be read, so a limited call fails at once instead of timing out.
        const id = isBinary ? null : idOfText(data.toString());
        socket.send(JSON.stringify(errorResponse(id, RpcErrorCode.RATE_LIMITED, 'Too many requests; slow down.')));
        return;
      }
      if (isBinary) {
        socket.send(JSON.stringify(errorResponse(null, RpcErrorCode.PARSE_ERROR, 'Binary frames are not accepted.')));
        return;
      }
      options.dispatcher
        .handleText(data.toString(), session, budgetFor(bucket))
        .then((response) => {
          if (response && socket.readyState === socket.OPEN) socket.send(response);
        })
        .catch((error: unknown) => {
          onError(error);
          if (socket.readyState === socket.OPEN)
            socket.send(JSON.stringify(errorResponse(null, RpcErrorCode.INTERNAL_ERROR, 'Internal error.')));
        });
    });
    socket.on('close', () => {
      for (const id of mine) subscriptions.delete(id);
    });
    socket.on('error', () => socket.terminate());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';

  return {
    port,
    url: `http://${host}:${port}/`,
    wsUrl: `ws://${host}:${port}/`,
    publish(topic, payload) {
      for (const [id, sub] of subscriptions) {
        if (sub.topic !== topic || sub.socket.readyState !== sub.socket.OPEN) continue;
        sub.socket.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'subscription',
            params: { subscription: id, topic, result: payload },
          }),
        );
      }
    },
    connectionCount: () => wss.clients.size,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The body, or why there is none: over `max` bytes, or the client aborted or reset the connection mid-body. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too large' | 'aborted'> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Not destroyed on an early return, so a 413 can still be written before the socket is closed.
    for await (const chunk of req.iterator({ destroyOnReturn: false })) {
      size += (chunk as Buffer).length;
      if (size > max) return 'too large';
      chunks.push(chunk as Buffer);
    }
  } catch {
    return 'aborted';
  }
  // A stream that ends early without an error (an 'aborted' request) is just as incomplete.
  return req.complete ? Buffer.concat(chunks) : 'aborted';
}

function idOfText(text: string): RpcId {
  try {
    return idOf(JSON.parse(text));
  } catch {
    return null;
  }
}
