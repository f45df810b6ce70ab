/**
 * Transaction root: the RFC 6962 Merkle tree hash over a block's ordered 32-byte transaction ids,
 * bound to the number of transactions:
 *   MTH([])     = sha256(empty string)
 *   MTH([id])   = sha256(0x00 ‖ id)
 *   MTH(D[0:n]) = sha256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two < n
 *   txRoot(D)   = sha256(0x02 ‖ u32be(n) ‖ MTH(D))
 * An inclusion proof is RFC 6962's audit path (the sibling subtree hashes, leaf side first) in
 * MTH(D). An audit path alone does not fix the tree size (leaf 0 of a 3-leaf tree has the same path
 * shape as in a 4-leaf tree), so the published root commits to n as well: a proof verified with
 * any count other than the block's own fails. The 0x02 tag keeps the wrapper apart from leaf (0x00)
 * and inner (0x01) preimages; n fits u32 because a block holds at most MAX_BLOCK_TRANSACTIONS.
 */
import { sha256 } from '../crypto/hash.ts';
import { equalBytes } from '../encoding/index.ts';
import { assertHash, isHash, taggedHash } from './bytes.ts';

const LEAF_TAG = 0x00;
const INNER_TAG = 0x01;
const ROOT_TAG = 0x02;
const MAX_COUNT = 0xffff_ffff;
/** 2^32 − 1 leaves need at most 32 levels; longer paths are rejected before any hashing. */
const MAX_PATH = 32;

export function txLeafHash(id: Uint8Array): Uint8Array {
  const preimage = new Uint8Array(1 + id.length);
  preimage[0] = LEAF_TAG;
  preimage.set(id, 1);
  return sha256(preimage);
}

const txInner = (left: Uint8Array, right: Uint8Array): Uint8Array => taggedHash(INNER_TAG, left, right);

/** Size of the left subtree of a tree with n ≥ 2 leaves. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function leafHashes(ids: readonly Uint8Array[]): Uint8Array[] {
  return ids.map((id, i) => {
    assertHash(id, `transaction id ${i}`);
    return txLeafHash(id);
  });
}

function subtree(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return leaves[lo] as Uint8Array;
  const k = split(hi - lo);
  return txInner(subtree(leaves, lo, lo + k), subtree(leaves, lo + k, hi));
}

/** sha256(0x02 ‖ u32be(count) ‖ mth): the root that commits to the transaction count. */
function countedRoot(count: number, mth: Uint8Array): Uint8Array {
  const preimage = new Uint8Array(5 + mth.length);
  preimage[0] = ROOT_TAG;
  new DataView(preimage.buffer).setUint32(1, count);
  preimage.set(mth, 5);
  return sha256(preimage);
}

export function txRoot(ids: readonly Uint8Array[]): Uint8Array {
  if (ids.length > MAX_COUNT) throw new RangeError(`a transaction root covers at most ${MAX_COUNT} transactions`);
  const mth = ids.length === 0 ? sha256(new Uint8Array(0)) : subtree(leafHashes(ids), 0, ids.length);
  return countedRoot(ids.length, mth);
}

/** Audit path for ids[index], deepest sibling first. */
export function txInclusionProof(ids: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= ids.length) {
    throw new RangeError(`index ${index} is outside 0..${ids.length - 1}`);
  }
  const leaves = leafHashes(ids);
  const path: Uint8Array[] = [];
  const walk = (lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const mid = lo + split(hi - lo);
    if (index < mid) {
      walk(lo, mid);
      path.push(subtree(leaves, mid, hi));
    } else {
      walk(mid, hi);
      path.push(subtree(leaves, lo, mid));
    }
  };
  walk(0, ids.length);
  return path;
}

/** Root implied by leaf `node` at index m of an n-leaf tree and proof[0, end); null if the path length is wrong. */
function fold(m: number, n: number, node: Uint8Array, proof: readonly Uint8Array[], end: number): Uint8Array | null {
  if (n === 1) return end === 0 ? node : null;
  if (end === 0) return null;
  const k = split(n);
  const sibling = proof[end - 1] as Uint8Array;
  const sub = m < k ? fold(m, k, node, proof, end - 1) : fold(m - k, n - k, node, proof, end - 1);
  if (sub === null) return null;
  return m < k ? txInner(sub, sibling) : txInner(sibling, sub);
}

/** True iff `proof` shows `leafId` at `index` of the `count`-transaction tree with root `root`. Never throws. */
export function verifyInclusion(
  root: Uint8Array,
  index: number,
  count: number,
  leafId: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isHash(root) || !isHash(leafId) || !Array.isArray(proof) || proof.length > MAX_PATH) return false;
  if (!Number.isSafeInteger(count) || count > MAX_COUNT || !Number.isSafeInteger(index) || index < 0 || index >= count)
    return false;
  if (!proof.every(isHash)) return false;
  const mth = fold(index, count, txLeafHash(leafId), proof, proof.length);
  return mth !== null && equalBytes(countedRoot(count, mth), root);
}
