import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_VARINT, varint } from '../../../shared/core/encoding/index.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

describe('varint (LEB128, u32 range)', () => {
  it('encodes known values', () => {
    const vectors: [number, string][] = [
      [0, '00'],
      [1, '01'],
      [127, '7f'],
      [128, '8001'],
      [300, 'ac02'],
      [16_383, 'ff7f'],
      [16_384, '808001'],
      [MAX_VARINT, 'ffffffff0f'],
    ];
    for (const [n, h] of vectors) {
      expect(hex(varint.encode(n))).toBe(h);
      expect(varint.decodeOrThrow(fromHex(h))).toBe(n);
    }
  });

  it('is canonical over the whole range', () => {
    checkCanonical(
      varint,
      fc.oneof(fc.nat({ max: 300 }), fc.bigInt({ min: 0n, max: BigInt(MAX_VARINT) }).map(Number)),
      300,
    );
  });

  it('rejects non-minimal forms (a zero final group) at their start offset', () => {
    expect(rejects(varint, fromHex('8000'))).toBe('non-minimal varint at offset 0');
    expect(rejects(varint, fromHex('ff8000'))).toBe('non-minimal varint at offset 0');
    expect(rejects(varint, fromHex('8080808000'))).toBe('non-minimal varint at offset 0');
    // Every value padded with one extra zero group is rejected.
    fc.assert(
      fc.property(fc.nat({ max: 0x0fff_ffff }), (n) => {
        const bytes = varint.encode(n);
        const padded = Uint8Array.from([...bytes.subarray(0, -1), (bytes.at(-1) as number) | 0x80, 0x00]);
        expect(rejects(varint, padded)).toBe('non-minimal varint at offset 0');
      }),
      { numRuns: 200 },
    );
  });

  it('rejects values above 2^32-1 and encodings longer than 5 bytes', () => {
    expect(rejects(varint, fromHex('ffffffff10'))).toBe('varint exceeds 4294967295 at offset 0');
    expect(rejects(varint, fromHex('8080808080'))).toBe('varint longer than 5 bytes at offset 0');
    expect(rejects(varint, fromHex('808080808001'))).toBe('varint longer than 5 bytes at offset 0');
  });

  it('rejects truncation with the offset where input ran out', () => {
    expect(rejects(varint, fromHex('80'))).toBe('unexpected end of input: needed 1 bytes, 0 left at offset 1');
    expect(rejects(varint, new Uint8Array())).toBe('unexpected end of input: needed 1 bytes, 0 left at offset 0');
  });

  it('refuses to encode numbers outside 0..2^32-1', () => {
    for (const bad of [-1, 1.5, MAX_VARINT + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => varint.encode(bad)).toThrow(/varint must be an integer/);
    }
  });
});
