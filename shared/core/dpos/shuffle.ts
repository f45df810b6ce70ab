// The order of turns inside a round: a Fisher–Yates shuffle of the round's set, driven by a
// SHA-256 counter-mode stream seeded with the hash of the previous round's last block (for round 0,
// the genesis hash). Every node derives the same schedule from data already final.
//
// Stream: block i = sha256(seed ‖ u64be(i)) for i = 0, 1, …; the blocks are read as consecutive
// big-endian 32-bit words. Index draws use rejection sampling, so every index is exactly equally
// likely (x mod n alone would favour small indices whenever n does not divide 2^32).
import { sha256 } from '../crypto/hash.ts';
import { assertAddress, assertCount, hexAddress, type Address } from './bytes.ts';

export const SEED_LENGTH = 32;
const TWO_32 = 0x1_0000_0000;

/** A source of uniformly random 32-bit words (the hash stream, or a stub in tests). */
export interface WordSource {
  nextU32(): number;
}

export function hashStream(seed: Uint8Array): WordSource {
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_LENGTH) {
    throw new RangeError(`shuffle seed must be ${SEED_LENGTH} bytes`);
  }
  const input = new Uint8Array(SEED_LENGTH + 8);
  input.set(seed);
  const counterView = new DataView(input.buffer, SEED_LENGTH, 8);
  let counter = 0n;
  let block = new Uint8Array(0);
  let offset = 0;
  return {
    nextU32(): number {
      if (offset === block.length) {
        counterView.setBigUint64(0, counter, false);
        counter += 1n;
        block = sha256(input);
        offset = 0;
      }
      const word = new DataView(block.buffer, block.byteOffset + offset, 4).getUint32(0, false);
      offset += 4;
      return word;
    },
  };
}

/**
 * A uniform integer in [0, n) for 1 ≤ n ≤ 2^32. Words at or above the largest multiple of n that
 * fits in 32 bits are discarded and redrawn; the rest map evenly by `mod n`. n = 1 draws nothing.
 */
export function uniformIndex(source: WordSource, n: number): number {
  assertCount(n, 'n', 1);
  if (n > TWO_32) throw new RangeError(`n must be at most 2^32, got ${n}`);
  if (n === 1) return 0;
  const limit = TWO_32 - (TWO_32 % n);
  for (;;) {
    const x = source.nextU32();
    if (x < limit) return x % n;
  }
}

/** A new array holding `items` in shuffled order (Fisher–Yates, last position first). */
export function shuffle<T>(items: readonly T[], source: WordSource): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformIndex(source, i + 1);
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

/** The producer of each slot of a round; index = height − the round's first height. */
export type Schedule = readonly Address[];

/**
 * The round's schedule: `set` (in its canonical election order — the input order matters) shuffled
 * by `seed`, each producer then holding blocksPerTurn consecutive slots.
 */
export function scheduleForRound(set: readonly Address[], seed: Uint8Array, blocksPerTurn: number): Schedule {
  assertCount(blocksPerTurn, 'blocksPerTurn', 1);
  if (set.length === 0) throw new RangeError('a round needs at least one producer');
  const seen = new Set<string>();
  set.forEach((a, i) => {
    assertAddress(a, `set[${i}]`);
    const key = hexAddress(a);
    if (seen.has(key)) throw new RangeError(`producer ${key} appears twice in the set`);
    seen.add(key);
  });
  const order = shuffle(set, hashStream(seed));
  return order.flatMap((producer) => Array<Address>(blocksPerTurn).fill(producer));
}

export function producerAt(schedule: Schedule, slotIndex: number): Address {
  const producer = Number.isSafeInteger(slotIndex) ? schedule[slotIndex] : undefined;
  if (producer === undefined) throw new RangeError(`slot ${slotIndex} is outside the round (${schedule.length} slots)`);
  return producer;
}
