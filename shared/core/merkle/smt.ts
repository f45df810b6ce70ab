// Persistent sparse Merkle tree: updates and proofs over a content-addressed node store.
// The hashing rules are in hashing.ts; proof verification (all a light client needs) in proof.ts.
import { sha256 } from '../crypto/hash.ts';
import { bytesToHex } from '@noble/hashes/utils.js';
import { compareBytes, equalBytes } from '../encoding/index.ts';
import { assertHash, bitAt, tagged } from './bytes.ts';
import { EMPTY_HASH, INNER_TAG, isEmptyHash, LEAF_TAG, NODE_BYTES } from './hashing.ts';
import { proofFromPath, type SmtProof } from './proof.ts';
import type { NodeBatch, NodeStore, NodeWrite } from './store.ts';

/** Set `key` to `valueHash`, or delete it when `valueHash` is null. */
export interface SmtChange {
  readonly key: Uint8Array;
  readonly valueHash: Uint8Array | null;
}

/** The new root and the nodes it needs that the update created (old nodes are never touched). */
export interface SmtUpdate {
  readonly root: Uint8Array;
  readonly nodes: NodeBatch;
}

/** The store lacks a node the root refers to: an unknown root, or nodes not yet persisted. */
export class MissingNodeError extends Error {
  constructor(readonly hash: Uint8Array) {
    super(`SMT node ${bytesToHex(hash)} is not in the store`);
    this.name = 'MissingNodeError';
  }
}

type Node =
  | { readonly kind: 'empty' }
  | { readonly kind: 'leaf'; readonly key: Uint8Array; readonly valueHash: Uint8Array }
  | { readonly kind: 'inner'; readonly left: Uint8Array; readonly right: Uint8Array };

const EMPTY_NODE: Node = { kind: 'empty' };
type SlotNode = Exclude<Node, { kind: 'inner' }>;

function readNode(store: NodeStore, hash: Uint8Array): Node {
  if (isEmptyHash(hash)) return EMPTY_NODE;
  const bytes = store.get(hash);
  if (!bytes) throw new MissingNodeError(hash);
  if (bytes.length !== NODE_BYTES || (bytes[0] !== LEAF_TAG && bytes[0] !== INNER_TAG)) {
    throw new Error(`SMT node ${bytesToHex(hash)} is corrupt`);
  }
  const a = bytes.subarray(1, 33);
  const b = bytes.subarray(33, NODE_BYTES);
  return bytes[0] === LEAF_TAG ? { kind: 'leaf', key: a, valueHash: b } : { kind: 'inner', left: a, right: b };
}

export class SparseMerkleTree {
  constructor(private readonly store: NodeStore) {}

  /**
   * Applies a whole batch in one pass. A key listed twice takes its last change, as if the
   * changes were applied in order. Deleting an absent key is a no-op.
   */
  update(root: Uint8Array, changes: Iterable<SmtChange>): SmtUpdate {
    assertHash(root, 'root');
    const ops = normalise(changes);
    const updater = new Updater(this.store);
    const next = updater.apply(root, 0, ops, 0, ops.length);
    return { root: next.hash, nodes: updater.writes };
  }

  /** The value hash stored under `key`, or null if absent. */
  get(root: Uint8Array, key: Uint8Array): Uint8Array | null {
    const node = this.walk(root, key);
    return node.kind === 'leaf' && equalBytes(node.key, key) ? node.valueHash.slice() : null;
  }

  /** A membership proof if `key` is present, otherwise a non-membership proof. */
  prove(root: Uint8Array, key: Uint8Array): SmtProof {
    const path: Uint8Array[] = [];
    const node = this.walk(root, key, path);
    if (node.kind === 'empty') return proofFromPath(path, { kind: 'empty' });
    if (equalBytes(node.key, key)) return proofFromPath(path, { kind: 'member' });
    return proofFromPath(path, { kind: 'other', key: node.key.slice(), valueHash: node.valueHash.slice() });
  }

  /** Descends along `key` to the first leaf or empty subtree, collecting siblings root-first. */
  private walk(root: Uint8Array, key: Uint8Array, path?: Uint8Array[]): SlotNode {
    assertHash(root, 'root');
    assertHash(key, 'key');
    let hash = root;
    for (let depth = 0; ; depth++) {
      const node = readNode(this.store, hash);
      if (node.kind !== 'inner') return node;
      if (depth === 256) throw new Error('SMT path deeper than 256 levels: the store is corrupt');
      const right = bitAt(key, depth) === 1;
      path?.push(right ? node.left : node.right);
      hash = right ? node.right : node.left;
    }
  }
}

interface Op {
  readonly key: Uint8Array;
  readonly valueHash: Uint8Array | null;
}

