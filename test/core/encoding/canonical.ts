/**
 * Generic canonical-encoding properties, run for every codec: round trip, every prefix rejected,
 * trailing bytes rejected, and uniqueness (whatever bytes decode, re-encode to exactly those bytes).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Codec } from '../../../shared/core/encoding/index.ts';

/** Asserts a decode failed and returns its reason, so callers can check the wording. */
export function rejects<T>(codec: Codec<T>, bytes: Uint8Array): string {
  const result = codec.decode(bytes);
  if (result.ok) throw new Error(`expected rejection of ${hex(bytes)}, decoded ${String(result.value)}`);
  expect(result.error.reason.length).toBeGreaterThan(0);
  expect(result.error.offset).toBeGreaterThanOrEqual(0);
  expect(result.error.offset).toBeLessThanOrEqual(bytes.length);
  return result.error.reason;
}

export const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const fromHex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

/** Mutations a corrupted or hostile encoding might show: overwrite, insert, delete one byte. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), byte: fc.constant(0) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let out = Array.from(bytes);
  for (const m of ms) {
    const at = out.length === 0 ? 0 : m.at % (out.length + (m.kind === 'insert' ? 1 : 0));
    if (m.kind === 'set' && out.length > 0) out[at] = m.byte;
    else if (m.kind === 'insert') out.splice(at, 0, m.byte);
    else if (m.kind === 'delete') out = out.filter((_, i) => i !== at);
  }
  return Uint8Array.from(out);
}

/** If `bytes` decode at all, they must be the canonical encoding of what they decode to. */
export function expectUniqueness<T>(codec: Codec<T>, bytes: Uint8Array): void {
  const result = codec.decode(bytes);
  if (result.ok) expect(hex(codec.encode(result.value))).toBe(hex(bytes));
}

export function checkCanonical<T>(codec: Codec<T>, arb: fc.Arbitrary<T>, numRuns = 100): void {
  // Round trip both ways: value → bytes → equal value, and the value re-encodes identically.
  fc.assert(
    fc.property(arb, (v) => {
      const bytes = codec.encode(v);
      const back = codec.decodeOrThrow(bytes);
      expect(back).toEqual(v);
      expect(hex(codec.encode(back))).toBe(hex(bytes));
    }),
    { numRuns },
  );
  // Every strict prefix fails (the decoder never accepts a cut-off value).
  fc.assert(
    fc.property(arb, (v) => {
      const bytes = codec.encode(v);
      for (let n = 0; n < bytes.length; n++) rejects(codec, bytes.subarray(0, n));
    }),
    { numRuns: Math.ceil(numRuns / 4) },
  );
  // Trailing bytes fail with the count in the reason.
  fc.assert(
    fc.property(arb, fc.uint8Array({ minLength: 1, maxLength: 8 }), (v, extra) => {
      const bytes = codec.encode(v);
      const reason = rejects(codec, Uint8Array.from([...bytes, ...extra]));
      expect(reason).toBe(`${extra.length} trailing bytes after the value at offset ${bytes.length}`);
    }),
    { numRuns: Math.ceil(numRuns / 4) },
  );
  // Uniqueness under mutation of valid encodings, and on arbitrary bytes.
  fc.assert(
    fc.property(arb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (v, ms) => {
      expectUniqueness(codec, mutate(codec.encode(v), ms));
    }),
    { numRuns },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) => expectUniqueness(codec, b)),
    { numRuns },
  );
}
