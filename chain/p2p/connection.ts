import { WebSocket } from 'ws';
import type { TokenBucket } from '../rpc/limits.ts';
import { closeReason } from './close-codes.ts';
import type { P2PCounters } from './counters.ts';
import type { AuthenticatedPeer } from './handshake.ts';
import type { Direction, PeerRef } from './types.ts';

/** After a close frame, how long the other side gets to answer before the socket is cut. */
const CLOSE_GRACE_MS = 1_000;

export interface PendingRequest {
  resolve(answer: Uint8Array): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface Identity extends AuthenticatedPeer {
  connectedAt: number;
  ref: PeerRef;
}

/** One WebSocket over TLS to another node: its handshake, then (once authenticated) its peer state. */
export class Connection {
  /** The Ed25519 key of the peer's TLS certificate (TLS proved the peer holds it), once TLS is done. */
  peerKey?: Uint8Array;
  /** The peer's IP address, once connected: with the key, what scores and bans are kept under. */
  sourceAddress?: string;
  /** The peer's TCP port, for inbound connections (to free its pending-handshake slot). */
  tlsPort?: number;
  /** Our hello went out (the peer's key passed screening). */
  helloSent = false;
  /** Set once the handshake completed and this connection was kept. */
  identity?: Identity;
  bucket?: TokenBucket;
  /** The peer this connection authenticated, even if it was then dropped as a duplicate. */
  authenticatedId?: string;
  /** Why this node ended the connection, if it did. */
  localClose?: { code: number; reason: string };
  /** Requests we sent on this connection, by id. */
  readonly pending = new Map<number, PendingRequest>();
  /** Requests from the peer being answered now. */
  serving = 0;
  /** Answered the last ping. */
  alive = true;
  readonly ended: Promise<void>;
  private markEnded!: () => void;
  private nextRequestId = 0;
  private handshakeTimer?: NodeJS.Timeout;
  private killTimer?: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    readonly direction: Direction,
    readonly remoteAddress: string | undefined,
    private readonly counters: P2PCounters,
  ) {
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
  }

  get id(): string {
    return this.identity!.id;
  }

  /** Whom a penalty is charged to: this key from this address (see Scoreboard). */
  get offender(): string {
    return offenderKey(this.identity!.id, this.sourceAddress);
  }

  armHandshakeTimeout(ms: number, onTimeout: () => void): void {
    this.handshakeTimer = setTimeout(onTimeout, ms);
  }

  authenticate(peer: AuthenticatedPeer, bucket: TokenBucket): void {
    clearTimeout(this.handshakeTimer);
    this.authenticatedId = peer.id;
    this.bucket = bucket;
    this.identity = {
      ...peer,
      connectedAt: Date.now(),
      ref: Object.freeze({ id: peer.id, publicKey: peer.publicKey }),
    };
  }

  /** False when not sent: the socket is not open, or (for droppable gossip) its buffer is over the limit. */
  send(data: Uint8Array | string, maxBuffered = Infinity): boolean {
    if (this.socket.readyState !== WebSocket.OPEN || this.localClose) return false;
    if (this.socket.bufferedAmount > maxBuffered) return false;
    this.socket.send(data);
    this.counters.framesOut++;
    this.counters.bytesOut += data.length;
    return true;
  }

  nextId(): number {
    do this.nextRequestId = (this.nextRequestId + 1) >>> 0;
    while (this.pending.has(this.nextRequestId));
    return this.nextRequestId;
  }

  /** Closes with a code the other side can read; cuts the socket if it does not answer in time. */
  shut(code: number, reason: string): void {
    if (this.localClose) return;
    this.localClose = { code, reason };
    clearTimeout(this.handshakeTimer);
    this.socket.close(code, closeReason(reason));
    this.killTimer = setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS);
  }

  /** For a peer that stopped answering: no close handshake to wait for. */
  terminate(code: number, reason: string): void {
    this.localClose ??= { code, reason };
    this.socket.terminate();
  }

  /** Called from the socket's close event. */
  dispose(): void {
    clearTimeout(this.handshakeTimer);
    clearTimeout(this.killTimer);
    this.markEnded();
  }
}

/** Scores and bans are kept per key and source address: `<key hex>@<ip>`. */
export function offenderKey(peerId: string, address: string | undefined): string {
  return `${peerId}@${address ?? 'unknown'}`;
}
