import type { Verdict } from './types.ts';

export interface SeenEntry {
  /** 'pending' while an asynchronous handler is still deciding. */
  verdict: Verdict | 'pending';
  /** Peers known to have the message: they sent it to us, or we sent it to them. */
  holders: Set<string>;
}

/**
 * Message ids already handled, oldest dropped first once full. A message evicted and seen again is
 * handled again; the capacity only needs to outlast a message's travel through the network.
 */
export class SeenCache {
  private readonly entries = new Map<string, SeenEntry>();

  constructor(private readonly capacity: number) {}

  get(id: string): SeenEntry | undefined {
    return this.entries.get(id);
  }

  add(id: string, entry: SeenEntry): void {
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