/** `hash` is set when the leaf already exists in the store, so it is neither rehashed nor rewritten. */
interface Leaf {
  readonly key: Uint8Array;
  readonly valueHash: Uint8Array;
  readonly hash?: Uint8Array;
}

/** A rebuilt subtree. 'unknown' marks untouched subtrees, read only if their sibling empties. */
interface Ref {
  readonly hash: Uint8Array;
  readonly kind: 'empty' | 'leaf' | 'inner' | 'unknown';
}

const EMPTY_REF: Ref = { hash: EMPTY_HASH, kind: 'empty' };

/** Validates, sorts by key (stable) and keeps the last change per key. */
function normalise(changes: Iterable<SmtChange>): Op[] {
  const ops: Op[] = [];
  for (const { key, valueHash } of changes) {
    assertHash(key, 'change key');
    if (valueHash !== null) assertHash(valueHash, 'change valueHash');
    ops.push({ key, valueHash });
  }
  ops.sort((a, b) => compareBytes(a.key, b.key));
  return ops.filter((op, i) => i + 1 === ops.length || !equalBytes(op.key, (ops[i + 1] as Op).key));
}

/** First index in [lo, hi) whose key has bit `depth` set; items are sorted and share the prefix. */
function splitAt(items: readonly { key: Uint8Array }[], lo: number, hi: number, depth: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bitAt((items[mid] as { key: Uint8Array }).key, depth) === 1) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class Updater {
  readonly writes: NodeWrite[] = [];
  constructor(private readonly store: NodeStore) {}

  /** New hash of the subtree `hash` at `depth` after applying ops[lo, hi), which all lie under it. */
  apply(hash: Uint8Array, depth: number, ops: readonly Op[], lo: number, hi: number): Ref {
    if (lo === hi) return isEmptyHash(hash) ? EMPTY_REF : { hash, kind: 'unknown' };
    const node = readNode(this.store, hash);
    if (node.kind === 'inner') {
      const mid = splitAt(ops, lo, hi, depth);
      const left = this.apply(node.left, depth + 1, ops, lo, mid);
      const right = this.apply(node.right, depth + 1, ops, mid, hi);
      if (equalBytes(left.hash, node.left) && equalBytes(right.hash, node.right)) return { hash, kind: 'inner' };
      return this.join(left, right);
    }
    // At most one leaf lives here: merge it into the changes and build this subtree afresh.
    const leaves: Leaf[] = [];
    let old = node.kind === 'leaf' ? { key: node.key, valueHash: node.valueHash, hash } : undefined;
    for (let i = lo; i < hi; i++) {
      const op = ops[i] as Op;
      if (old && compareBytes(old.key, op.key) <= 0) {
        // An unchanged value keeps the stored leaf; otherwise the change replaces or deletes it.
        const same = equalBytes(old.key, op.key);
        const keep = same && op.valueHash !== null && equalBytes(op.valueHash, old.valueHash);
        if (!same || keep) leaves.push(old);
        old = undefined;
        if (keep) continue;
      }
      if (op.valueHash) leaves.push({ key: op.key, valueHash: op.valueHash });
    }
    if (old) leaves.push(old);
    return this.build(depth, leaves, 0, leaves.length);
  }

  /** Subtree at `depth` holding exactly leaves[lo, hi) (sorted, sharing the prefix). */
  private build(depth: number, leaves: readonly Leaf[], lo: number, hi: number): Ref {
    if (lo === hi) return EMPTY_REF;
    if (hi - lo === 1) {
      const leaf = leaves[lo] as Leaf;
      return leaf.hash ? { hash: leaf.hash, kind: 'leaf' } : this.emit(LEAF_TAG, leaf.key, leaf.valueHash, 'leaf');
    }
    const mid = splitAt(leaves, lo, hi, depth);
    return this.join(this.build(depth + 1, leaves, lo, mid), this.build(depth + 1, leaves, mid, hi));
  }

  /** Parent of two subtrees; a lone leaf beside an empty side rises, since leaf hashes ignore depth. */
  private join(left: Ref, right: Ref): Ref {
    if (left.kind === 'empty' || right.kind === 'empty') {
      const other = left.kind === 'empty' ? right : left;
      const kind = other.kind === 'unknown' ? readNode(this.store, other.hash).kind : other.kind;
      if (kind !== 'inner') return { hash: other.hash, kind };
    }
    return this.emit(INNER_TAG, left.hash, right.hash, 'inner');
  }

  // One pass never creates the same node twice (a node's content fixes its position), so no dedupe.
  private emit(tag: number, a: Uint8Array, b: Uint8Array, kind: 'leaf' | 'inner'): Ref {
    const bytes = tagged(tag, a, b);
    const hash = sha256(bytes);
    this.writes.push({ hash, bytes });
    return { hash, kind };
  }
}
