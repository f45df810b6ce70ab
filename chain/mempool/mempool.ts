import type { SignedTransaction } from '../../shared/core/types/index.ts';
import type { TxRefusalCodeValue } from '../../shared/contract/rpc.ts';

export interface PoolEntry {
  tx: SignedTransaction;
  id: Uint8Array;
  idHex: string;
  /** Sender address as hex: the per-sender queue key. */
  sender: string;
  nonce: bigint;
  fee: bigint;
  expiryHeight: bigint;
  size: number;
}

export interface MempoolLimits {
  maxTransactions: number;
  maxPerSender: number;
  maxBytes: number;
  /** A replacement for the same sender and nonce must pay at least this much more, in percent. */
  replaceBumpPercent: number;
}

export const DEFAULT_MEMPOOL_LIMITS: MempoolLimits = {
  maxTransactions: 5000,
  maxPerSender: 64,
  maxBytes: 16 * 1024 * 1024,
  replaceBumpPercent: 10,
};

export type AdmitResult = { ok: true; replaced?: string } | { ok: false; code: TxRefusalCodeValue; reason: string };

/** Context the caller reads from the newest committed state for this sender. */
export interface AdmitContext {
  accountNonce: bigint;
  height: bigint;
}

/**
 * The transaction pool. Stateless and signature checks happen before `admit` (once per node, cached);
 * here the pool keeps each sender's transactions in nonce order, orders senders by fee, and stays bounded.
 */
export class Mempool {
  private readonly bySender = new Map<string, Map<bigint, PoolEntry>>();
  private readonly byId = new Map<string, PoolEntry>();
  private bytes = 0;

  constructor(private readonly limits: MempoolLimits = DEFAULT_MEMPOOL_LIMITS) {}

  get size(): number {
    return this.byId.size;
  }
  get totalBytes(): number {
    return this.bytes;
  }
  has(idHex: string): boolean {
    return this.byId.has(idHex);
  }
  get(idHex: string): PoolEntry | undefined {
    return this.byId.get(idHex);
  }

  admit(entry: PoolEntry, context: AdmitContext): AdmitResult {
    if (this.byId.has(entry.idHex))
      return { ok: false, code: 'DUPLICATE', reason: 'This transaction is already in the pool.' };
    if (entry.expiryHeight < context.height) {
      return {
        ok: false,
        code: 'EXPIRED',
        reason: `The transaction expired at height ${entry.expiryHeight}; the chain is at ${context.height}. Build it again.`,
      };
    }
    if (entry.nonce < context.accountNonce) {
      return {
        ok: false,
        code: 'NONCE_USED',
        reason: `Nonce ${entry.nonce} is already used; the account's next nonce is ${context.accountNonce}.`,
      };
    }
    const queue = this.bySender.get(entry.sender) ?? new Map<bigint, PoolEntry>();
    if (entry.nonce >= context.accountNonce + BigInt(this.limits.maxPerSender)) {
      return {
        ok: false,
        code: 'NONCE_GAP',
        reason: `Nonce ${entry.nonce} is too far ahead of the account's next nonce ${context.accountNonce} (at most ${this.limits.maxPerSender} pending per sender).`,
      };
    }
    const existing = queue.get(entry.nonce);
    if (existing) {
      const needed = existing.fee + (existing.fee * BigInt(this.limits.replaceBumpPercent)) / 100n;
      if (entry.fee <= existing.fee || entry.fee < needed) {
        return {
          ok: false,
          code: 'REPLACEMENT_FEE_TOO_LOW',
          reason: `A transaction with nonce ${entry.nonce} is already pending; to replace it pay a fee of at least ${needed > existing.fee ? needed : existing.fee + 1n}.`,
        };
      }
      this.remove(existing.idHex);
      this.insert(entry, queue);
      return { ok: true, replaced: existing.idHex };
    }
    if (queue.size >= this.limits.maxPerSender) {
      return {
        ok: false,
        code: 'SENDER_QUEUE_FULL',
        reason: `This sender already has ${queue.size} pending transactions; wait for some to be included.`,
      };
    }
    if (this.byId.size >= this.limits.maxTransactions || this.bytes + entry.size > this.limits.maxBytes) {
      const victim = this.cheapestEvictable();
      if (!victim || victim.fee >= entry.fee || victim.sender === entry.sender) {
        return {
          ok: false,
          code: 'POOL_FULL',
          reason: `The pool is full; a fee above ${victim?.fee ?? 0n} is needed to get in now.`,
        };
      }
      this.remove(victim.idHex);
    }
    this.insert(entry, queue);
    return { ok: true };
  }

