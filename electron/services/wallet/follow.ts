/**
 * Follows submitted transactions to an end: on every verified head each open one is checked with
 * the light node; it is final only with an inclusion proof checked against a verified header, and
 * expired once the verified height has passed its expiry without it.
 *
 * The wallet keeps every signed transaction until then, and re-sends one that has vanished from the
 * pools (the node it went to died before any peer had it, or dropped it): the light node's `ask` tries
 * the active endpoint and then the others, so a dead endpoint is passed over. At most once per
 * RESEND_EVERY_MS per transaction; the count is shown in the timeline ("re-sent").
 */
import type { LightNode } from '../light/index.ts';
import type { EventHub } from '../registry.ts';
import type { TrackedRecord, WalletStore } from './store.ts';
import type { TrackedTx } from './types.ts';
import { bytesToHex } from '@noble/hashes/utils.js';

const RESEND_EVERY_MS = 3000;

export class Follower {
  private light: LightNode | null = null;
  private stopListening: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly lastResent = new Map<string, number>();

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
      this.lastResent.delete(view.txId);
      this.change(view, {
        state: 'expired',
        reason: `It was not included by height ${record.expiryHeight}, its last valid height (verified height is now ${head}), so nothing was spent. Prepare it again if it is still wanted.`,
      });
      return;
    }
    if (status.status === 'unknown') {
      // Neither pooled nor in a block: if the account has moved past its nonce, another transaction took it
      // (asked again after the nonce, so this one's own inclusion is not mistaken for another's).
      const nonce = (await light.account(view.from)).value?.nonce ?? 0n;
      if (nonce <= record.nonce) return this.resend(light, record);
      const again = await light.transactionStatus(view.txId);
      if (again.status === 'final') return this.final(view, again);
      this.change(view, {
        state: 'rejected',
        reason: `Another transaction of this account used nonce ${record.nonce} first, so this one can never be included.`,
      });
      return;
    }
    if (view.state === 'submitted') this.change(view, { state: 'pending' });
  }

  /** Sends the kept signed transaction again (to whichever endpoint answers), and says so in its timeline. */
  private async resend(light: LightNode, record: TrackedRecord): Promise<void> {
    const last = this.lastResent.get(record.view.txId) ?? 0;
    if (Date.now() - last < RESEND_EVERY_MS) return;
    this.lastResent.set(record.view.txId, Date.now());
    try {
      await light.ask('re-send a transaction that vanished from the pools', 'tx.submit', {
        transaction: bytesToHex(record.signed),
      });
    } catch {
      // Refused (included meanwhile, or no longer valid) or no endpoint answered: the next head looks again.
      return;
    }
    const updated = this.store.markResent(record.view.txId);
    this.hub.emit('wallet.transaction', updated.view);
  }

  private final(view: TrackedTx, status: { height: bigint; blockHash: string }): void {
    this.lastResent.delete(view.txId);
    this.change(view, { state: 'final', verifiedAt: { height: Number(status.height), blockHash: status.blockHash } });
  }

  private change(
    view: TrackedTx,
    change: Pick<TrackedTx, 'state'> & Partial<Pick<TrackedTx, 'reason' | 'verifiedAt'>>,
  ): void {
    const updated = this.store.update(view.txId, change);
    this.hub.emit('wallet.transaction', updated.view);
  }
}
