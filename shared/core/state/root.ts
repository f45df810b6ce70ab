/**
 * From state changes to the state root: each record is a leaf of the sparse Merkle tree under
 * its state key, with value hash sha256(record encoding); a deleted record is an absent leaf.
 */
import { sha256 } from '../crypto/index.ts';
import { EMPTY_HASH, SparseMerkleTree, type NodeStore, type SmtChange, type SmtUpdate } from '../merkle/index.ts';
import type { Hash } from '../types/index.ts';
import type { StateChange } from './overlay.ts';

/** Root of the state with no records. */
export const EMPTY_STATE_ROOT: Hash = EMPTY_HASH;

export function stateValueHash(encoded: Uint8Array): Hash {
  return sha256(encoded);
}

export function toSmtChanges(changes: readonly StateChange[]): SmtChange[] {
  return changes.map(({ key, value }) => ({ key, valueHash: value === null ? null : stateValueHash(value) }));
}

/** The root after `changes` on top of `root`, and the new nodes to persist in `store`. */
export function updateStateRoot(store: NodeStore, root: Hash, changes: readonly StateChange[]): SmtUpdate {
  return new SparseMerkleTree(store).update(root, toSmtChanges(changes));
}
