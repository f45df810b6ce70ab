// The shortcuts the apply path takes must not change a byte: map keys built one char per byte, writers reused
// between encodes, a transaction id from the already encoded body, reads through stacked overlays.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesKey, EncodeError, struct, u8, fixedBytes, type Codec } from '../../../shared/core/encoding/index.ts';
import { makeCodec } from '../../../shared/core/encoding/codec.ts';
import { MemoryState, Overlay } from '../../../shared/core/state/overlay.ts';
import { encodeTransaction } from '../../../shared/core/state/index.ts';
import { signedTransactionCodec, transactionCodec, transactionId } from '../../../shared/core/types/index.ts';

describe('bytesKey', () => {
  it('gives equal keys exactly for equal byte strings, of any length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
        const same = a.length === b.length && a.every((x, i) => x === b[i]);
        expect(bytesKey(a) === bytesKey(b)).toBe(same);
        expect(bytesKey(a).length).toBe(a.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps inputs longer than one chunk whole (the bytes read back from the key)', () => {
    const long = Uint8Array.from({ length: 2500 }, (_, i) => (i * 7) & 0xff);
    const key = bytesKey(long);
    expect(Uint8Array.from(key, (c) => c.charCodeAt(0))).toEqual(long);
  });
});

describe('encode with reused writers', () => {
  const pair = struct({ a: u8, b: fixedBytes(2) });

  it('gives fresh, independent results', () => {
    const first = pair.encode({ a: 1, b: Uint8Array.of(2, 3) });
    const second = pair.encode({ a: 9, b: Uint8Array.of(8, 7) });
    expect([...first]).toEqual([1, 2, 3]);
    expect([...second]).toEqual([9, 8, 7]);
    expect(first.buffer).not.toBe(second.buffer);
  });

  it('survives a write that encodes another value in the middle (nested encode)', () => {
    const nested: Codec<number> = makeCodec(
      (r) => r.u8(),
      (w, v) => {
        const inner = pair.encode({ a: v + 1, b: Uint8Array.of(0xaa, 0xbb) }); // takes a second writer
        w.u8(v);
        w.bytes(inner);
      },
    );
    expect([...nested.encode(5)]).toEqual([5, 6, 0xaa, 0xbb]);
    expect([...pair.encode({ a: 4, b: Uint8Array.of(4, 4) })]).toEqual([4, 4, 4]);
  });

  it('starts clean after an encode that failed half way (no leftover bytes or field path)', () => {
    expect(() => pair.encode({ a: 1, b: Uint8Array.of(1) })).toThrow(EncodeError);
    expect([...pair.encode({ a: 2, b: Uint8Array.of(3, 4) })]).toEqual([2, 3, 4]);
    // The earlier failure's field path ("b") is gone: the message is u8's own.
    expect(() => u8.encode(300)).toThrow(new EncodeError('u8 must be an integer in 0..255, got 300'));
  });
});

describe('encodeTransaction', () => {
  it('gives transactionCodec.encode(tx) and transactionId(signed)', () => {
    const signed = {
      tx: {
        senderPublicKey: new Uint8Array(32).fill(3),
        nonce: 7n,
        fee: 1000n,
        expiryHeight: 99n,
        payload: { type: 'transfer' as const, to: new Uint8Array(20).fill(9), amount: 5n, memo: 'rent' },
      },
      signature: new Uint8Array(64).fill(0x5a),
    };
    const { body, id } = encodeTransaction(signed);
    expect(body).toEqual(transactionCodec.encode(signed.tx));
    expect(id).toEqual(transactionId(signed));
    // A malformed signature fails exactly as transactionId does.
    const bad = { ...signed, signature: new Uint8Array(63) };
    expect(() => signedTransactionCodec.encode(bad)).toThrow(EncodeError);
    expect(() => encodeTransaction(bad)).toThrow(/signature: expected 64 bytes, got 63/);
  });
});

describe('stacked overlays over a MemoryState', () => {
  it('read what the nearest layer wrote, deletions included, and fall through otherwise', () => {
    const key = (n: number) => new Uint8Array(32).fill(n);
    const base = new MemoryState();
    base.apply([
      { key: key(1), value: Uint8Array.of(1) },
      { key: key(2), value: Uint8Array.of(2) },
    ]);
    const parent = new Overlay(base);
    parent.set(key(2), null);
    parent.set(key(3), Uint8Array.of(3));
    const child = parent.child();
    child.set(key(1), Uint8Array.of(11));
    expect(child.get(key(1))).toEqual(Uint8Array.of(11));
    expect(child.get(key(2))).toBeUndefined();
    expect(child.get(key(3))).toEqual(Uint8Array.of(3));
    expect(child.get(key(4))).toBeUndefined();
    expect(parent.get(key(1))).toEqual(Uint8Array.of(1));
    expect(base.entries().map(([k]) => k[0])).toEqual([1, 2]);
  });
});
