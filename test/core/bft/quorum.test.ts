import { describe, expect, it } from 'vitest';
import { honestWitness, maxFaulty, quorum } from '../../../shared/core/bft/index.ts';

describe('thresholds', () => {
  it('matches the usual table', () => {
    const table = [1, 2, 3, 4, 5, 6, 7, 21].map((n) => [n, quorum(n), maxFaulty(n), honestWitness(n)]);
    expect(table).toEqual([
      [1, 1, 0, 1],
      [2, 2, 0, 1],
      [3, 3, 0, 1],
      [4, 3, 1, 2],
      [5, 4, 1, 2],
      [6, 5, 1, 2],
      [7, 5, 2, 3],
      [21, 15, 6, 7],
    ]);
  });

  it('keeps the BFT inequalities for every N up to 300', () => {
    for (let n = 1; n <= 300; n++) {
      const q = quorum(n);
      const f = maxFaulty(n);
      expect(3 * q).toBeGreaterThan(2 * n); // q is more than 2/3...
      expect(3 * (q - 1)).toBeLessThanOrEqual(2 * n); // ...and the smallest such count
      expect(3 * f).toBeLessThan(n); // f < N/3, the largest such
      expect(3 * (f + 1)).toBeGreaterThanOrEqual(n);
      expect(2 * q - n).toBeGreaterThanOrEqual(f + 1); // two quorums share an honest validator
      expect(n - f).toBeGreaterThanOrEqual(q); // the honest alone make a quorum
      expect(honestWitness(n)).toBe(n - q + 1);
    }
  });

  it('rejects an empty or fractional set', () => {
    expect(() => quorum(0)).toThrow(RangeError);
    expect(() => quorum(2.5)).toThrow(RangeError);
  });
});
