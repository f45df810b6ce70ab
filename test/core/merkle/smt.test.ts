import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  EMPTY_HASH,
  MemoryNodeStore,
  MissingNodeError,
  SparseMerkleTree,
  verifyProof,
  type SmtChange,
} from '../../../shared/core/merkle/index.ts';
import { concat, del, key, label, makeTree, set, specRoot, value, ZERO } from './helpers.ts';

const leaf = (k: Uint8Array, v: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(0), k, v));
const inner = (l: Uint8Array, r: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(1), l, r));
/** A key whose first byte is `first` and the rest zero, to place leaves by hand. */
const keyWith = (first: number, last = 0): Uint8Array => {
  const k = new Uint8Array(32);
  k[0] = first;
  k[31] = last;
  return k;
};

describe('sparse Merkle tree: hashing rules', () => {
  it('has EMPTY (32 zero bytes) as the empty root, with nothing in it', () => {
    const { tree } = makeTree();
    expect(EMPTY_HASH).toEqual(ZERO);
    const update = tree.update(EMPTY_HASH, []);
    expect(update.root).toEqual(ZERO);
    expect(update.nodes).toHaveLength(0);
    expect(tree.get(EMPTY_HASH, key(1))).toBeNull();
  });

  it('builds exactly the documented shape for hand-placed keys', () => {
    const { apply } = makeTree();
    const a = keyWith(0x00); // 0000…
    const b = keyWith(0x10); // 0001…: first differs from a at bit 3
    const c = keyWith(0x80); // 1…
    const [va, vb, vc] = [value(1), value(2), value(3)];
    const one = apply(EMPTY_HASH, [{ key: a, valueHash: va }]);
    expect(one).toEqual(leaf(a, va)); // a lone leaf is the root itself, not pushed down
    const two = apply(one, [{ key: b, valueHash: vb }]);
    expect(two).toEqual(inner(inner(inner(inner(leaf(a, va), leaf(b, vb)), ZERO), ZERO), ZERO));
    const three = apply(two, [{ key: c, valueHash: vc }]);
    expect(three).toEqual(inner(inner(inner(inner(leaf(a, va), leaf(b, vb)), ZERO), ZERO), leaf(c, vc)));
    // Deleting b leaves a alone in the left half, so a rises to depth 1.
    expect(apply(three, [{ key: b, valueHash: null }])).toEqual(inner(leaf(a, va), leaf(c, vc)));
  });

  it('handles keys that differ only in their last bit (depth 256)', () => {
    const { tree, apply } = makeTree();
    const [a, b] = [keyWith(0x42, 0), keyWith(0x42, 1)];
    const root = apply(EMPTY_HASH, [
      { key: a, valueHash: value(1) },
      { key: b, valueHash: value(2) },
    ]);
    expect(root).toEqual(
      specRoot([
        [a, value(1)],
        [b, value(2)],
      ]),
    );
    const proof = tree.prove(root, b);
    expect(proof.depth).toBe(256);
    expect(verifyProof(root, b, value(2), proof)).toBe(true);
    expect(apply(root, [{ key: a, valueHash: null }])).toEqual(leaf(b, value(2)));
  });
});

/** An op on one of 16 keys: a value version, or null to delete. */
const opArb = fc.record({ k: fc.integer({ min: 0, max: 15 }), v: fc.option(fc.integer({ min: 0, max: 3 })) });
const toChange = ({ k, v }: { k: number; v: number | null }): SmtChange => (v === null ? del(k) : set(k, v));

/** Final key → value after applying ops in order. */
function finalState(ops: readonly { k: number; v: number | null }[]): [Uint8Array, Uint8Array][] {
  const state = new Map<number, number>();
  for (const { k, v } of ops) {
    if (v === null) state.delete(k);
    else state.set(k, v);
  }
  return [...state].map(([k, v]) => [key(k), value(k, v)]);
}

