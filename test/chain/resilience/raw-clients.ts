// Hand-written clients for hostile tests: a JSON-RPC WebSocket client and a P2P peer speaking the wire format directly.
import WebSocket from 'ws';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateSecretKey, publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import { TLS_VERSIONS, tlsIdentity } from '../../../chain/p2p/index.ts';

interface Received {
  data: Buffer;
  isBinary: boolean;
}

/** A WebSocket that queues what it receives and reports how it closed. */
export class RawSocket {
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly received: Received[] = [];
  private readonly waiters: (() => void)[] = [];
  private read = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      this.received.push({ data, isBinary });
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a socket; rejects if the upgrade fails (e.g. a wrong path). For wss:// P2P URLs, `key`'s certificate is shown. */
  static open(url: string, key?: PeerKey): Promise<RawSocket> {
    const tls = url.startsWith('wss:')
      ? { ...TLS_VERSIONS, rejectUnauthorized: false, ...(key ? tlsIdentity(key.secretKey) : {}) }
      : {};
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024, ...tls });
    const raw = new RawSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(raw));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  /** The next frame not yet read, waiting up to timeoutMs. */
  async next(timeoutMs = 20_000): Promise<Received> {
    const start = Date.now();
    while (this.read >= this.received.length) {
      if (Date.now() - start > timeoutMs) throw new Error(`no frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received[this.read++]!;
  }

  async nextJson(timeoutMs?: number): Promise<any> {
    const frame = await this.next(timeoutMs);
    if (frame.isBinary) throw new Error('expected a text frame');
    return JSON.parse(frame.data.toString('utf8'));
  }

  /** Reads frames until one matches. */
  async nextMatching(match: (json: any) => boolean, timeoutMs = 20_000): Promise<any> {
    const start = Date.now();
    for (;;) {
      const json = await this.nextJson(Math.max(1, timeoutMs - (Date.now() - start)));
      if (match(json)) return json;
    }
  }

  sendText(text: string): void {
    this.socket.send(text, { binary: false });
  }

  sendJson(value: unknown): void {
    this.sendText(JSON.stringify(value));
  }

  sendBinary(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  /** Waits for the close (with a generous timeout so a missed refusal fails the test rather than hangs it). */
  async closedWithin(timeoutMs = 20_000): Promise<{ code: number; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs)),
    );
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  terminate(): void {
    this.socket.terminate();
  }
}

export interface PeerKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  id: string;
}

export function peerKey(secretKey: Uint8Array = generateSecretKey()): PeerKey {
  const publicKey = publicKeyFromSecret(secretKey);
  return { secretKey, publicKey, id: bytesToHex(publicKey) };
}

/** Hello fields a test may override (or set to break the handshake). */
export type HelloOverrides = Record<string, unknown>;

/** The P2P hello by hand (chain/p2p/README.md), against one network's chain id and genesis hash; TLS shows the key. */
export class HandshakeSpeaker {
  constructor(
    readonly chainId: string,
    readonly genesisHash: Uint8Array,
  ) {}

  hello(overrides: HelloOverrides = {}): Record<string, unknown> {
    return {
      type: 'hello',
      protocolVersion: 2,
      chainId: this.chainId,
      genesisHash: bytesToHex(this.genesisHash),
      ...overrides,
    };
  }

  /** A complete, honest handshake on a socket opened with an admitted key; returns the node's hello. */
  async handshake(socket: RawSocket): Promise<{ hello: any }> {
    const hello = await socket.nextJson();
    socket.sendJson(this.hello());
    return { hello };
  }
}
