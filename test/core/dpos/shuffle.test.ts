import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hashStream,
  producerAt,
  scheduleForRound,
  shuffle,
  uniformIndex,
  type WordSource,
} from '../../../shared/core/dpos/shuffle.ts';
import { compareBytes } from '../../../shared/core/dpos/bytes.ts';
import { addr, seedOf } from './helpers.ts';

/** Replays fixed words, counting how many were drawn. */
function stub(words: number[]): WordSource & { drawn: number } {
  const s = {
    drawn: 0,
    nextU32(): number {
      const w = words[s.drawn++];
      if (w === undefined) throw new Error('stub ran dry');
      return w;
    },
  };
  return s;
}

/** The spec written out again with Node's own SHA-256, as an independent reference. */
function referenceOrder<T>(items: readonly T[], seed: Uint8Array): T[] {
  const words: number[] = [];
  let counter = 0n;
  const next = (): number => {
    if (words.length === 0) {
      const ctr = Buffer.alloc(8);
      ctr.writeBigUInt64BE(counter++);
      const block = createHash('sha256').update(seed).update(ctr).digest();
      for (let i = 0; i < 32; i += 4) words.push(block.readUInt32BE(i));
    }
    return words.shift() as number;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const n = i + 1;
    let x = next();
    while (x >= 2 ** 32 - (2 ** 32 % n)) x = next();
    const j = x % n;
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const set21 = Array.from({ length: 21 }, (_, i) => addr(i + 1));

describe('hash stream', () => {
  it('reads sha256(seed ‖ u64be(counter)) blocks as big-endian words, block after block', () => {
    const seed = seedOf(3);
    const s = hashStream(seed);
    const got = Array.from({ length: 16 }, () => s.nextU32());
    const want: number[] = [];
    for (const ctr of [0n, 1n]) {
      const c = Buffer.alloc(8);
      c.writeBigUInt64BE(ctr);
      const block = createHash('sha256').update(seed).update(c).digest();
      for (let i = 0; i < 32; i += 4) want.push(block.readUInt32BE(i));
    }
    expect(got).toEqual(want);
  });

  it('accepts only 32-byte seeds', () => {
    expect(() => hashStream(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => hashStream(new Uint8Array(33))).toThrow(/32 bytes/);
  });
});

describe('uniformIndex rejection sampling', () => {
  it('redraws a word at or above the largest multiple of n below 2^32', () => {
    // n = 3: 2^32 mod 3 = 1, so the one word 0xffffffff is the biased tail and must be skipped.
    const s = stub([0xffff_ffff, 7]);
    expect(uniformIndex(s, 3)).toBe(1);
    expect(s.drawn).toBe(2);
    // n = 6: 2^32 mod 6 = 4, so 0xfffffffc… are rejected and 0xfffffffb is the last accepted word.
    const t = stub([0xffff_fffc, 0xffff_ffff, 0xffff_fffb]);
    expect(uniformIndex(t, 6)).toBe(0xffff_fffb % 6);
    expect(t.drawn).toBe(3);
  });

  it('accepts every word when n divides 2^32, and draws nothing for n = 1', () => {
    const s = stub([0xffff_ffff]);
    expect(uniformIndex(s, 4)).toBe(3);
    expect(s.drawn).toBe(1);
    const none = stub([]);
    expect(uniformIndex(none, 1)).toBe(0);
    expect(none.drawn).toBe(0);
  });

  it('rejects n outside 1 … 2^32', () => {
    expect(() => uniformIndex(stub([]), 0)).toThrow(/n must/);
    expect(() => uniformIndex(stub([]), 2 ** 32 + 1)).toThrow(/at most 2\^32/);
    expect(() => uniformIndex(stub([]), 2.5)).toThrow(/n must/);
  });
});

describe('shuffle', () => {
  it('is pinned: the same seed always gives this order (consensus-critical)', () => {
    const order = shuffle(set21, hashStream(seedOf(7))).map((a) => a[1]);
    expect(order).toEqual([7, 3, 20, 10, 1, 8, 2, 11, 18, 21, 5, 19, 15, 12, 9, 13, 14, 4, 6, 16, 17]);
    expect(shuffle(set21, hashStream(seedOf(7)))).toEqual(shuffle(set21, hashStream(seedOf(7))));
  });

  it('agrees with an independent reference and is a permutation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (n, seed) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const got = shuffle(items, hashStream(seed));
        expect(got).toEqual(referenceOrder(items, seed));
        expect(got.slice().sort((a, b) => a - b)).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });

  it('gives different orders for different seeds', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++)
      seen.add(
        shuffle(set21, hashStream(seedOf(i)))
          .map((a) => a[1])
          .join(','),
      );
    // 21! orders: any repeat among 200 seeds would point at a broken stream.
    expect(seen.size).toBe(200);
  });

  it('makes every order of 4 producers about equally likely (chi-square smoke)', () => {
    const perms = 24;
    const runs = 24_000;
    const counts = new Map<string, number>();
    const items = [0, 1, 2, 3];
    for (let i = 0; i < runs; i++) {
      const key = shuffle(items, hashStream(seedOf(i))).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(perms);
    const expected = runs / perms;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    // 23 degrees of freedom: mean 23, p = 10^-6 near 62. The seeds are fixed, so this never flakes;
    // a modulo-biased or off-by-one Fisher–Yates lands in the hundreds or misses permutations.
    expect(chi2).toBeLessThan(62);
  });

  it('would fail the same check if it were biased (the check has teeth)', () => {
    // The classic bug: drawing j from the whole range at every step. 4^3 = 64 outcomes over 24 orders.
    const counts = new Map<string, number>();
    for (let i = 0; i < 24_000; i++) {
      const s = hashStream(seedOf(i));
      const a = [0, 1, 2, 3];
      for (let k = 3; k > 0; k--) {
        const j = uniformIndex(s, 4);
        [a[k], a[j]] = [a[j] as number, a[k] as number];
      }
      counts.set(a.join(''), (counts.get(a.join('')) ?? 0) + 1);
    }
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - 1000) ** 2 / 1000;
    expect(chi2).toBeGreaterThan(62);
  });
});

