/**
 * Following the head: a `finalHeads` subscription on the active endpoint says when there is a
 * newer final block (only a hint: the header itself is fetched and verified). When no head has
 * come for `stallMs` the endpoint is probed; a dropped socket is noticed then, and the light node
 * reconnects or switches endpoint and subscribes again.
 */
import type { RpcTopicPayload } from '../../../shared/contract/rpc.ts';
import type { Subscription } from '../../../shared/node/rpc-client.ts';
import type { Clock } from './config.ts';
import type { Endpoint } from './endpoints.ts';

export interface FollowerHooks {
  active(): Endpoint | undefined;
  head(endpoint: Endpoint, height: bigint): void;
  /** No head came for a while: catch up by asking (which also reconnects or switches endpoint). */
  stalled(): Promise<void>;
}

export class HeadFollower {
  private subscribed: { endpoint: Endpoint; generation: number; subscription: Subscription } | undefined;
  private pending: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastHeadAt: number;
  private ticking = false;
  private stopped = false;

  constructor(
    private readonly hooks: FollowerHooks,
    private readonly clock: Clock,
    private readonly stallMs: number,
  ) {
    this.lastHeadAt = clock.now();
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.stallMs / 4)));
    this.timer.unref(); // following must not keep a process alive on its own
  }

  /** Subscribes on the active endpoint's current socket, unless already subscribed there. */
  ensureSubscribed(): Promise<void> {
    this.pending = this.pending.then(() => this.resubscribe()).catch(() => undefined); // retried on the next tick
    return this.pending;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pending;
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      if (this.clock.now() - this.lastHeadAt >= this.stallMs) {
        this.lastHeadAt = this.clock.now();
        await this.hooks.stalled();
      }
      await this.ensureSubscribed();
    } catch {
      // stalled() reports its own problems in the status; the next tick tries again
    } finally {
      this.ticking = false;
    }
  }

  private async resubscribe(): Promise<void> {
    const endpoint = this.hooks.active();
    const current = this.subscribed;
    if (current && current.endpoint === endpoint && endpoint.connection.isCurrent(current.generation)) return;
    this.subscribed = undefined;
    if (current) void current.subscription.unsubscribe().catch(() => undefined);
    if (!endpoint || this.stopped) return;
    const { subscription, generation } = await endpoint.connection.subscribe('finalHeads', (result) =>
      this.notified(endpoint, result),
    );
    this.subscribed = { endpoint, generation, subscription };
  }

  /** A head notice, in the contract's form (one that is not was dropped by the connection); only a hint to verify. */
  private notified(endpoint: Endpoint, notice: RpcTopicPayload<'finalHeads'>): void {
    if (this.stopped || this.subscribed?.endpoint !== endpoint) return;
    this.lastHeadAt = this.clock.now();
    this.hooks.head(endpoint, BigInt(notice.height));
  }
}
