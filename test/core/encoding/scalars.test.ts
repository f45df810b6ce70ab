import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bool, EncodeError, MAX_U64, u32, u64, u8 } from '../../../shared/core/encoding/index.ts';
import { u32 as u32Arb, u64 as u64Arb } from './arbitraries.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

describe('u8 / u32', () => {
  it('are fixed-width big-endian', () => {
    expect(hex(u8.encode(0xab))).toBe('ab');
    expect(hex(u32.encode(0x01020304))).toBe('01020304');
    expect(u32.decodeOrThrow(fromHex('ffffffff'))).toBe(0xffff_ffff);
  });

  it('are canonical', () => {
    checkCanonical(u8, fc.integer({ min: 0, max: 255 }));
    checkCanonical(u32, u32Arb);
  });

  it('refuse out-of-range and non-integer values', () => {
    for (const bad of [-1, 256, 0.5]) expect(() => u8.encode(bad)).toThrow(EncodeError);
    for (const bad of [-1, 2 ** 32, 1.25]) expect(() => u32.encode(bad)).toThrow(/u32 must be an integer/);
  });

  it('reject truncated input', () => {
    expect(rejects(u32, fromHex('010203'))).toBe('unexpected end of input: needed 4 bytes, 3 left at offset 0');
  });
});

describe('u64 (fixed 8 bytes, big-endian)', () => {
  it('encodes the range edges', () => {
    expect(hex(u64.encode(0n))).toBe('0000000000000000');
    expect(hex(u64.encode(258n))).toBe('0000000000000102');
    expect(hex(u64.encode(MAX_U64))).toBe('ffffffffffffffff');
    expect(u64.decodeOrThrow(fromHex('ffffffffffffffff'))).toBe(MAX_U64);
  });

  it('is canonical', () => {
    checkCanonical(u64, u64Arb, 300);
  });

  it('orders bytes like numbers (so u64 keys sort numerically)', () => {
    fc.assert(
      fc.property(u64Arb, u64Arb, (a, b) => {
        const byBytes = hex(u64.encode(a)) < hex(u64.encode(b));
        expect(byBytes).toBe(a < b);
      }),
    );
  });

  it('refuses to encode overflow, negatives and non-bigints', () => {
    expect(() => u64.encode(MAX_U64 + 1n)).toThrow(`u64 must be a bigint in 0..${MAX_U64}, got ${MAX_U64 + 1n}`);
    expect(() => u64.encode(-1n)).toThrow(/u64 must be a bigint/);
    expect(() => u64.encode(5 as unknown as bigint)).toThrow(
      'u64 must be a bigint in 0..18446744073709551615, got number',
    );
  });
});

describe('bool', () => {
  it('accepts only 0x00 and 0x01', () => {
    expect(bool.decodeOrThrow(fromHex('00'))).toBe(false);
    expect(bool.decodeOrThrow(fromHex('01'))).toBe(true);
    checkCanonical(bool, fc.boolean(), 20);
    for (let b = 2; b < 256; b++) {
      expect(rejects(bool, Uint8Array.of(b))).toBe(
        `invalid bool byte 0x${b.toString(16).padStart(2, '0')} (expected 0x00 or 0x01) at offset 0`,
      );
    }
  });

  it('refuses truthy non-booleans', () => {
    expect(() => bool.encode(1 as unknown as boolean)).toThrow('expected a boolean, got number');
  });
});
