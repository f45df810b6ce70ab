// A hand-written client speaking the wire format directly over TLS (only the certificate helper from chain/p2p), for hostile tests.
import WebSocket from 'ws';
import { TLS_VERSIONS, tlsIdentity } from '../../../chain/p2p/index.ts';
import { CHAIN_ID, GENESIS, hex, type Key } from './helpers.ts';

export interface Received {
  data: Buffer;
  isBinary: boolean;
}

export interface HelloFields {
  protocolVersion?: number;
  chainId?: string;
  genesisHash?: string;
  [extra: string]: unknown;
}

export class RawPeer {
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly queue: Received[] = [];
  private readonly waiters: ((message: Received) => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter({ data, isBinary });
      else this.queue.push({ data, isBinary });
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens TLS to the node showing `key`'s certificate (or none at all), then the WebSocket; `localAddress` e.g. 127.0.0.2. */
  static open(url: string, key?: Key, localAddress?: string): Promise<RawPeer> {
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      rejectUnauthorized: false,
      ...TLS_VERSIONS,
      ...(key ? tlsIdentity(key.secretKey) : {}),
      ...(localAddress ? { localAddress } : {}),
    });
    const peer = new RawPeer(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(peer));
      socket.once('error', reject);
    });
  }

  next(): Promise<Received> {
    const queued = this.queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => this.waiters.push(resolve));
  }

  async nextJson(): Promise<any> {
    const message = await this.next();
    if (message.isBinary) throw new Error('expected a text frame');
    return JSON.parse(message.data.toString('utf8'));
  }

  sendJson(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  sendHello(fields: HelloFields = {}): void {
    this.sendJson({ type: 'hello', protocolVersion: 2, chainId: CHAIN_ID, genesisHash: hex(GENESIS), ...fields });
  }

  /** A complete, honest handshake (TLS already showed the key); returns the node's hello. */
  async handshake(): Promise<{ hello: any }> {
    const hello = await this.nextJson();
    this.sendHello();
    return { hello };
  }

  sendBinary(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  close(): void {
    this.socket.terminate();
  }
}
