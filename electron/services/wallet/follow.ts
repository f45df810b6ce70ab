/**
 * Follows submitted transactions to an end: on every verified head each open one is checked with
 * the light node; it is final only with an inclusion proof checked against a verified header, and
 * expired once the verified height has passed its expiry without it.
 */
import type { LightNode } from '../light/index.ts';
import type { EventHub } from '../registry.ts';
import type { TrackedRecord, WalletStore } from './store.ts';
import type { TrackedTx } from './types.ts';

export class Follower {
  private light: LightNode | null = null;
  private stopListening: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly store: WalletStore,
    private readonly hub: EventHub,
  ) {}

  /** Follows this light node's heads (the network may hand over a new one, e.g. after switching networks). */
  attach(light: LightNode): void {
    if (this.closed || this.light === light) return;
    this.stopListening?.();
    this.light = light;
    this.stopListening = light.on('head', () => this.checkSoon());
    this.checkSoon();
  }

  /** Runs a check now, or once more after the one running (heads can come faster than checks). */
  checkSoon(): void {
    if (this.closed || !this.light) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.checkAll()
      .catch(() => undefined) // the light node reports its own problems; the next head tries again
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.checkSoon();
        }
      });
  }

  /** Waits for the check in progress, if any (tests and close). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopListening?.();
    await this.idle();
  }

  private async checkAll(): Promise<void> {
    for (const record of this.store.open()) {
      if (this.closed || !this.light) return;
      await this.check(this.light, record);
    }
  }

  private async check(light: LightNode, record: TrackedRecord): Promise<void> {
    const { view } = record;
    // Read before the status: if the head had already passed the expiry and the status after it is
    // still not final, no block up to the expiry holds it.
    const head = light.verifiedHead().height;
    const status = await light.transactionStatus(view.txId);
    if (status.status === 'final') return this.final(view, status);
    if (head > record.expiryHeight) {
      this.change(view, { state: 'expired', reason: `It was not included by height ${record.expiryHeight}, its last valid height (verified height is now ${head}). Prepare it again.` });
      return;
    }
    if (status.status === 'unknown') {
      // Neither pooled nor in a block: if the account has moved past its nonce, another transaction took it
      // (asked again after the nonce, so this one's own inclusion is not mistaken for another's).
      const nonce = (await light.account(view.from)).value?.nonce ?? 0n;
      if (nonce <= record.nonce) return;
      const again = await light.transactionStatus(view.txId);
      if (again.status === 'final') return this.final(view, again);
      this.change(view, { state: 'rejected', reason: `Another transaction of this account used nonce ${record.nonce} first, so this one can never be included.` });
      return;
    }
    if (view.state === 'submitted') this.change(view, { state: 'pending' });
  }

  private final(view: TrackedTx, status: { height: bigint; blockHash: string }): void {
    this.change(view, { state: 'final', verifiedAt: { height: Number(status.height), blockHash: status.blockHash } });
  }

  private change(view: TrackedTx, change: Pick<TrackedTx, 'state'> & Partial<Pick<TrackedTx, 'reason' | 'verifiedAt'>>): void {
    const updated = this.store.update(view.txId, change);
    this.hub.emit('wallet.transaction', updated.view);
  }
}
