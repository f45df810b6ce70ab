import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_RPC_LIMITS, TokenBucket, type RpcLimits } from './limits.ts';
import { errorResponse, idOf, RpcErrorCode, RpcError, type RpcDispatcher, type RpcId, type RpcSession } from './jsonrpc.ts';

export interface RpcServerOptions {
  dispatcher: RpcDispatcher;
  host?: string;
  port?: number;
  limits?: Partial<RpcLimits>;
  /** Topics a client may subscribe to (e.g. newHeads, finalHeads, roundEvents). */
  topics: readonly string[];
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

/** JSON-RPC 2.0 over HTTP POST and WebSocket, with bounded request sizes, rates, connections and subscriptions. */
export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const limits = { ...DEFAULT_RPC_LIMITS, ...options.limits };
  const subscriptions = new Map<string, Subscription>();
  const httpBuckets = new Map<string, TokenBucket>();

  const server = createServer((req, res) => void handleHttp(req, res));

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: string | null) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body ?? '');
    };
    if (req.method !== 'POST') {
      reply(405, JSON.stringify(errorResponse(null, RpcErrorCode.INVALID_REQUEST, 'Use POST with a JSON-RPC 2.0 body, or a WebSocket.')));
      return;
    }
    const ip = req.socket.remoteAddress ?? '?';
    const bucket = httpBuckets.get(ip) ?? new TokenBucket(limits.requestsPerSecond, limits.burst);
    httpBuckets.set(ip, bucket);
    if (!bucket.take()) {
      reply(429, JSON.stringify(errorResponse(null, RpcErrorCode.RATE_LIMITED, 'Too many requests; slow down.')));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limits.maxRequestBytes) {
        reply(413, JSON.stringify(errorResponse(null, RpcErrorCode.TOO_LARGE, `Request larger than ${limits.maxRequestBytes} bytes.`)));
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const response = await options.dispatcher.handleText(Buffer.concat(chunks).toString('utf8'), {});
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
          throw new RpcError(RpcErrorCode.INVALID_PARAMS, `Unknown topic "${topic}". Topics: ${options.topics.join(', ')}.`);
        }
        if (mine.size >= limits.maxSubscriptionsPerConnection) {
          throw new RpcError(RpcErrorCode.SUBSCRIPTION_LIMIT, `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection.`);
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
      void options.dispatcher.handleText(data.toString(), session).then((response) => {
        if (response && socket.readyState === socket.OPEN) socket.send(response);
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
        sub.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { subscription: id, topic, result: payload } }));
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


function idOfText(text: string): RpcId {
  try {
    return idOf(JSON.parse(text));
  } catch {
    return null;
  }
}
