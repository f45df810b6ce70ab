import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytes, compareBytes, equalBytes, fixedBytes, hasDuplicateBytes } from '../../../shared/core/encoding/index.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

describe('fixedBytes', () => {
  const b20 = fixedBytes(20);

  it('writes the bytes with no prefix and round-trips', () => {
    const v = Uint8Array.from({ length: 20 }, (_, i) => i);
    expect(hex(b20.encode(v))).toBe(hex(v));
    checkCanonical(b20, fc.uint8Array({ minLength: 20, maxLength: 20 }));
    checkCanonical(fixedBytes(64), fc.uint8Array({ minLength: 64, maxLength: 64 }), 30);
  });

  it('refuses the wrong length or type', () => {
    expect(() => b20.encode(new Uint8Array(19))).toThrow('expected 20 bytes, got 19');
    expect(() => b20.encode(new Uint8Array(21))).toThrow('expected 20 bytes, got 21');
    expect(() => b20.encode('00' as unknown as Uint8Array)).toThrow('expected 20 bytes, got string');
  });

  it('returns a copy that does not alias the input', () => {
    const input = new Uint8Array(20).fill(7);
    const out = b20.decodeOrThrow(input);
    input[0] = 9;
    expect(out[0]).toBe(7);
  });
});

describe('bytes(max)', () => {
  const upTo8 = bytes(8);

  it('is length-prefixed and canonical', () => {
    expect(hex(upTo8.encode(fromHex('aabb')))).toBe('02aabb');
    expect(hex(upTo8.encode(new Uint8Array()))).toBe('00');
    checkCanonical(upTo8, fc.uint8Array({ maxLength: 8 }));
    checkCanonical(bytes(300), fc.uint8Array({ maxLength: 300 }), 30);
  });

  it('rejects an oversize length before reading the body', () => {
    expect(rejects(upTo8, fromHex('09'))).toBe('9 bytes exceeds the maximum of 8 at offset 0');
    expect(() => upTo8.encode(new Uint8Array(9))).toThrow('9 bytes exceeds the maximum of 8');
  });

  it('rejects a length that runs past the input', () => {
    expect(rejects(upTo8, fromHex('04aabb'))).toBe('unexpected end of input: needed 4 bytes, 2 left at offset 1');
  });
});

describe('byte comparison', () => {
  it('orders lexicographically, shorter prefix first', () => {
    expect(compareBytes(fromHex('01'), fromHex('02'))).toBe(-1);
    expect(compareBytes(fromHex('0102'), fromHex('01'))).toBe(1);
    expect(compareBytes(fromHex('ff'), fromHex('ff'))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ maxLength: 6 }), (a, b) => {
        expect(compareBytes(a, b) + compareBytes(b, a)).toBe(0);
        expect(compareBytes(a, b) < 0).toBe(hex(a) < hex(b));
        expect(equalBytes(a, b)).toBe(hex(a) === hex(b));
      }),
    );
  });

  it('finds duplicates', () => {
    expect(hasDuplicateBytes([fromHex('01'), fromHex('02'), fromHex('01')])).toBe(true);
    expect(hasDuplicateBytes([fromHex('01'), fromHex('0100')])).toBe(false);
    expect(hasDuplicateBytes([])).toBe(false);
  });
});
