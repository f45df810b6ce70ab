// Small byte and amount helpers the DPoS rules share. Kept local to this folder so the module
// imports nothing outside it; a shared codec may later replace them.

/** A 20-byte account address. */
export type Address = Uint8Array;

export const ADDRESS_LENGTH = 20;

/** Largest amount an unsigned 64-bit field can hold. */
export const U64_MAX = (1n << 64n) - 1n;

/** Bytewise lexicographic order (shorter prefix first): the tie-break order for addresses. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}

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
