// Test fixtures for the DPoS rules.
import type { Address } from '../../../shared/core/dpos/bytes.ts';

/** A 20-byte address whose first two bytes are n big-endian, so numeric order is address order. */
export function addr(n: number): Address {
  const a = new Uint8Array(20);
  a[0] = (n >> 8) & 0xff;
  a[1] = n & 0xff;
  return a;
}

/** A 20-byte address from hex, zero-padded on the right. */
export function addrHex(hex: string): Address {
  const a = new Uint8Array(20);
  for (let i = 0; i < hex.length / 2; i++) a[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return a;
}

/** A 32-byte seed filled from n, for tests that need many distinct seeds. */
export function seedOf(n: number): Uint8Array {
  const s = new Uint8Array(32);
  new DataView(s.buffer).setUint32(28, n, false);
  return s;
}
