/**
 * A bounded in-memory map in front of SQLite point reads on the block-apply path: sparse-Merkle nodes
 * (content-addressed, so never stale) and current state values (updated only after the block's
 * transaction has committed, so a rolled-back block never shows). Oldest entries go first; a hit
 * moves an entry to the back, so the tree's upper levels and busy accounts stay.
 */
import { bytesKey } from '../../shared/core/encoding/index.ts';

export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: Uint8Array): V | undefined {
    const k = bytesKey(key);
    const value = this.entries.get(k);
    if (value !== undefined) {
      this.entries.delete(k);
      this.entries.set(k, value);
    }
    return value;
  }

  set(key: Uint8Array, value: V): void {
    const k = bytesKey(key);
    this.entries.delete(k);
    this.entries.set(k, value);
    if (this.entries.size > this.capacity) this.evict();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops the oldest tenth at once, so eviction is not paid on every insert. */
  private evict(): void {
    let drop = Math.ceil(this.capacity / 10);
    for (const k of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(k);
    }
  }
}