describe('scheduleForRound', () => {
  const set = [addr(1), addr(2), addr(3), addr(4)];

  it('gives each producer blocksPerTurn consecutive slots, in the shuffled order (pinned)', () => {
    const schedule = scheduleForRound(set, new Uint8Array(32), 2);
    expect(schedule.map((a) => a[1])).toEqual([1, 1, 4, 4, 3, 3, 2, 2]);
  });

  it('covers every producer exactly blocksPerTurn times in whole turns (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 1, max: 5 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (n, bpt, seed) => {
          const producers = Array.from({ length: n }, (_, i) => addr(i + 1));
          const schedule = scheduleForRound(producers, seed, bpt);
          expect(schedule).toHaveLength(n * bpt);
          const turns = [];
          for (let t = 0; t < n; t++) {
            const turn = schedule.slice(t * bpt, (t + 1) * bpt);
            expect(new Set(turn).size).toBe(1);
            turns.push(turn[0] as Uint8Array);
          }
          expect(turns.sort(compareBytes)).toEqual(producers);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('depends on the set order it is given, so callers must pass the canonical order', () => {
    const seed = seedOf(1);
    expect(scheduleForRound(set, seed, 1)).not.toEqual(scheduleForRound(set.slice().reverse(), seed, 1));
  });

  it('rejects empty sets, duplicates, bad addresses, bad seeds and zero blocks per turn', () => {
    const seed = new Uint8Array(32);
    expect(() => scheduleForRound([], seed, 1)).toThrow(/at least one/);
    expect(() => scheduleForRound([addr(1), addr(1)], seed, 1)).toThrow(/twice/);
    expect(() => scheduleForRound([new Uint8Array(21)], seed, 1)).toThrow(/20-byte/);
    expect(() => scheduleForRound(set, new Uint8Array(16), 1)).toThrow(/32 bytes/);
    expect(() => scheduleForRound(set, seed, 0)).toThrow(/blocksPerTurn/);
  });

  it('answers producerAt inside the round and refuses slots outside it', () => {
    const schedule = scheduleForRound(set, new Uint8Array(32), 2);
    expect(producerAt(schedule, 0)).toEqual(addr(1));
    expect(producerAt(schedule, 7)).toEqual(addr(2));
    expect(() => producerAt(schedule, 8)).toThrow(/outside the round/);
    expect(() => producerAt(schedule, -1)).toThrow(/outside the round/);
    expect(() => producerAt(schedule, 1.5)).toThrow(/outside the round/);
  });
});
