/**
 * Sparse Merkle tree hashing rules. Consensus-critical: full nodes and light clients must agree
 * byte for byte, so these are the whole specification.
 *
 * Keys are 32 bytes (256 bits). Bit i of a key, counting from the most significant bit of byte 0,
 * chooses the child at depth i: 0 = left, 1 = right. Values are 32-byte hashes of state values.
 *
 * The hash of the subtree under a key prefix is
 *   - EMPTY (32 zero bytes)                      if no key has that prefix;
 *   - leaf(k, v) = sha256(0x00 ‖ k ‖ v)          if exactly one key k (value hash v) has it,
 *                                                 whatever the depth: a lone leaf is not pushed down;
 *   - inner(l, r) = sha256(0x01 ‖ l ‖ r)         if two or more keys have it, where l and r are the
 *                                                 hashes of the prefix extended by bit 0 and by bit 1.
 * The root is the hash of the empty prefix. Hence the root depends only on the set of (key, value)
 * pairs; an inner node never has two EMPTY children or an EMPTY child beside a leaf (it may have an
 * EMPTY child beside another inner node, when all its keys share the next bit).
 *
 * Storage: a node is stored under its hash as its 65-byte preimage (0x00 ‖ k ‖ v or 0x01 ‖ l ‖ r),
 * so every stored node is self-verifying. EMPTY is never stored.
 */
import { HASH_BYTES } from '../types/index.ts';
import { taggedHash } from './bytes.ts';

export const LEAF_TAG = 0x00;
export const INNER_TAG = 0x01;
export const NODE_BYTES = 1 + 2 * HASH_BYTES;

/** Hash of an empty subtree and root of the empty tree. Shared instance: never mutate it. */
export const EMPTY_HASH: Uint8Array = new Uint8Array(HASH_BYTES);

export function isEmptyHash(hash: Uint8Array): boolean {
  for (let i = 0; i < hash.length; i++) if (hash[i] !== 0) return false;
  return hash.length === HASH_BYTES;
}

export function leafHash(key: Uint8Array, valueHash: Uint8Array): Uint8Array {
  return taggedHash(LEAF_TAG, key, valueHash);
}

export function innerHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return taggedHash(INNER_TAG, left, right);
}
