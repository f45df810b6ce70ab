import { describe, expect, it } from 'vitest';
import {
  U64_MAX,
  assertAddress,
  assertCount,
  assertU64,
  compareBytes,
  hexAddress,
  isU64,
} from '../../../shared/core/dpos/bytes.ts';

describe('dpos byte and amount helpers', () => {
  it('orders bytes lexicographically, first differing byte deciding, shorter prefix first', () => {
    expect(compareBytes(Uint8Array.of(1, 255), Uint8Array.of(2, 0))).toBe(-1);
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 255))).toBe(1);
    expect(compareBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(0);
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(-1);
  });

  it('accepts u64 amounts only', () => {
    expect(isU64(0n) && isU64(U64_MAX)).toBe(true);
    expect(isU64(-1n) || isU64(U64_MAX + 1n)).toBe(false);
    expect(() => assertU64(U64_MAX + 1n, 'x')).toThrow(/unsigned 64-bit/);
  });

  it('accepts 20-byte addresses and non-negative safe integers only', () => {
    expect(() => assertAddress(new Uint8Array(20), 'a')).not.toThrow();
    expect(() => assertAddress(new Uint8Array(32), 'a')).toThrow(/20-byte/);
    expect(() => assertCount(3, 'n', 1)).not.toThrow();
    expect(() => assertCount(0, 'n', 1)).toThrow(/≥ 1/);
    expect(() => assertCount(2 ** 53, 'n')).toThrow(/integer/);
    expect(hexAddress(Uint8Array.of(0, 171))).toBe('0x00ab');
  });
});
