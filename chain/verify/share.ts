/*
 * Work sharing between a worker and the calling thread (see SharedBatchRequest in ./batch.ts). While a node waits
 * for a block's signatures its main thread would otherwise sit idle; instead it verifies items from the back of
 * the batch, a few at a time between turns of the event loop, while the worker verifies from the front. The
 * atomic claims guarantee each item is verified exactly once; settle() verifies anything a dead worker left.
 */
import { ItemState, packBatch, unpackBatch, verifyUnclaimed, type VerifyItem } from './batch.ts';

/** One worker's portion of a shared batch: a snapshot of the items and their claim states. */
export interface SharedPart {
  buffer: SharedArrayBuffer;
  states: Uint8Array;
  /** Views into `buffer`, so both sides verify the very bytes of the snapshot. */
  items: VerifyItem[];
}

/** Snapshots well-formed items into shared memory, every item unclaimed. */
export function sharedPart(items: readonly VerifyItem[]): SharedPart {
  const buffer = packBatch(items, true);
  return { buffer, states: new Uint8Array(new SharedArrayBuffer(items.length)), items: unpackBatch(buffer) };
}

/**
 * The calling thread's share: from the back of the last part towards the front of the first, `step` items per
 * turn of the event loop (so network and timers keep running), until it meets the workers everywhere. Starts on
 * the next turn, after the caller's own synchronous work. Resolves with the number of items verified here.
 */
export function helpFromTheBack(
  parts: readonly SharedPart[],
  step: number,
  verify: (item: VerifyItem) => boolean,
): Promise<number> {
  return new Promise((resolve) => {
    let part = parts.length - 1;
    let at = part >= 0 ? parts[part]!.items.length - 1 : -1;
    let total = 0;
    const turn = () => {
      let budget = step;
      while (part >= 0 && budget > 0) {
        const { verified, next } = verifyUnclaimed(parts[part]!.items, parts[part]!.states, at, -1, budget, verify);
        total += verified;
        budget -= verified;
        if (next !== null) {
          at = next;
          continue;
        }
        part--;
        at = part >= 0 ? parts[part]!.items.length - 1 : -1;
      }
      if (part >= 0) setImmediate(turn);
      else resolve(total);
    };
    setImmediate(turn);
  });
}

/**
 * The part's answers once both sides have stopped. An item still FREE or CLAIMED (its worker died or was closed
 * mid-batch) is verified here with `verify`, so no answer is ever assumed.
 */
export function settle(part: SharedPart, verify: (item: VerifyItem) => boolean): boolean[] {
  return part.items.map((item, i) => {
    const state = Atomics.load(part.states, i);
    if (state === ItemState.VALID) return true;
    if (state === ItemState.INVALID) return false;
    try {
      return verify(item);
    } catch {
      return false;
    }
  });
}
