import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeAddress } from '../../shared/core/crypto/index.ts';

/**
 * Plain-JSON views of protocol values for RPC results: u64 as decimal strings (JSON numbers lose precision),
 * hashes and keys as hex, 20-byte addresses in the network's bech32m form. Only for display and scripts;
 * verifying clients use the canonical hex encodings that accompany them.
 */
export function toJson<T>(value: T, prefix: string): JsonView<T> {
  return plain(value, prefix) as JsonView<T>;
}

/** The type `toJson` gives a value: u64 → decimal string, bytes → hex or bech32m text, the rest as is. */
export type JsonView<T> = T extends bigint
  ? string
  : T extends Uint8Array
    ? string
    : T extends readonly (infer E)[]
      ? JsonView<E>[]
      : T extends object
        ? { [K in keyof T]: JsonView<T[K]> }
        : T;

function plain(value: unknown, prefix: string): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return value.length === 20 ? encodeAddress(prefix, value) : bytesToHex(value);
  if (Array.isArray(value)) return value.map((v) => plain(v, prefix));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, prefix)]));
  return value;
}

export const hex = (bytes: Uint8Array): string => bytesToHex(bytes);
