/** Byte-string codecs: fixed length (keys, hashes, signatures) and length-prefixed with a maximum. */
import { makeCodec, type Codec } from './codec.ts';
import { readVarint, writeVarint } from './varint.ts';

/** Exactly `length` raw bytes, no prefix: the length is part of the type. */
export function fixedBytes(length: number): Codec<Uint8Array> {
  return makeCodec(
    (r) => r.take(length),
    (w, v) => {
      if (!(v instanceof Uint8Array)) w.fail(`expected ${length} bytes, got ${typeof v}`);
      if (v.length !== length) w.fail(`expected ${length} bytes, got ${v.length}`);
      w.bytes(v);
    },
  );
}

/** A varint length then the bytes; the length is checked against `maxLength` before reading. */
export function bytes(maxLength: number): Codec<Uint8Array> {
  return makeCodec(
    (r) => {
      const start = r.offset;
      const length = readVarint(r);
      if (length > maxLength) r.fail(`${length} bytes exceeds the maximum of ${maxLength}`, start);
      return r.take(length);
    },
    (w, v) => {
      if (!(v instanceof Uint8Array)) w.fail(`expected bytes, got ${typeof v}`);
      if (v.length > maxLength) w.fail(`${v.length} bytes exceeds the maximum of ${maxLength}`);
      writeVarint(w, v.length);
      w.bytes(v);
    },
  );
}

/** Lexicographic order (shorter prefix first): the order of sorted sets and store keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}

/** True if any two entries are equal (sort a copy, compare neighbours: O(n log n)). */
export function hasDuplicateBytes(list: readonly Uint8Array[]): boolean {
  const sorted = [...list].sort(compareBytes);
  for (let i = 1; i < sorted.length; i++)
    if (compareBytes(sorted[i - 1] as Uint8Array, sorted[i] as Uint8Array) === 0) return true;
  return false;
}

/** Bytes per String.fromCharCode call: far below any engine's limit on argument count. */
const KEY_CHUNK = 1024;

/**
 * A Map key for a byte string: one char per byte, so distinct byte strings give distinct keys. About twice as
 * cheap to build as hex, which matters where every state read and Merkle node looks one up.
 */
export function bytesKey(bytes: Uint8Array): string {
  // apply() takes the typed array as its argument list; TypeScript's typing wants a number[].
  if (bytes.length <= KEY_CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let key = '';
  for (let i = 0; i < bytes.length; i += KEY_CHUNK)
    key += String.fromCharCode.apply(null, bytes.subarray(i, i + KEY_CHUNK) as unknown as number[]);
  return key;
}
