import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TlsIdentity } from './identity.ts';
import { PendingConnections, type PendingLimits } from './pending.ts';
import type { P2PLogger } from './types.ts';

export const P2P_PATH = '/p2p';

/** TLS 1.3 only: its CertificateVerify signs the whole transcript (both key shares), which is what binds a key to a channel. */
export const TLS_VERSIONS = { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } as const;

export interface Listener {
  port: number;
  /** wss://host:port/p2p */
  url: string;
  readonly pending: PendingConnections;
  close(): Promise<void>;
}

export interface ListenOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  identity: TlsIdentity;
  pending: PendingLimits;
  log: P2PLogger;
  onConnection(socket: WebSocket, tlsSocket: TLSSocket): void;
}

/**
 * The TLS server that upgrades WebSockets at /p2p (other paths get 400, plain requests 426). It asks
 * every client for a certificate but accepts any: there is no CA, the node checks the certificate's
 * key itself (admission), and TLS has already checked that the client holds that key.
 */
export async function listen(options: ListenOptions): Promise<Listener> {
  const server = createServer(
    {
      ...options.identity,
      ...TLS_VERSIONS,
      requestCert: true,
      rejectUnauthorized: false,
      handshakeTimeout: options.pending.timeoutMs,
    },
    (_req, res) =>
      res.writeHead(426, { 'content-type': 'text/plain' }).end(`WebSocket upgrade required at ${P2P_PATH}\n`),
  );
  const pending = new PendingConnections(options.pending);
  server.on('connection', (socket: Socket) => pending.add(socket));
  server.on('tlsClientError', (error) => options.log.debug({ err: error }, 'p2p TLS handshake failed'));
  // Compression is off: inflating attacker-chosen data is a memory risk, and payloads are mostly signatures and hashes.
  const wss = new WebSocketServer({
    server,
    path: P2P_PATH,
    maxPayload: options.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  wss.on('connection', (socket, req) => options.onConnection(socket, req.socket as TLSSocket));
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
    url: `wss://${host}:${port}${P2P_PATH}`,
    pending,
    async close() {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      pending.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
