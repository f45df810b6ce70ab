// The public shapes of the P2P layer: what topic and request handlers, and the node's users, see.

/** A topic handler's judgement of a message: gossip it on, drop it quietly, or blame the sender. */
export type Verdict = 'accept' | 'ignore' | 'reject';

export type Direction = 'inbound' | 'outbound';

/** The authenticated peer a message came from; `id` is the hex of its consensus public key. */
export interface PeerRef {
  readonly id: string;
  readonly publicKey: Uint8Array;
}

export interface TopicHandler {
  /** Payloads longer than this are refused and count against the sender. */
  maxBytes: number;
  /** Forward accepted messages to the other peers. */
  gossip: boolean;
  /**
   * 'accept': valid and new to the application; 'ignore': not useful (stale, already known, not yet
   * checkable) but not the sender's fault; 'reject': provably invalid, the sender is scored down.
   * The payload must not be modified: the same bytes are forwarded.
   */
  handle(payload: Uint8Array, peer: PeerRef): Verdict | Promise<Verdict>;
}

export interface RequestHandler {
  maxBytes: number;
  /** The answer; a throw is sent back to the requester as a remote error. */
  handle(payload: Uint8Array, peer: PeerRef): Uint8Array | Promise<Uint8Array>;
}

export interface PeerInfo {
  id: string;
  /** Hex of the consensus public key (the same as id). */
  publicKey: string;
  direction: Direction;
  score: number;
  /** Milliseconds since the epoch. */
  connectedAt: number;
  /** The URL the peer says it listens on (not verified). */
  listenUrl?: string;
  remoteAddress?: string;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** True when this node ended the connection. */
  local: boolean;
}

export interface HandshakeRejection extends CloseInfo {
  direction: Direction;
  remoteAddress?: string;
  /** The key of the remote's TLS certificate, when it got that far. */
  publicKey?: string;
}

export interface BanInfo {
  id: string;
  until: number;
  reason: string;
  /** The address the ban applies to: a key is banned per source address (README: Misbehaviour). */
  remoteAddress?: string;
}

/** Events of a P2P node (Node's EventEmitter, typed). */
export type P2PEvents = {
  peerConnected: [peer: PeerInfo];
  peerDisconnected: [peer: PeerInfo, close: CloseInfo];
  peerBanned: [ban: BanInfo];
  handshakeRejected: [rejection: HandshakeRejection];
};

/** The subset of a pino logger the P2P layer uses, so any pino instance (or a child) fits. */
export interface P2PLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type P2PErrorCode =
  | 'not-connected'
  | 'disconnected'
  | 'closed'
  | 'timeout'
  | 'too-many-requests'
  | 'busy'
  | 'unknown-topic'
  | 'too-large'
  | 'remote-error';

export class P2PError extends Error {
  override readonly name = 'P2PError';
  constructor(
    readonly code: P2PErrorCode,
    message: string,
  ) {
    super(message);
  }
}
