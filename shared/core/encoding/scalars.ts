/**
 * Fixed-width scalars. Integers are big-endian so byte order equals numeric order (useful for
 * sorted sets and store keys). u64 is a fixed 8 bytes rather than a varint: every 8-byte string
 * is a distinct valid value, so there is no minimality rule to get wrong, positions inside a
 * transaction do not shift with the amount (simple for offline signers to display), and the few
 * bytes saved by a varint do not matter at this chain's volume.
 */
import { isU64, MAX_U64 } from './amount.ts';
import { makeCodec, type Codec } from './codec.ts';

export const u8: Codec<number> = makeCodec(
  (r) => r.u8(),
  (w, v) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) w.fail(`u8 must be an integer in 0..255, got ${String(v)}`);
    w.u8(v);
  },
);

export const u32: Codec<number> = makeCodec(
  (r) => r.u32(),
  (w, v) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff)
      w.fail(`u32 must be an integer in 0..4294967295, got ${String(v)}`);
    w.u32(v);
  },
);

/** Decoding cannot overflow (8 bytes hold exactly u64); encoding rejects anything outside 0..2^64-1. */
export const u64: Codec<bigint> = makeCodec(
  (r) => r.u64(),
  (w, v) => {
    if (!isU64(v)) w.fail(`u64 must be a bigint in 0..${MAX_U64}, got ${typeof v === 'bigint' ? String(v) : typeof v}`);
    w.u64(v);
  },
);

/** Only 0x00 and 0x01: any other byte would be a second spelling of true. */
export const bool: Codec<boolean> = makeCodec(
  (r) => {
    const start = r.offset;
    const b = r.u8();
    if (b > 1) r.fail(`invalid bool byte 0x${b.toString(16).padStart(2, '0')} (expected 0x00 or 0x01)`, start);
    return b === 1;
  },
  (w, v) => {
    if (typeof v !== 'boolean') w.fail(`expected a boolean, got ${typeof v}`);
    w.u8(v ? 1 : 0);
  },
);
