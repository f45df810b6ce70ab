/** Bounds every RPC connection lives within; the defaults are documented in docs/RPC.md. */
export interface RpcLimits {
  maxRequestBytes: number;
  maxSubscriptionsPerConnection: number;
  /** Sustained requests per second per connection (token bucket refill rate). */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
  maxConnections: number;
}

export const DEFAULT_RPC_LIMITS: RpcLimits = {
  maxRequestBytes: 512 * 1024,
  maxSubscriptionsPerConnection: 16,
  requestsPerSecond: 100,
  burst: 200,
  maxConnections: 256,
};

/** A token bucket: each request takes a token; tokens refill continuously up to the burst size. */
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
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
