// Byte helpers particular to the Merkle code (general ones live in encoding/bytes.ts).
import { sha256 } from '../crypto/hash.ts';
import { HASH_BYTES } from '../types/index.ts';

export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

/** Throws for anything but 32 bytes: callers passing the wrong thing is a bug, not bad input. */
export function assertHash(value: unknown, what: string): asserts value is Uint8Array {
  if (!isHash(value)) throw new TypeError(`${what} must be a ${HASH_BYTES}-byte Uint8Array`);
}

/** Bit `i` of a key, most significant bit of byte 0 first; 0 means "go left". */
export function bitAt(key: Uint8Array, i: number): number {
  return ((key[i >> 3] as number) >> (7 - (i & 7))) & 1;
}

/** sha256(tag ‖ a ‖ b) for two 32-byte parts; the tag byte is the domain separator. */
export function taggedHash(tag: number, a: Uint8Array, b: Uint8Array): Uint8Array {
  return sha256(tagged(tag, a, b));
}

/** The 65-byte preimage tag ‖ a ‖ b; it is also how SMT nodes are stored. */
export function tagged(tag: number, a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + a.length + b.length);
  out[0] = tag;
  out.set(a, 1);
  out.set(b, 1 + a.length);
  return out;
}
