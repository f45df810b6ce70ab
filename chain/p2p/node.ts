import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import pino from 'pino';
import type { TLSSocket } from 'node:tls';
import { WebSocket, type RawData } from 'ws';
import { isValidChainId, publicKeyFromSecret, type SignatureVerifier } from '../../shared/core/crypto/index.ts';
import { TokenBucket } from '../rpc/limits.ts';
import { CloseCode } from './close-codes.ts';
import { Connection, offenderKey } from './connection.ts';
import { zeroCounters, type P2PCounters } from './counters.ts';
import { Dialer, type DialOutcome } from './dialer.ts';
import { Gossip } from './gossip.ts';
import { helloText, receiveHello, type AuthenticatedPeer, type Refusal } from './handshake.ts';
import { bytesToHex } from './hex.ts';
import { ed25519KeyOf, tlsIdentity, type TlsIdentity } from './identity.ts';
import { resolveLimits, type P2PLimits } from './limits.ts';
import { listen, TLS_VERSIONS, type Listener } from './listener.ts';
import { Requests } from './requests.ts';
import { Scoreboard, type Offence } from './scoreboard.ts';
import type { CloseInfo, Direction, P2PEvents, P2PLogger, PeerInfo, RequestHandler, TopicHandler } from './types.ts';
import { P2PError } from './types.ts';
import { decodeFrame } from './wire.ts';

export interface P2PNodeOptions {
  chainId: string;
  /** 32 bytes. */
  genesisHash: Uint8Array;
  /** The node's consensus secret key (32-byte Ed25519 seed); its public key, in hex, is the node's peer id. */
  secretKey: Uint8Array;
  /** Whether a key may connect: the chain's consensus keys plus configured observers. */
  isAdmitted(publicKey: Uint8Array): boolean;
  /** Interface to listen on; 127.0.0.1 unless given. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The URL announced in the hello; wss://host:port/p2p unless given. */
  listenUrl?: string;
  /** Peer URLs (wss://host:port/p2p; a ws:// URL is dialed as wss://) to keep connected to. */
  peers?: readonly string[];
  limits?: Partial<P2PLimits>;
  /** A pino logger (or anything with its debug/info/warn/error); silent by default. */
  logger?: P2PLogger;
  /** Unused since protocol 2 (TLS checks the peer's signature); kept so existing callers compile. */
  verifier?: SignatureVerifier;
}

export interface RequestOptions {
  timeoutMs?: number;
}

/** A permissioned, authenticated gossip node; see chain/p2p/README.md for the protocol. */
export class P2PNode extends EventEmitter<P2PEvents> {
  /** Hex of the consensus public key. */
  readonly id: string;
  readonly publicKey: Uint8Array;
  readonly limits: Readonly<P2PLimits>;
  private readonly log: P2PLogger;
  private readonly stats: P2PCounters = zeroCounters();
  private readonly scoreboard: Scoreboard;
  private readonly gossip: Gossip;
  private readonly requests: Requests;
  private readonly dialer: Dialer;
  private readonly connections = new Set<Connection>();
  private readonly peersById = new Map<string, Connection>();
  private listener?: Listener;
  private heartbeat?: NodeJS.Timeout;
  private listenUrl = '';
  private closing?: Promise<void>;
  private readonly identity: TlsIdentity;

  static async start(options: P2PNodeOptions): Promise<P2PNode> {
    const node = new P2PNode(options);
    await node.listen();
    return node;
  }

