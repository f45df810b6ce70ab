// Small byte and amount helpers the DPoS rules share.

/** A 20-byte account address. */
export type Address = Uint8Array;

export const ADDRESS_LENGTH = 20;

/** Largest amount an unsigned 64-bit field can hold. */
export const U64_MAX = (1n << 64n) - 1n;

// One byte order for the whole core: the codec's (also the order of sorted sets and store keys).
export { compareBytes, equalBytes as bytesEqual } from '../encoding/bytes.ts';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** How addresses appear in reasons; callers with a network prefix pass a bech32m formatter. */
export const hexAddress = (a: Address): string => `0x${toHex(a)}`;

export function assertAddress(a: Uint8Array, what: string): void {
  if (!(a instanceof Uint8Array) || a.length !== ADDRESS_LENGTH) {
    throw new RangeError(`${what} must be a ${ADDRESS_LENGTH}-byte address`);
  }
}

export function isU64(x: bigint): boolean {
  return typeof x === 'bigint' && x >= 0n && x <= U64_MAX;
}

export function assertU64(x: bigint, what: string): void {
  if (!isU64(x)) throw new RangeError(`${what} must be an unsigned 64-bit amount, got ${String(x)}`);
}

/** Heights, rounds, counts: non-negative safe integers (2^53 blocks outlasts any chain). */
export function assertCount(x: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(x) || x < min) throw new RangeError(`${what} must be an integer ≥ ${min}, got ${x}`);
}
