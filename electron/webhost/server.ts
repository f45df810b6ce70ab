import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security.ts';
import { fail } from '../../shared/contract/result.ts';
import type { Services } from '../services/index.ts';
import { parseClientFrame, type ServerFrame } from './frames.ts';

export interface WebHostOptions {
  services: Services;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed only in tests; otherwise a fresh random token per launch. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest frame a page may send; anything larger closes the socket (1009) instead of being buffered. */
export const MAX_FRAME_BYTES = 256 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** The request target against a fixed base; null when it is no valid URL (e.g. `//[`), never a throw. */
function parseRequestUrl(target: string | undefined): URL | null {
  // The base's host is a placeholder: only the path and query of the target are ever used.
  return URL.canParse(target ?? '/', 'http://localhost') ? new URL(target ?? '/', 'http://localhost') : null;
}

/** The decoded path of a request, or null when the target or its percent-escapes are malformed (`/%`). */
export function requestPath(target: string | undefined): string | null {
  const url = parseRequestUrl(target);
  if (!url) return null;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the built renderer and carries the IPC contract over a WebSocket on 127.0.0.1 only.
 * Guards: the Host header must name the loopback address we bound (DNS rebinding), the Origin of the
 * WebSocket must be this server, and the per-launch token must match.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    serveStatic(req, res).catch((error: unknown) => {
      process.stderr.write(
        `web host: failed to serve ${JSON.stringify(req.url)}: ${(error as Error)?.stack ?? String(error)}\n`,
      );
      if (!res.headersSent && !res.destroyed)
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error.\n');
      else res.destroy();
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request: unexpected Host header.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = requestPath(req.url);
    if (pathname === null) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: the path is not a valid URL path.\n');
      return;
    }
    const relative = normalize(pathname === '/' ? '/index.html' : pathname);
    let file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) {
      res.writeHead(404).end();
      return;
    }
    // Client-side routes fall back to the app shell.
    if (!(await stat(file).catch(() => null))?.isFile()) file = join(rendererDir, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('The renderer is not built. Run `npm run build`.\n');
    }
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
  });

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    if (!url) return refuse(400, 'Bad Request');
    if (url.pathname !== '/bridge') return refuse(404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(421, 'Misdirected Request');
    if (!allowedOrigins().has(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
    if (!sameToken(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    ws.on('message', (data, isBinary) => {
      const { id, call } = parseClientFrame(isBinary ? null : data.toString());
      if (!call.ok) {
        send({ type: 'result', id, result: call });
        return;
      }
      const { method, input } = call.value;
      options.services.registry
        .call(method, input)
        .then((result) => send({ type: 'result', id, result }))
        .catch((error: unknown) => {
          // The registry turns service errors into results; reaching here is a bug, reported without detail to the page.
          process.stderr.write(`web host: ${method} failed: ${(error as Error)?.stack ?? String(error)}\n`);
          send({
            type: 'result',
            id,
            result: fail('INTERNAL', "Internal error; the web host's output has the details."),
          });
        });
    });
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
  });
  const stopEvents = options.services.hub.listen((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      stopEvents();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
