/** Bounds and timings of the P2P layer; every one can be overridden in the node's options. */
export interface P2PLimits {
  /** Largest WebSocket message accepted (ws maxPayload); a bigger one closes the connection. */
  maxFrameBytes: number;
  /** Time from socket creation to a completed handshake (TLS and hello). */
  handshakeTimeoutMs: number;
  /** Inbound connections not yet through TLS and the hello, held at once; a new one past this cuts the oldest. */
  maxPendingHandshakes: number;
  /** …of them from one source address; a new one past this cuts that address's oldest. */
  maxPendingPerAddress: number;
  /** Authenticated peers held at once. */
  maxPeers: number;
  /** Sustained frames per second per peer (token bucket refill rate). */
  messagesPerSecond: number;
  /** Frames a peer may send in one burst (bucket size). */
  messageBurst: number;
  /** Requests in flight per peer, in each direction. */
  maxConcurrentRequests: number;
  defaultRequestTimeoutMs: number;
  /** Message ids remembered for de-duplication. */
  seenCacheSize: number;
  /** A peer whose score falls to or below this is disconnected and banned. */
  banScore: number;
  banDurationMs: number;
  /** Points a peer's negative score regains per second of good behaviour. */
  scoreRecoveryPerSecond: number;
  /** Redial backoff: the first delay, doubled per failed attempt up to the maximum. */
  redialMinMs: number;
  redialMaxMs: number;
  /** A peer that has not answered the previous ping by the next one is dropped. */
  pingIntervalMs: number;
  /** Gossip to a peer whose send buffer holds more than this is dropped (a slow reader). */
  maxBufferedBytes: number;
}

export const DEFAULT_P2P_LIMITS: Readonly<P2PLimits> = {
  maxFrameBytes: 4 * 1024 * 1024,
  handshakeTimeoutMs: 3_000,
  maxPendingHandshakes: 32,
  maxPendingPerAddress: 8,
  maxPeers: 128,
  messagesPerSecond: 1_000,
  messageBurst: 2_000,
  maxConcurrentRequests: 8,
  defaultRequestTimeoutMs: 10_000,
  seenCacheSize: 50_000,
  banScore: -100,
  banDurationMs: 10 * 60_000,
  scoreRecoveryPerSecond: 0.5,
  redialMinMs: 250,
  redialMaxMs: 30_000,
  pingIntervalMs: 15_000,
  maxBufferedBytes: 32 * 1024 * 1024,
};

/** Raises RangeError on a limit that would make the node misbehave (zero buckets, negative timeouts). */
export function resolveLimits(overrides: Partial<P2PLimits> = {}): P2PLimits {
  const limits = { ...DEFAULT_P2P_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (name === 'banScore') {
      if (!Number.isFinite(value) || value >= 0) throw new RangeError('banScore must be a negative number');
    } else if (name === 'scoreRecoveryPerSecond') {
      if (!Number.isFinite(value) || value < 0) throw new RangeError('scoreRecoveryPerSecond must be zero or positive');
    } else if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${name} must be a positive number`);
    }
  }
  return limits;
}
