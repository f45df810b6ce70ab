import { RPC_METHOD_COSTS } from '../../shared/contract/rpc.ts';

/** Bounds every RPC connection lives within; the defaults are documented in docs/RPC.md. */
export interface RpcLimits {
  maxRequestBytes: number;
  /** The largest answer to one message (a single call or a whole batch); beyond it the client gets -32006. */
  maxResponseBytes: number;
  maxSubscriptionsPerConnection: number;
  /** Budget units per second per client (token bucket refill rate); a call costs its method's weight. */
  requestsPerSecond: number;
  /** Bucket size: how many budget units may be spent at once. */
  burst: number;
  maxConnections: number;
  /** Open TCP connections of any kind (HTTP and WebSocket); beyond it a new connection is closed at once. */
  maxSockets: number;
  /** Time a client has to send all request headers (slow-loris bound). */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, headers and body. */
  requestTimeoutMs: number;
  /** Weight of a call per method (budget units); methods not listed weigh 1. Clients pace themselves by the same table. */
  methodCosts: Readonly<Record<string, number>>;
}

export const DEFAULT_RPC_LIMITS: RpcLimits = {
  maxRequestBytes: 512 * 1024,
  // A block may take 4 MiB on the P2P wire (chain/p2p/limits.ts); as hex with its summary it must still fit.
  maxResponseBytes: 10 * 1024 * 1024,
  maxSubscriptionsPerConnection: 16,
  requestsPerSecond: 100,
  burst: 200,
  maxConnections: 256,
  maxSockets: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  methodCosts: RPC_METHOD_COSTS,
};

export function methodCost(limits: Pick<RpcLimits, 'methodCosts'>, method: string): number {
  return Object.hasOwn(limits.methodCosts, method) ? limits.methodCosts[method]! : 1;
}

/** A token bucket: each request takes tokens; tokens refill continuously up to the burst size. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }
  take(count = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }
}
