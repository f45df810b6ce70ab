/**
 * Unsigned LEB128 for lengths and counts: 7 bits per byte, low group first, high bit = "more".
 * Bounded to u32 (at most 5 bytes); a final 0x00 group after the first byte would only pad the
 * value, so it is rejected as non-minimal, which leaves exactly one encoding per number.
 */
import { makeCodec, type Codec } from './codec.ts';
import type { Reader } from './reader.ts';
import type { Writer } from './writer.ts';

export const MAX_VARINT = 0xffff_ffff;

export function writeVarint(w: Writer, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_VARINT) {
    w.fail(`varint must be an integer in 0..${MAX_VARINT}, got ${String(value)}`);
  }
  let v = value;
  // Arithmetic rather than bit operators: JS bit operators are signed 32-bit.
  while (v >= 0x80) {
    w.u8((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  w.u8(v);
}

export function readVarint(r: Reader): number {
  const start = r.offset;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 5; i++) {
    const b = r.u8();
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      if (i > 0 && b === 0) r.fail('non-minimal varint', start);
      if (value > MAX_VARINT) r.fail(`varint exceeds ${MAX_VARINT}`, start);
      return value;
    }
    scale *= 0x80;
  }
  return r.fail('varint longer than 5 bytes', start);
}

export const varint: Codec<number> = makeCodec(readVarint, writeVarint);