  private constructor(private readonly options: P2PNodeOptions) {
    super();
    if (!isValidChainId(options.chainId)) throw new RangeError('Invalid chain id');
    if (!(options.genesisHash instanceof Uint8Array) || options.genesisHash.length !== 32)
      throw new RangeError('genesisHash must be 32 bytes');
    for (const url of options.peers ?? []) peerUrl(url); // before listening, so a typo leaks no server
    this.publicKey = publicKeyFromSecret(options.secretKey);
    this.id = bytesToHex(this.publicKey);
    this.identity = tlsIdentity(options.secretKey);
    this.limits = resolveLimits(options.limits);
    this.log = options.logger ?? pino({ level: 'silent' });
    this.scoreboard = new Scoreboard({
      banScore: this.limits.banScore,
      banDurationMs: this.limits.banDurationMs,
      recoveryPerSecond: this.limits.scoreRecoveryPerSecond,
    });
    const host = {
      peers: () => this.peersById.values(),
      penalize: (peerId: string, offence: Offence, detail: string) => this.penalizePeer(peerId, offence, detail),
      counters: this.stats,
      log: this.log,
      maxBufferedBytes: this.limits.maxBufferedBytes,
      maxConcurrentRequests: this.limits.maxConcurrentRequests,
      maxFrameBytes: this.limits.maxFrameBytes,
    };
    this.gossip = new Gossip(host, this.limits.seenCacheSize);
    this.requests = new Requests(host);
    this.dialer = new Dialer(
      { connect: (url) => this.dial(url), holdMs: (peerId) => this.holdMs(peerId) },
      { minDelayMs: this.limits.redialMinMs, maxDelayMs: this.limits.redialMaxMs },
    );
  }

  /** The port listened on. */
  get port(): number {
    return this.listener?.port ?? 0;
  }

  /** This node's own URL, as peers should dial it. */
  get url(): string {
    return this.listenUrl;
  }

  registerTopic(topic: number, handler: TopicHandler): void {
    this.gossip.register(topic, handler);
  }

  registerRequest(topic: number, handler: RequestHandler): void {
    this.requests.register(topic, handler);
  }

  /** Sends to every connected peer and remembers the message as seen; returns how many peers got it. */
  broadcast(topic: number, payload: Uint8Array): number {
    return this.gossip.broadcast(topic, payload);
  }

  /** Sends to one peer; false when it is not connected. */
  send(peerId: string, topic: number, payload: Uint8Array): boolean {
    const peer = this.peersById.get(peerId);
    return peer ? this.gossip.send(peer, topic, payload) : false;
  }

  /** Asks one peer; rejects with a P2PError (timeout, not-connected, busy, remote-error, …). */
  request(peerId: string, topic: number, payload: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    const peer = this.peersById.get(peerId);
    if (!peer) return Promise.reject(new P2PError('not-connected', `Not connected to ${peerId.slice(0, 16)}…`));
    return this.requests.request(peer, topic, payload, options.timeoutMs ?? this.limits.defaultRequestTimeoutMs);
  }

  peers(): PeerInfo[] {
    return [...this.peersById.values()].map((conn) => this.info(conn));
  }

  counters(): P2PCounters {
    return { ...this.stats };
  }

  /** Whether this key is banned from any address. */
  isBanned(peerId: string): boolean {
    return this.scoreboard.banRemainingMsOf(`${peerId}@`) > 0;
  }

  /** Whether this key is banned when it comes from this address. */
  isBannedFrom(peerId: string, address: string): boolean {
    return this.scoreboard.isBanned(offenderKey(peerId, address));
  }

  /** Inbound connections still in TLS or the hello. */
  pendingHandshakes(): number {
    return this.listener?.pending.size ?? 0;
  }

  /** Keeps a connection to this URL from now on (for peers learned after start, e.g. from the chain). */
  addPeer(url: string): void {
    this.dialer.add(peerUrl(url));
  }

  /** Drops connected peers that isAdmitted now refuses (call after the admitted set changes); returns how many. */
  revalidatePeers(): number {
    let dropped = 0;
    for (const conn of this.peersById.values()) {
      if (this.admitted(conn.identity!.publicKey) && !this.scoreboard.isBanned(conn.offender)) continue;
      this.drop(conn, CloseCode.NOT_ADMITTED, 'key no longer admitted');
      dropped++;
    }
    return dropped;
  }

