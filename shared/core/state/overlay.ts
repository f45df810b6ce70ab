/**
 * Raw state access: a reader over committed state, and an overlay that buffers writes on top of
 * one. Transactions run on a child overlay that is merged into its parent only when accepted, so
 * a rejection leaves no trace. Values are canonical encodings; null marks a deletion.
 */
import { bytesKey, compareBytes, equalBytes } from '../encoding/index.ts';

export interface StateReader {
  /** The encoded record under a 32-byte key, or undefined if absent. */
  get(key: Uint8Array): Uint8Array | undefined;
}

/** One write of a block: set `key` to `value`, or delete it when `value` is null. */
export interface StateChange {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

export const EMPTY_STATE: StateReader = { get: () => undefined };

export class Overlay implements StateReader {
  private readonly writes = new Map<string, StateChange>();

  constructor(readonly base: StateReader) {}

  get(key: Uint8Array): Uint8Array | undefined {
    return this.lookup(bytesKey(key), key);
  }

  /**
   * get(key) when its map key, bytesKey(key), is already known: a read through a stack of overlays over a
   * MemoryState builds that string once rather than once per layer.
   */
  lookup(mapKey: string, key: Uint8Array): Uint8Array | undefined {
    const written = this.writes.get(mapKey);
    if (written !== undefined) return written.value ?? undefined;
    return readThrough(this.base, mapKey, key);
  }

  set(key: Uint8Array, value: Uint8Array | null): void {
    this.writes.set(bytesKey(key), { key: key.slice(), value: value === null ? null : value.slice() });
  }

  /** A fresh overlay reading through this one. */
  child(): Overlay {
    return new Overlay(this);
  }

  /** Takes over the writes of a child made by `child()` (the accept path of a transaction). */
  absorb(child: Overlay): void {
    if (child.base !== this) throw new Error('absorb(): the overlay is not a child of this one');
    for (const [mapKey, change] of child.writes) this.writes.set(mapKey, change);
  }

  /**
   * The writes that differ from the base, sorted by key bytes: deterministic whatever order the
   * rules wrote in, and free of no-op writes (a value written back unchanged, a delete of nothing).
   */
  changes(): StateChange[] {
    const out: StateChange[] = [];
    for (const [mapKey, change] of this.writes) {
      const before = readThrough(this.base, mapKey, change.key);
      const same =
        change.value === null ? before === undefined : before !== undefined && equalBytes(before, change.value);
      if (!same) out.push(change);
    }
    return out.sort((a, b) => compareBytes(a.key, b.key));
  }
}

/** base.get(key), reusing the map key when the base is one of ours (any other reader gets the bytes). */
function readThrough(base: StateReader, mapKey: string, key: Uint8Array): Uint8Array | undefined {
  return base instanceof Overlay || base instanceof MemoryState ? base.lookup(mapKey, key) : base.get(key);
}

/** Committed state in memory (tests, genesis tools, light-client caches): applies change lists. */
export class MemoryState implements StateReader {
  private readonly records = new Map<string, Uint8Array>();

  get(key: Uint8Array): Uint8Array | undefined {
    return this.records.get(bytesKey(key));
  }

  /** get(key) when bytesKey(key) is already known (see Overlay.lookup). */
  lookup(mapKey: string, _key: Uint8Array): Uint8Array | undefined {
    return this.records.get(mapKey);
  }

  apply(changes: readonly StateChange[]): void {
    for (const { key, value } of changes) {
      if (value === null) this.records.delete(bytesKey(key));
      else this.records.set(bytesKey(key), value);
    }
  }

  /** Every record, sorted by key: for tests that compare whole states. */
  entries(): [Uint8Array, Uint8Array][] {
    return [...this.records.entries()]
      .map(([mapKey, value]): [Uint8Array, Uint8Array] => [Uint8Array.from(mapKey, (c) => c.charCodeAt(0)), value])
      .sort((a, b) => compareBytes(a[0], b[0]));
  }
}
