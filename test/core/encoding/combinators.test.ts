import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  array,
  bool,
  bytes,
  DecodeError,
  enumeration,
  EncodeError,
  optional,
  refine,
  sortedSet,
  struct,
  taggedUnion,
  text,
  u32,
  u64,
  u8,
} from '../../../shared/core/encoding/index.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

describe('optional', () => {
  const maybe = optional(u8);

  it('writes 00 for absent and 01 + value for present', () => {
    expect(hex(maybe.encode(undefined))).toBe('00');
    expect(hex(maybe.encode(7))).toBe('0107');
    checkCanonical(maybe, fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }));
  });

  it('rejects any other flag byte', () => {
    expect(rejects(maybe, fromHex('0207'))).toBe('invalid optional flag 0x02 (expected 0x00 or 0x01) at offset 0');
    expect(rejects(maybe, fromHex('ff'))).toMatch(/invalid optional flag 0xff/);
  });

  it('cannot nest (absent would have two spellings)', () => {
    expect(() => optional(optional(u8))).toThrow(/already optional/);
  });
});

describe('array(max)', () => {
  const list = array(u8, 3);

  it('is a varint count then the items', () => {
    expect(hex(list.encode([1, 2]))).toBe('020102');
    checkCanonical(list, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }));
  });

  it('rejects an oversize count before reading items, and a short item list', () => {
    expect(rejects(list, fromHex('04'))).toBe('4 entries exceeds the maximum of 3 at offset 0');
    expect(() => list.encode([1, 2, 3, 4])).toThrow('4 entries exceeds the maximum of 3');
    expect(rejects(list, fromHex('0201'))).toBe('[1]: unexpected end of input: needed 1 bytes, 0 left at offset 2');
  });

  it('names the failing entry when encoding', () => {
    expect(() => list.encode([1, 300])).toThrow('[1]: u8 must be an integer in 0..255, got 300');
    expect(() => list.encode('ab' as unknown as number[])).toThrow('expected an array, got string');
  });
});

describe('sortedSet', () => {
  const set = sortedSet(u32, 5);

  it('accepts strictly increasing entries', () => {
    expect(hex(set.encode([1, 256]))).toBe('020000000100000100');
    checkCanonical(
      set,
      fc.uniqueArray(fc.nat({ max: 1000 }), { maxLength: 5 }).map((xs) => [...xs].sort((a, b) => a - b)),
    );
  });

  it('rejects unsorted and duplicate entries on both sides, at the offending entry', () => {
    const reason =
      'entry [1] does not sort after entry [0]: set entries must be strictly increasing, without duplicates';
    expect(rejects(set, fromHex('02 00000002 00000001'))).toBe(`${reason} at offset 5`);
    expect(rejects(set, fromHex('02 00000002 00000002'))).toBe(`${reason} at offset 5`);
    expect(() => set.encode([2, 1])).toThrow(reason);
    expect(() => set.encode([2, 2])).toThrow(reason);
  });

  it('orders by a key when one is given (unique on part of the value)', () => {
    const byId = sortedSet(struct({ id: u8, flag: bool }), 4, (e) => u8.encode(e.id));
    expect(byId.decodeOrThrow(fromHex('02 0100 0201'))).toEqual([
      { id: 1, flag: false },
      { id: 2, flag: true },
    ]);
    expect(rejects(byId, fromHex('02 0100 0101'))).toMatch(/entry \[1\] does not sort after entry \[0\]/);
  });
});

describe('struct', () => {
  const point = struct({ x: u8, label: text(4), note: optional(text(4)) });

  it('concatenates fields in declaration order and omits absent optionals on decode', () => {
    expect(hex(point.encode({ x: 1, label: 'a' }))).toBe('01016100');
    expect(point.decodeOrThrow(fromHex('0101610101' + '62'))).toEqual({ x: 1, label: 'a', note: 'b' });
    const decoded = point.decodeOrThrow(fromHex('01016100'));
    expect(Object.keys(decoded)).toEqual(['x', 'label']);
    checkCanonical(
      point,
      fc.record(
        {
          x: fc.integer({ min: 0, max: 255 }),
          label: fc.string({ maxLength: 4, unit: 'grapheme-ascii' }),
          note: fc.string({ maxLength: 4, unit: 'grapheme-ascii' }),
        },
        { requiredKeys: ['x', 'label'] },
      ),
    );
  });

  it('names the field in decode and encode errors', () => {
    expect(rejects(point, fromHex('01 05 6161616161 00'))).toBe(
      'label: string of 5 bytes exceeds the maximum of 4 at offset 1',
    );
    expect(() => point.encode({ x: 1, label: 'abcde' })).toThrow('label: string of 5 bytes exceeds the maximum of 4');
    const outer = struct({ inner: struct({ list: array(point, 2) }) });
    expect(() =>
      outer.encode({
        inner: {
          list: [
            { x: 1, label: 'ok' },
            { x: 999, label: 'ok' },
          ],
        },
      }),
    ).toThrow('inner.list[1].x: u8 must be an integer in 0..255, got 999');
    expect(rejects(outer, fromHex('02 01 016100 02'))).toBe(
      'inner.list[1].label: unexpected end of input: needed 1 bytes, 0 left at offset 6',
    );
  });

  it('refuses non-objects and index-like field names', () => {
    expect(() => point.encode(null as unknown as { x: number; label: string })).toThrow('expected an object, got null');
    expect(() => struct({ '0': u8 })).toThrow(/looks like an array index/);
  });
});