  /** Stops listening and dialing and closes every connection; resolves once all are gone. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    const dialing = this.dialer.close();
    for (const conn of this.connections) {
      this.requests.failAll(conn, 'closed', 'The P2P node is shutting down');
      this.drop(conn, CloseCode.SHUTDOWN, 'node shutting down');
    }
    await Promise.all([...this.connections].map((conn) => conn.ended));
    await dialing;
    await this.listener?.close();
  }

  private async listen(): Promise<void> {
    this.listener = await listen({
      host: this.options.host ?? '127.0.0.1',
      port: this.options.port ?? 0,
      maxFrameBytes: this.limits.maxFrameBytes,
      identity: this.identity,
      pending: {
        maxTotal: this.limits.maxPendingHandshakes,
        maxPerAddress: this.limits.maxPendingPerAddress,
        // After the connection's own timeout (which closes with a readable code), for sockets that never got that far.
        timeoutMs: this.limits.handshakeTimeoutMs + 1_000,
      },
      log: this.log,
      onConnection: (socket, tlsSocket) => this.onInbound(socket, tlsSocket),
    });
    this.listenUrl = this.options.listenUrl ?? this.listener.url;
    this.heartbeat = setInterval(() => this.ping(), this.limits.pingIntervalMs);
    for (const url of this.options.peers ?? []) this.addPeer(url);
    this.log.info({ id: this.id, url: this.listenUrl }, 'p2p listening');
  }

  private onInbound(socket: WebSocket, tlsSocket: TLSSocket): void {
    if (this.closing) {
      socket.on('error', () => {});
      socket.close(CloseCode.SHUTDOWN, 'shutting down');
      return;
    }
    this.stats.inboundConnections++;
    const conn = this.track(socket, 'inbound', tlsSocket.remoteAddress);
    conn.tlsPort = tlsSocket.remotePort;
    this.onChannel(conn, tlsSocket);
  }

  /** TLS is up: the peer's key is the one its certificate carries, which TLS made it prove; screen it, then say hello. */
  private onChannel(conn: Connection, tlsSocket: TLSSocket): void {
    conn.sourceAddress = tlsSocket.remoteAddress;
    const key = ed25519KeyOf(tlsSocket.getPeerX509Certificate());
    if (!key) return this.refuse(conn, { code: CloseCode.BAD_CERTIFICATE, reason: 'no Ed25519 certificate' });
    conn.peerKey = key;
    const refusal = this.screen(conn, key);
    if (refusal) return this.refuse(conn, refusal);
    conn.helloSent = conn.send(
      helloText({ chainId: this.options.chainId, genesisHash: this.options.genesisHash, listenUrl: this.listenUrl }),
    );
  }

