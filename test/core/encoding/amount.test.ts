import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addU64,
  isU64,
  MAX_U64,
  subU64,
  sumU64,
  tryAddU64,
  trySubU64,
  U64RangeError,
} from '../../../shared/core/encoding/index.ts';
import { u64 } from './arbitraries.ts';

describe('u64 amount arithmetic', () => {
  it('adds exactly when the sum fits, and refuses when it does not', () => {
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        if (a + b <= MAX_U64) {
          expect(addU64(a, b)).toBe(a + b);
          expect(tryAddU64(a, b)).toBe(a + b);
        } else {
          expect(() => addU64(a, b)).toThrow(U64RangeError);
          expect(tryAddU64(a, b)).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
    expect(addU64(MAX_U64 - 1n, 1n)).toBe(MAX_U64);
    expect(() => addU64(MAX_U64, 1n)).toThrow(`u64 overflow: ${MAX_U64} + 1 exceeds ${MAX_U64}`);
  });

  it('subtracts exactly when b ≤ a, and refuses underflow', () => {
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        if (b <= a) expect(subU64(a, b)).toBe(a - b);
        else {
          expect(() => subU64(a, b)).toThrow(U64RangeError);
          expect(trySubU64(a, b)).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
    expect(subU64(5n, 5n)).toBe(0n);
    expect(() => subU64(0n, 1n)).toThrow('u64 underflow: 0 - 1 is negative');
  });

  it('rejects operands that are not u64 themselves', () => {
    expect(() => addU64(-1n, 1n)).toThrow('operand -1 is not a u64');
    expect(() => subU64(MAX_U64 + 1n, 1n)).toThrow(U64RangeError);
  });

  it('sums lists, failing on overflow', () => {
    expect(sumU64([1n, 2n, 3n])).toBe(6n);
    expect(sumU64([])).toBe(0n);
    expect(() => sumU64([MAX_U64, 1n])).toThrow(U64RangeError);
  });

  it('recognises u64 values', () => {
    expect(isU64(0n)).toBe(true);
    expect(isU64(MAX_U64)).toBe(true);
    expect(isU64(MAX_U64 + 1n)).toBe(false);
    expect(isU64(-1n)).toBe(false);
    expect(isU64(1)).toBe(false);
  });
});
