/**
 * A JSON-RPC proxy in front of an honest node, over HTTP POST and WebSocket like the node itself,
 * that can rewrite the results of chosen methods: the stand-in for a lying or compromised RPC
 * server. It also records every request it forwards and can drop its WebSocket clients.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

export type Rewrite = (result: any, params: any) => any;

interface Message {
  jsonrpc?: string;
  id?: unknown;
  method?: string;
  params?: any;
  result?: unknown;
  error?: any;
}

export class TamperProxy {
  readonly requests: { method: string; params: any }[] = [];
  private withholding = false;
  private readonly rewrites = new Map<string, Rewrite>();
  private readonly errorRewrites = new Map<string, Rewrite>();
  /** Methods answered by another node than the proxied one (its http:// RPC address). */
  private readonly diversions = new Map<string, string>();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    private readonly sockets: WebSocketServer,
    readonly url: string,
  ) {}

  /** A proxy for the node whose RPC is at `target` (its http:// address), on `port` (default: a free one; give an old proxy's port to bring it back). */
  static async start(target: string, port = 0): Promise<TamperProxy> {
    const server = createServer();
    const sockets = new WebSocketServer({ server });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const proxy = new TamperProxy(server, sockets, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    server.on('request', (req, res) => void proxy.http(target, req, res));
    sockets.on('connection', (client) => proxy.socket(target.replace(/^http/, 'ws'), client));
    return proxy;
  }

  /** From now on, results of `method` pass through `rewrite` (params are the request's). */
  rewrite(method: string, rewrite: Rewrite): void {
    this.rewrites.set(method, rewrite);
  }

  /** From now on error answers to `method` pass through `rewrite` (the error object {code, message, data}). */
  rewriteError(method: string, rewrite: Rewrite): void {
    this.errorRewrites.set(method, rewrite);
  }

  /**
   * Withholding: from now on `chain.info` keeps giving the answer it gives next (the head frozen
   * there) and no subscription notification (new heads) is passed on. Nothing it sends is false;
   * it only stops telling of anything newer.
   */
  withhold(): void {
    let frozen: any;
    this.withholding = true;
    this.rewrite('chain.info', (result) => (frozen ??= result));
  }

  /**
   * From now on requests for `method` go to the node at `target` (its http:// address) instead: e.g. one
   * endpoint whose chain comes from one node and whose pool is another's. Single requests only, not batches.
   */
  divert(method: string, target: string): void {
    this.diversions.set(method, target);
  }

  /** Honest again. */
  clear(): void {
    this.rewrites.clear();
    this.errorRewrites.clear();
    this.withholding = false;
  }

  /** Closes every client WebSocket, as a network drop would. */
  dropConnections(): void {
    for (const client of this.sockets.clients) client.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private note(request: Message): void {
    if (typeof request.method === 'string') this.requests.push({ method: request.method, params: request.params });
  }

  private tamper(request: Message | undefined, response: Message): Message {
    const rewriteError = request?.method ? this.errorRewrites.get(request.method) : undefined;
    if (rewriteError && 'error' in response)
      return { ...response, error: rewriteError(structuredClone(response.error), request!.params) };
    const rewrite = request?.method ? this.rewrites.get(request.method) : undefined;
    if (!rewrite || !('result' in response)) return response;
    return { ...response, result: rewrite(structuredClone(response.result), request!.params) };
  }

  private async http(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const upstream = await fetch(this.targetOf(body, target), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    let text = await upstream.text();
    try {
      const request = JSON.parse(body) as Message | Message[];
      const response = JSON.parse(text) as Message | Message[];
      if (Array.isArray(request) && Array.isArray(response)) {
        request.forEach((r) => this.note(r));
        text = JSON.stringify(
          response.map((r) =>
            this.tamper(
              request.find((q) => q.id === r.id),
              r,
            ),
          ),
        );
      } else if (!Array.isArray(request) && !Array.isArray(response)) {
        this.note(request);
        text = JSON.stringify(this.tamper(request, response));
      }
    } catch {
      // not JSON: pass it on untouched
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
  }

  /** Where a request goes: the node its method is diverted to, else the proxied one. */
  private targetOf(body: string, target: string): string {
    try {
      const request = JSON.parse(body) as Message;
      return (typeof request.method === 'string' && this.diversions.get(request.method)) || target;
    } catch {
      return target;
    }
  }

  private socket(target: string, client: WebSocket): void {
    const asked = new Map<unknown, Message>();
    // One upstream socket per node this client's requests go to: the proxied one, and any a method is diverted to.
    const upstreams = new Map<string, { socket: WebSocket; waiting: string[] }>();
    const end = () => {
      client.terminate();
      for (const { socket } of upstreams.values()) socket.terminate();
    };
    const upstreamTo = (url: string) => {
      let upstream = upstreams.get(url);
      if (!upstream) {
        upstream = { socket: new WebSocket(url), waiting: [] };
        upstreams.set(url, upstream);
        relay(upstream.socket, upstream.waiting);
      }
      return upstream;
    };
    const relay = (upstream: WebSocket, waiting: string[]) => {
      upstream.on('open', () => waiting.splice(0).forEach((text) => upstream.send(text)));
      upstream.on('message', (data) => {
        let text = data.toString();
        try {
          const response = JSON.parse(text) as Message;
          if (this.withholding && response.id === undefined) return; // a notification: withheld
          const request = response.id !== undefined ? asked.get(response.id) : undefined;
          asked.delete(response.id);
          text = JSON.stringify(this.tamper(request, response));
        } catch {
          // not JSON: pass it on untouched
        }
        if (client.readyState === WebSocket.OPEN) client.send(text);
      });
      upstream.on('close', end);
      upstream.on('error', end);
    };
    upstreamTo(target);
    client.on('message', (data) => {
      const text = data.toString();
      const { socket: upstream, waiting } = upstreamTo(this.targetOf(text, target).replace(/^http/, 'ws'));
      try {
        const request = JSON.parse(text) as Message;
        this.note(request);
        if (request.id !== undefined) asked.set(request.id, request);
      } catch {
        // forwarded as is; the node answers the parse error
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else waiting.push(text);
    });
    client.on('close', end);
    client.on('error', end);
  }
}