  /** One outbound attempt, for the dialer: resolves when the connection has ended. */
  private dial(url: string): Promise<DialOutcome> {
    if (this.closing) return Promise.resolve({ authenticated: false });
    this.stats.dialAttempts++;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {
        maxPayload: this.limits.maxFrameBytes,
        perMessageDeflate: false,
        handshakeTimeout: this.limits.handshakeTimeoutMs,
        followRedirects: false,
        ...this.identity,
        ...TLS_VERSIONS,
        // No CA and no host name: the server's certificate key is checked against admission in onChannel.
        rejectUnauthorized: false,
      });
    } catch (error) {
      this.log.error({ err: error, url }, 'cannot dial peer URL');
      return Promise.resolve({ authenticated: false });
    }
    const conn = this.track(socket, 'outbound', url);
    let tlsSocket: TLSSocket | undefined;
    socket.once('upgrade', (response) => (tlsSocket = response.socket as TLSSocket));
    socket.once('open', () => this.onChannel(conn, tlsSocket!));
    return conn.ended.then(() => ({
      authenticated: conn.authenticatedId !== undefined,
      peerId: conn.authenticatedId ?? holdKey(conn),
    }));
  }

  private track(socket: WebSocket, direction: Direction, remoteAddress: string | undefined): Connection {
    const conn = new Connection(socket, direction, remoteAddress, this.stats);
    this.connections.add(conn);
    conn.armHandshakeTimeout(this.limits.handshakeTimeoutMs, () =>
      this.refuse(conn, { code: CloseCode.HANDSHAKE_TIMEOUT, reason: 'handshake timed out' }),
    );
    socket.on('message', (data, isBinary) => this.onSocketMessage(conn, data, isBinary));
    socket.on('pong', () => (conn.alive = true));
    socket.on('error', (error) => this.onSocketError(conn, error));
    socket.once('close', (code, reason) => this.onSocketClose(conn, code, reason.toString()));
    return conn;
  }

  private screen(conn: Connection, publicKey: Uint8Array): Refusal | null {
    const id = bytesToHex(publicKey);
    if (id === this.id) return { code: CloseCode.SELF, reason: 'connected to itself' };
    if (this.scoreboard.isBanned(offenderKey(id, conn.sourceAddress)))
      return { code: CloseCode.BANNED, reason: 'banned for misbehaviour' };
    if (!this.admitted(publicKey)) return { code: CloseCode.NOT_ADMITTED, reason: 'key not admitted to this network' };
    return null;
  }

  /** The application's admission callback; one that throws admits no one rather than crashing the socket handler. */
  private admitted(publicKey: Uint8Array): boolean {
    try {
      return this.options.isAdmitted(publicKey) === true;
    } catch (error) {
      this.log.error({ err: error }, 'isAdmitted threw; key refused');
      return false;
    }
  }

  private onSocketMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.localClose) return; // on its way out: nothing it sends matters now
    const bytes = toBytes(data);
    if (conn.identity) return this.onFrame(conn, bytes, isBinary);
    if (!conn.helloSent || !conn.peerKey) return; // refused or not yet screened: nothing it says matters
    if (isBinary) return this.refuse(conn, { code: CloseCode.PROTOCOL, reason: 'binary frame before the hello' });
    const step = receiveHello(
      { chainId: this.options.chainId, genesisHash: this.options.genesisHash },
      conn.peerKey,
      bytes,
    );
    if (step.kind === 'refuse') this.refuse(conn, step.refusal);
    else this.onAuthenticated(conn, step.peer);
  }

  private refuse(conn: Connection, refusal: Refusal): void {
    if (conn.localClose) return;
    this.stats.handshakesRejected++;
    const publicKey = peerKeyHex(conn);
    this.log.warn(
      { direction: conn.direction, remote: conn.remoteAddress, publicKey, ...refusal },
      'p2p handshake refused',
    );
    conn.shut(refusal.code, refusal.reason);
    this.emit('handshakeRejected', {
      ...refusal,
      local: true,
      direction: conn.direction,
      ...(conn.remoteAddress === undefined ? {} : { remoteAddress: conn.remoteAddress }),
      ...(publicKey === undefined ? {} : { publicKey }),
    });
  }

  private onAuthenticated(conn: Connection, peer: AuthenticatedPeer): void {
    const existing = this.peersById.get(peer.id);
    if (!existing && this.peersById.size >= this.limits.maxPeers) {
      return this.refuse(conn, { code: CloseCode.TOO_MANY_PEERS, reason: 'peer limit reached' });
    }
    conn.authenticate(peer, new TokenBucket(this.limits.messagesPerSecond, this.limits.messageBurst));
    if (conn.direction === 'inbound') this.listener?.pending.settle(conn.remoteAddress, conn.tlsPort);
    this.stats.handshakesCompleted++;
    if (existing) {
      this.stats.duplicateConnections++;
      const [keep, drop] = this.preferred(existing, conn) === conn ? [conn, existing] : [existing, conn];
      this.requests.failAll(drop, 'disconnected', 'Connection replaced by another to the same peer');
      drop.shut(CloseCode.DUPLICATE, 'already connected to this peer');
      this.peersById.set(peer.id, keep);
      return;
    }
    this.peersById.set(peer.id, conn);
    this.log.info({ peer: peer.id, direction: conn.direction, remote: conn.remoteAddress }, 'peer connected');
    this.emit('peerConnected', this.info(conn));
  }

  /**
   * Of two connections to one peer, both ends must keep the same one: the one dialed by the lower key,
   * or, when one side dialed both (it restarted and the old socket has not died yet here), the newer.
   */
  private preferred(existing: Connection, fresh: Connection): Connection {
    const dialer = (conn: Connection) => (conn.direction === 'outbound' ? this.id : conn.id);
    if (existing.localClose || dialer(existing) === dialer(fresh)) return fresh;
    return dialer(fresh) < dialer(existing) ? fresh : existing;
  }

  private onFrame(conn: Connection, bytes: Uint8Array, isBinary: boolean): void {
    this.stats.framesIn++;
    this.stats.bytesIn += bytes.length;
    if (!conn.bucket!.take()) {
      this.stats.rateLimited++;
      return this.penalize(conn, 'rateLimited', 'over the message rate');
    }
    if (!isBinary) return this.penalize(conn, 'malformed', 'text frame after the handshake');
    const frame = decodeFrame(bytes);
    if (!frame) return this.penalize(conn, 'malformed', 'not a frame of this protocol');
    if (frame.kind === 'message') this.gossip.onMessage(conn, frame.topic, frame.payload, bytes);
    else if (frame.kind === 'request') this.requests.onRequest(conn, frame);
    else this.requests.onResponse(conn, frame);
  }

  /** For gossip and requests, which know the peer by id: charged to its connection (which may since have ended). */
  private penalizePeer(peerId: string, offence: Offence, detail: string): void {
    const conn = this.peersById.get(peerId) ?? [...this.connections].find((c) => c.authenticatedId === peerId);
    if (conn?.identity) this.penalize(conn, offence, detail);
  }

  /**
   * Charges the offence to the connection's key and source address. The key is the one TLS proved the
   * peer holds, so no session can be charged to another node's key; and the address means a stolen or
   * shared key misbehaving elsewhere does not lock out the node that holds it (README: Misbehaviour).
   */
  private penalize(conn: Connection, offence: Offence, detail: string): void {
    const offender = conn.offender;
    const { score, banned } = this.scoreboard.penalize(offender, offence);
    this.stats.penalties++;
    this.log.warn({ peer: conn.id, address: conn.sourceAddress, offence, detail, score }, 'peer penalized');
    if (!banned) return;
    this.stats.bans++;
    const until = this.scoreboard.bannedUntil(offender) ?? Date.now();
    this.log.warn(
      { peer: conn.id, address: conn.sourceAddress, offence, until: new Date(until).toISOString() },
      'peer banned',
    );
    this.emit('peerBanned', {
      id: conn.id,
      until,
      reason: offence,
      ...(conn.sourceAddress === undefined ? {} : { remoteAddress: conn.sourceAddress }),
    });
    if (this.peersById.get(conn.id) === conn || !conn.localClose)
      this.drop(conn, CloseCode.MISBEHAVIOUR, `banned: ${offence}`);
  }

  private onSocketError(conn: Connection, error: Error & { code?: string }): void {
    // ws reports protocol violations (oversize, bad framing, bad UTF-8) here, then closes the socket itself.
    if (error.code?.startsWith('WS_ERR_')) {
      const oversize = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      if (conn.identity && !conn.localClose) this.penalize(conn, oversize ? 'oversize' : 'malformed', error.message);
      conn.localClose ??= { code: oversize ? 1009 : 1002, reason: error.message };
      this.detach(conn, { ...conn.localClose, local: true });
    }
    this.log.debug({ err: error, direction: conn.direction, remote: conn.remoteAddress }, 'p2p socket error');
  }

  private onSocketClose(conn: Connection, code: number, reason: string): void {
    conn.dispose();
    this.connections.delete(conn);
    const close: CloseInfo = conn.localClose ? { ...conn.localClose, local: true } : { code, reason, local: false };
    if (conn.identity) {
      this.detach(conn, close);
      this.requests.failAll(conn, 'disconnected', `Peer disconnected: ${close.reason || close.code}`);
    } else if (!close.local && code >= 4000 && code < 5000 && !conn.authenticatedId) {
      this.stats.handshakesRefusedByPeer++;
      const publicKey = peerKeyHex(conn);
      this.log.warn(
        { direction: conn.direction, remote: conn.remoteAddress, code, reason },
        'peer refused the handshake',
      );
      this.emit('handshakeRejected', {
        ...close,
        direction: conn.direction,
        ...(conn.remoteAddress === undefined ? {} : { remoteAddress: conn.remoteAddress }),
        ...(publicKey === undefined ? {} : { publicKey }),
      });
    }
  }

  /** Ends a connection; an authenticated peer stops counting as connected at once, not when the socket is gone. */
  private drop(conn: Connection, code: number, reason: string): void {
    this.detach(conn, { code, reason, local: true });
    conn.shut(code, reason);
  }

  /** Forgets a kept peer connection: its requests fail, listeners hear of it, its URL may be dialed again. */
  private detach(conn: Connection, close: CloseInfo): void {
    if (!conn.identity || this.peersById.get(conn.id) !== conn) return;
    this.peersById.delete(conn.id);
    this.requests.failAll(conn, 'disconnected', `Peer disconnected: ${close.reason || close.code}`);
    this.scoreboard.prune(conn.offender);
    this.log.info({ peer: conn.id, ...close }, 'peer disconnected');
    this.emit('peerDisconnected', this.info(conn), close);
    this.dialer.wake(conn.id);
  }

  /** How long the dialer waits before dialing a known peer again. */
  private holdMs(peerId: string): number {
    if (peerId === this.id || this.peersById.has(peerId)) return Infinity;
    return this.scoreboard.banRemainingMsOf(`${peerId}@`);
  }

  private ping(): void {
    for (const conn of this.peersById.values()) {
      if (!conn.alive) {
        this.detach(conn, { code: CloseCode.PING_TIMEOUT, reason: 'no answer to ping', local: true });
        conn.terminate(CloseCode.PING_TIMEOUT, 'no answer to ping');
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  private info(conn: Connection): PeerInfo {
    const identity = conn.identity!;
    return {
      id: identity.id,
      publicKey: identity.id,
      direction: conn.direction,
      score: this.scoreboard.score(conn.offender),
      connectedAt: identity.connectedAt,
      ...(identity.listenUrl === undefined ? {} : { listenUrl: identity.listenUrl }),
      ...(conn.remoteAddress === undefined ? {} : { remoteAddress: conn.remoteAddress }),
    };
  }
}

/**
 * The URL to dial: wss:// as given, and ws:// (peer lists and devnet folders from before protocol 2)
 * read as the same address over TLS, since nodes no longer listen without it.
 */
export function peerUrl(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') || parsed.hash) {
    throw new RangeError(
      `Peer URL must be wss://host:port/p2p (ws:// is read as wss://) without a fragment, got ${JSON.stringify(url)}`,
    );
  }
  return parsed.protocol === 'ws:' ? `wss:${url.slice('ws:'.length)}` : url;
}

function peerKeyHex(conn: Connection): string | undefined {
  return conn.peerKey && bytesToHex(conn.peerKey);
}

/** A refused dial still tells the dialer whom to hold off: itself, or a peer this node banned. */
function holdKey(conn: Connection): string | undefined {
  const code = conn.localClose?.code;
  return code === CloseCode.SELF || code === CloseCode.BANNED ? peerKeyHex(conn) : undefined;
}

/** A private copy as a plain Uint8Array: handlers may keep payloads, and ws may hand out views of shared buffers. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}