  private insert(entry: PoolEntry, queue: Map<bigint, PoolEntry>): void {
    queue.set(entry.nonce, entry);
    this.bySender.set(entry.sender, queue);
    this.byId.set(entry.idHex, entry);
    this.bytes += entry.size;
  }

  /** Only a sender's last queued nonce may be evicted, so no sender is left with a gap in its sequence. */
  private cheapestEvictable(): PoolEntry | undefined {
    let cheapest: PoolEntry | undefined;
    for (const queue of this.bySender.values()) {
      let last: PoolEntry | undefined;
      for (const e of queue.values()) if (!last || e.nonce > last.nonce) last = e;
      if (last && (!cheapest || last.fee < cheapest.fee)) cheapest = last;
    }
    return cheapest;
  }

  remove(idHex: string): boolean {
    const entry = this.byId.get(idHex);
    if (!entry) return false;
    this.byId.delete(idHex);
    this.bytes -= entry.size;
    const queue = this.bySender.get(entry.sender)!;
    queue.delete(entry.nonce);
    if (queue.size === 0) this.bySender.delete(entry.sender);
    return true;
  }

  /**
   * Transactions for the next block: each sender's run of consecutive nonces starting at its account nonce,
   * interleaved by fee (the highest-paying next transaction first), up to `max`.
   */
  select(max: number, nonceOf: (sender: string) => bigint): PoolEntry[] {
    const cursors = new Map<string, bigint>();
    for (const sender of this.bySender.keys()) cursors.set(sender, nonceOf(sender));
    const chosen: PoolEntry[] = [];
    while (chosen.length < max) {
      let best: PoolEntry | undefined;
      for (const [sender, nonce] of cursors) {
        const next = this.bySender.get(sender)?.get(nonce);
        if (!next) continue;
        if (!best || next.fee > best.fee || (next.fee === best.fee && next.idHex < best.idHex)) best = next;
      }
      if (!best) break;
      chosen.push(best);
      cursors.set(best.sender, best.nonce + 1n);
    }
    return chosen;
  }

  /** After a block: drop what was included, what expired, and what the new nonces made stale. */
  prune(height: bigint, nonceOf: (sender: string) => bigint): string[] {
    const dropped: string[] = [];
    for (const [sender, queue] of [...this.bySender]) {
      const nonce = nonceOf(sender);
      for (const entry of [...queue.values()]) {
        if (entry.nonce < nonce || entry.expiryHeight < height) {
          this.remove(entry.idHex);
          dropped.push(entry.idHex);
        }
      }
    }
    return dropped;
  }

  /**
   * The first nonce from `accountNonce` on that this sender has no pooled transaction for: the nonce its next
   * new transaction should use (it fills a gap left by a lost transaction rather than queueing behind it).
   */
  nextNonce(sender: string, accountNonce: bigint): bigint {
    const queue = this.bySender.get(sender);
    let nonce = accountNonce;
    while (queue?.has(nonce)) nonce++;
    return nonce;
  }

  /** How many transactions this sender has pooled. */
  pooledCount(sender: string): number {
    return this.bySender.get(sender)?.size ?? 0;
  }

  /** For a pooled transaction that cannot be included yet: the missing nonce it waits behind (undefined when none). */
  waitingFor(entry: PoolEntry, accountNonce: bigint): bigint | undefined {
    const next = this.nextNonce(entry.sender, accountNonce);
    return next < entry.nonce ? next : undefined;
  }

  entries(): PoolEntry[] {
    return [...this.byId.values()];
  }
}
