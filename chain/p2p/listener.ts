import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { P2PLogger } from './types.ts';

export const P2P_PATH = '/p2p';

export interface Listener {
  port: number;
  /** ws://host:port/p2p */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  log: P2PLogger;
  onConnection(socket: WebSocket, remoteAddress: string | undefined): void;
}

/** The HTTP server that upgrades WebSockets at /p2p (other paths get 400, plain requests 426). */
export async function listen(options: ListenOptions): Promise<Listener> {
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end(`WebSocket upgrade required at ${P2P_PATH}\n`);
  });
  // Compression is off: inflating attacker-chosen data is a memory risk, and payloads are mostly signatures and hashes.
  const wss = new WebSocketServer({ server, path: P2P_PATH, maxPayload: options.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
  wss.on('connection', (socket, req) => options.onConnection(socket, req.socket.remoteAddress));
  wss.on('error', (error) => options.log.error({ err: error }, 'p2p server error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.log.error({ err: error }, 'p2p listener error'));
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    port,
    url: `ws://${host}:${port}${P2P_PATH}`,
    async close() {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
