import { compareBytes, equalBytes } from '../encoding/index.ts';

/** A sorted set of byte strings (addresses, ids) with one added or removed: the canonical form of the list records. */
export function withAddress(list: readonly Uint8Array[], address: Uint8Array, present: boolean): Uint8Array[] {
  const rest = list.filter((a) => !equalBytes(a, address));
  return present ? [...rest, address].sort(compareBytes) : rest;
}
