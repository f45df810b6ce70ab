// A hand-written client speaking the wire format directly (no code from chain/p2p), for hostile tests.
import WebSocket from 'ws';
import { SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import { CHAIN_ID, GENESIS, hex, type Key } from './helpers.ts';

export interface Received {
  data: Buffer;
  isBinary: boolean;
}

export interface HelloFields {
  protocolVersion?: number;
  chainId?: string;
  genesisHash?: string;
  publicKey?: string;
  challenge?: string;
}

export class RawPeer {
  readonly challenge = crypto.getRandomValues(new Uint8Array(32));
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
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string): Promise<RawPeer> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
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

  sendHello(key: Key, fields: HelloFields = {}): void {
    this.sendJson({
      type: 'hello',
      protocolVersion: 1,
      chainId: CHAIN_ID,
      genesisHash: hex(GENESIS),
      publicKey: key.id,
      challenge: hex(this.challenge),
      ...fields,
    });
  }

  /** The signature the protocol asks for: HANDSHAKE domain over peerChallenge ‖ own key ‖ peer key. */
  static authSignature(key: Key, peerChallenge: Uint8Array, peerKey: Uint8Array): Uint8Array {
    return signDomain(SigningDomain.HANDSHAKE, CHAIN_ID, Buffer.concat([peerChallenge, key.publicKey, peerKey]), key.secretKey);
  }

  /** A complete, honest handshake as `key`; returns the node's hello and auth. */
  async handshake(key: Key): Promise<{ hello: any; auth: any }> {
    const hello = await this.nextJson();
    this.sendHello(key);
    const signature = RawPeer.authSignature(key, Buffer.from(hello.challenge, 'hex'), Buffer.from(hello.publicKey, 'hex'));
    this.sendJson({ type: 'auth', signature: hex(signature) });
    const auth = await this.nextJson();
    return { hello, auth };
  }

  sendBinary(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  close(): void {
    this.socket.terminate();
  }
}