describe('sparse Merkle tree: updates', () => {
  it('gives a root that depends only on the final set, not on order or batching', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(fc.nat({ max: 40 })), (ops, cuts) => {
        const expected = specRoot(finalState(ops));
        const changes = ops.map(toChange);
        const { apply } = makeTree();
        // One block with everything (duplicates resolve to the last change).
        expect(apply(EMPTY_HASH, changes)).toEqual(expected);
        // One key per block.
        expect(changes.reduce((root, c) => apply(root, [c]), EMPTY_HASH)).toEqual(expected);
        // Arbitrary block boundaries.
        const bounds = [...new Set([0, ...cuts.filter((c) => c < ops.length), ops.length])].sort((x, y) => x - y);
        let root = EMPTY_HASH;
        for (let i = 1; i < bounds.length; i++) root = apply(root, changes.slice(bounds[i - 1], bounds[i]));
        expect(root).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('agrees with the rules on keys sharing long prefixes (deep paths)', () => {
    // Only the first and last bytes vary, so paths run down to depth 248 and beyond.
    const deepOp = fc.record({
      a: fc.constantFrom(0x00, 0x01, 0x80),
      b: fc.nat({ max: 255 }),
      v: fc.option(fc.nat({ max: 2 })),
    });
    fc.assert(
      fc.property(fc.array(deepOp, { maxLength: 30 }), fc.nat({ max: 30 }), (ops, cut) => {
        const state = new Map<number, [Uint8Array, Uint8Array]>();
        const changes = ops.map(({ a, b, v }): SmtChange => {
          const k = keyWith(a, b);
          if (v === null) state.delete(a * 256 + b);
          else state.set(a * 256 + b, [k, value(a * 256 + b, v)]);
          return { key: k, valueHash: v === null ? null : value(a * 256 + b, v) };
        });
        const { apply } = makeTree();
        const root = apply(apply(EMPTY_HASH, changes.slice(0, cut)), changes.slice(cut));
        expect(root).toEqual(specRoot([...state.values()]));
      }),
      { numRuns: 60 },
    );
  });

  it('restores the earlier root when added keys are deleted, and EMPTY when all are', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: 501, max: 1000 }), { minLength: 1, maxLength: 30 }),
        (base, extra) => {
          const { apply } = makeTree();
          const before = apply(
            EMPTY_HASH,
            base.map((i) => set(i)),
          );
          const grown = apply(
            before,
            extra.map((i) => set(i)),
          );
          expect(grown).not.toEqual(before);
          expect(apply(grown, extra.map(del))).toEqual(before);
          expect(apply(grown, [...base, ...extra].map(del))).toEqual(ZERO);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes only new nodes, each stored under the hash of its bytes', () => {
    const { store, tree } = makeTree();
    const first = tree.update(
      EMPTY_HASH,
      Array.from({ length: 200 }, (_, i) => set(i)),
    );
    store.put(first.nodes);
    const root = first.root;
    // n leaves, n − 1 branching inner nodes plus one per level where all keys share the next bit.
    expect(first.nodes.filter((n) => n.bytes[0] === 0)).toHaveLength(200);
    expect(first.nodes.length).toBeGreaterThanOrEqual(200 + 199);
    expect(store.size).toBe(first.nodes.length); // no node written twice
    const update = tree.update(root, [set(7, 1)]);
    for (const { hash, bytes } of update.nodes) expect(sha256(bytes)).toEqual(hash);
    // One changed leaf rewrites only its path: its leaf plus at most one inner node per level.
    expect(update.nodes.length).toBeLessThanOrEqual(1 + tree.prove(root, key(7)).depth);
    // Nothing changes: no writes and the same root.
    const noop = tree.update(root, [set(3), del(9999)]);
    expect(noop.root).toEqual(root);
    expect(noop.nodes).toHaveLength(0);
  });

  it('takes the last change when a batch lists a key twice', () => {
    const { apply } = makeTree();
    expect(apply(EMPTY_HASH, [set(1, 0), set(2), set(1, 1)])).toEqual(
      specRoot([
        [key(1), value(1, 1)],
        [key(2), value(2)],
      ]),
    );
    expect(apply(EMPTY_HASH, [set(1), set(2), del(1)])).toEqual(specRoot([[key(2), value(2)]]));
  });

  it('keeps old roots readable and provable after later updates', () => {
    const { tree, apply } = makeTree();
    const v1 = apply(
      EMPTY_HASH,
      Array.from({ length: 50 }, (_, i) => set(i)),
    );
    const v2 = apply(v1, [set(1, 1), del(2), set(60)]);
    const v3 = apply(
      v2,
      Array.from({ length: 50 }, (_, i) => del(i)),
    );
    expect(v3).toEqual(specRoot([[key(60), value(60)]]));
    for (const [root, k, v] of [
      [v1, 1, value(1)],
      [v1, 2, value(2)],
      [v1, 60, null],
      [v2, 1, value(1, 1)],
      [v2, 2, null],
      [v3, 1, null],
    ] as const) {
      expect(tree.get(root, key(k))).toEqual(v);
      expect(verifyProof(root, key(k), v, tree.prove(root, key(k)))).toBe(true);
    }
  });

  it('reports a root whose nodes are not stored', () => {
    const tree = new SparseMerkleTree(new MemoryNodeStore());
    const unknown = label('not a root');
    expect(() => tree.update(unknown, [set(1)])).toThrow(MissingNodeError);
    expect(() => tree.prove(unknown, key(1))).toThrow(MissingNodeError);
  });

  it('rejects keys and values that are not 32 bytes', () => {
    const { tree } = makeTree();
    expect(() => tree.update(EMPTY_HASH, [{ key: new Uint8Array(31), valueHash: value(1) }])).toThrow(TypeError);
    expect(() => tree.update(EMPTY_HASH, [{ key: key(1), valueHash: new Uint8Array(33) }])).toThrow(TypeError);
    expect(() => tree.get(EMPTY_HASH, new Uint8Array(0))).toThrow(TypeError);
  });
});