describe('taggedUnion', () => {
  const shape = taggedUnion({
    circle: [1, struct({ r: u8 })],
    square: [7, struct({ side: u64 })],
    dot: [9, struct({})],
  });

  it('writes the u8 tag then the variant, and decodes a flat object with `type`', () => {
    expect(hex(shape.encode({ type: 'circle', r: 5 }))).toBe('0105');
    expect(shape.decodeOrThrow(fromHex('09'))).toEqual({ type: 'dot' });
    checkCanonical(
      shape,
      fc.oneof(
        fc.record({ type: fc.constant('circle' as const), r: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ type: fc.constant('square' as const), side: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
        fc.constant({ type: 'dot' as const }),
      ),
    );
  });

  it('rejects unknown tags on decode and unknown types on encode', () => {
    expect(rejects(shape, fromHex('02'))).toBe('unknown tag 0x02 (expected one of circle, square, dot) at offset 0');
    for (let t = 0; t < 256; t++) if (![1, 7, 9].includes(t)) rejects(shape, Uint8Array.of(t, 0, 0, 0, 0, 0, 0, 0, 0));
    expect(() => shape.encode({ type: 'hexagon' } as never)).toThrow(
      'unknown type "hexagon" (expected one of circle, square, dot)',
    );
    expect(() => shape.encode({ type: 'toString' } as never)).toThrow(/unknown type "toString"/);
  });

  it('puts the variant in error paths', () => {
    expect(() => shape.encode({ type: 'square', side: -1n })).toThrow(/^\(square\)\.side: u64 must be a bigint/);
  });

  it('refuses ambiguous definitions', () => {
    expect(() => taggedUnion({ a: [1, struct({})], b: [1, struct({})] })).toThrow(/tag 1 is used twice/);
    expect(() => taggedUnion({ a: [256, struct({})] })).toThrow(/not a u8/);
    expect(() => taggedUnion({ a: [1, struct({ type: u8 })] })).toThrow(/field named "type"/);
  });
});

describe('enumeration', () => {
  const status = enumeration({ open: 0, closed: 3 });

  it('writes each name as its tag', () => {
    expect(hex(status.encode('closed'))).toBe('03');
    checkCanonical(status, fc.constantFrom('open' as const, 'closed' as const), 20);
  });

  it('rejects unknown tags and names', () => {
    expect(rejects(status, fromHex('01'))).toBe('unknown tag 0x01 (expected one of open, closed) at offset 0');
    expect(() => status.encode('ajar' as never)).toThrow('unknown value "ajar" (expected one of open, closed)');
    expect(() => enumeration({ a: 1, b: 1 })).toThrow(/used twice/);
  });
});

describe('refine', () => {
  const range = refine(struct({ lo: u8, hi: u8 }), (r) => (r.lo <= r.hi ? undefined : 'lo must not exceed hi'));

  it('accepts values satisfying the rule', () => {
    checkCanonical(
      range,
      fc
        .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
        .map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) })),
    );
  });

  it('rejects values breaking it on both sides, at the value offset', () => {
    expect(rejects(range, fromHex('0201'))).toBe('lo must not exceed hi at offset 0');
    expect(() => range.encode({ lo: 2, hi: 1 })).toThrow('lo must not exceed hi');
    const wrapped = struct({ pad: u8, range });
    expect(rejects(wrapped, fromHex('ff0201'))).toBe('range: lo must not exceed hi at offset 1');
  });

  it('keeps the struct marker so refined structs still work as union variants', () => {
    const u = taggedUnion({ r: [0, range] });
    expect(u.decodeOrThrow(fromHex('000102'))).toEqual({ type: 'r', lo: 1, hi: 2 });
  });
});

describe('top-level entry points', () => {
  it('decodeOrThrow throws a DecodeError with reason and offset', () => {
    try {
      u32.decodeOrThrow(fromHex('0000000001'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).reason).toBe('1 trailing bytes after the value at offset 4');
      expect((e as DecodeError).offset).toBe(4);
    }
  });

  it('decodes from a view into a larger buffer', () => {
    const buf = fromHex('ff 03 616263 ff');
    expect(text(8).decodeOrThrow(buf.subarray(1, 5))).toBe('abc');
  });

  it('encode errors are EncodeError', () => {
    expect(() => bytes(1).encode(new Uint8Array(2))).toThrow(EncodeError);
  });
});
