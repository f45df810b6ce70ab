// Shared fixtures for the Merkle tests: deterministic keys and values, and a spec-level oracle.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { MemoryNodeStore, SparseMerkleTree, type SmtChange } from '../../../shared/core/merkle/index.ts';

export const label = (text: string): Uint8Array => sha256(utf8ToBytes(text));
export const key = (i: number): Uint8Array => label(`key:${i}`);
export const value = (i: number, version = 0): Uint8Array => label(`value:${i}:${version}`);
export const ZERO = new Uint8Array(32);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const bit = (k: Uint8Array, i: number): number => ((k[i >> 3] as number) >> (7 - (i % 8))) & 1;

/** The root straight from the written rules, independent of the implementation's code paths. */
export function specRoot(entries: readonly (readonly [Uint8Array, Uint8Array])[], depth = 0): Uint8Array {
  if (entries.length === 0) return ZERO;
  if (entries.length === 1) {
    const [[k, v]] = entries as [readonly [Uint8Array, Uint8Array]];
    return sha256(concat(Uint8Array.of(0), k, v));
  }
  const left = entries.filter(([k]) => bit(k, depth) === 0);
  const right = entries.filter(([k]) => bit(k, depth) === 1);
  return sha256(concat(Uint8Array.of(1), specRoot(left, depth + 1), specRoot(right, depth + 1)));
}

/** A tree whose updates are persisted straight away, as the full node does per block. */
export function makeTree(): {
  store: MemoryNodeStore;
  tree: SparseMerkleTree;
  apply: (root: Uint8Array, changes: SmtChange[]) => Uint8Array;
} {
  const store = new MemoryNodeStore();
  const tree = new SparseMerkleTree(store);
  const apply = (root: Uint8Array, changes: SmtChange[]): Uint8Array => {
    const update = tree.update(root, changes);
    store.put(update.nodes);
    return update.root;
  };
  return { store, tree, apply };
}

export const set = (i: number, version = 0): SmtChange => ({ key: key(i), valueHash: value(i, version) });
export const del = (i: number): SmtChange => ({ key: key(i), valueHash: null });
