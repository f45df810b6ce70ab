import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { txInclusionProof, txRoot, verifyInclusion } from '../../../shared/core/merkle/index.ts';
import { concat, label } from './helpers.ts';

const ids = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => label(`tx:${i}`));
const L = (id: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(0), id));
const N = (l: Uint8Array, r: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(1), l, r));
/** The published root: sha256(0x02 ‖ u32be(count) ‖ MTH). */
const R = (count: number, mth: Uint8Array): Uint8Array =>
  sha256(concat(Uint8Array.of(2, count >>> 24, (count >>> 16) & 0xff, (count >>> 8) & 0xff, count & 0xff), mth));

/** Audit path length for leaf m of an n-leaf tree, from the RFC 6962 recursion. */
function pathLength(m: number, n: number): number {
  if (n <= 1) return 0;
  let k = 1;
  while (k * 2 < n) k *= 2;
  return 1 + (m < k ? pathLength(m, k) : pathLength(m - k, n - k));
}

describe('transaction root (RFC 6962, bound to the count)', () => {
  it('hashes small trees exactly as RFC 6962 defines, wrapped with the count', () => {
    const [a, b, c, d, e] = ids(5) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expect(txRoot([])).toEqual(R(0, sha256(new Uint8Array(0))));
    expect(txRoot([a])).toEqual(R(1, L(a)));
    expect(txRoot([a, b])).toEqual(R(2, N(L(a), L(b))));
    expect(txRoot([a, b, c])).toEqual(R(3, N(N(L(a), L(b)), L(c))));
    expect(txRoot([a, b, c, d, e])).toEqual(R(5, N(N(N(L(a), L(b)), N(L(c), L(d))), L(e))));
  });

  it('writes the count big-endian in four bytes', () => {
    const mth = label('some tree');
    expect(R(0x01020304, mth)).toEqual(sha256(concat(Uint8Array.of(2, 1, 2, 3, 4), mth)));
  });

  it('proves every index for sizes 0..40 and rejects any change to leaf, index, count or path', () => {
    for (let n = 0; n <= 40; n++) {
      const list = ids(n);
      const root = txRoot(list);
      expect(() => txInclusionProof(list, n)).toThrow(RangeError);
      for (let i = 0; i < n; i++) {
        const leaf = list[i] as Uint8Array;
        const proof = txInclusionProof(list, i);
        expect(proof).toHaveLength(pathLength(i, n));
        expect(verifyInclusion(root, i, n, leaf, proof)).toBe(true);
        expect(verifyInclusion(root, i, n, label('other tx'), proof)).toBe(false);
        expect(verifyInclusion(txRoot(ids(n + 1)), i, n, leaf, proof)).toBe(false);
        for (let j = 0; j <= n; j++) if (j !== i) expect(verifyInclusion(root, j, n, leaf, proof)).toBe(false);
        // The root commits to the count, so no other count verifies, even one with the same path shape.
        for (let c = 1; c <= 41; c++) if (c !== n) expect(verifyInclusion(root, i, c, leaf, proof)).toBe(false);
        proof.forEach((_, p) => {
          const mutated = proof.map((h, q) => (q === p ? N(h, h) : h));
          expect(verifyInclusion(root, i, n, leaf, mutated)).toBe(false);
        });
        if (proof.length > 0) expect(verifyInclusion(root, i, n, leaf, proof.slice(0, -1))).toBe(false);
        expect(verifyInclusion(root, i, n, leaf, [...proof, label('extra')])).toBe(false);
        if (proof.length > 1) expect(verifyInclusion(root, i, n, leaf, [...proof].reverse())).toBe(false);
      }
    }
  });

  it('binds the tree size: a proof from a 3-transaction block does not verify as a 4-transaction one', () => {
    const three = ids(3);
    const proof = txInclusionProof(three, 0);
    // Leaf 0 of a 3-tree has the same path shape as in a 4-tree: only the count in the root tells them apart.
    expect(pathLength(0, 3)).toBe(pathLength(0, 4));
    expect(verifyInclusion(txRoot(three), 0, 3, three[0] as Uint8Array, proof)).toBe(true);
    expect(verifyInclusion(txRoot(three), 0, 4, three[0] as Uint8Array, proof)).toBe(false);
  });

  it('verifies random indices of larger trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1500 }), fc.nat(), (n, seed) => {
        const list = ids(n);
        const i = seed % n;
        const proof = txInclusionProof(list, i);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(txRoot(list), i, n, list[i] as Uint8Array, proof)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('rejects malformed arguments without throwing', () => {
    const list = ids(5);
    const root = txRoot(list);
    const proof = txInclusionProof(list, 2);
    const leaf = list[2] as Uint8Array;
    expect(verifyInclusion(root, 2, 5, leaf, proof)).toBe(true);
    for (const [index, count] of [
      [-1, 5],
      [2.5, 5],
      [5, 5],
      [2, Number.NaN],
      [2, 2 ** 60],
    ]) {
      expect(verifyInclusion(root, index as number, count as number, leaf, proof)).toBe(false);
    }
    expect(verifyInclusion(root.subarray(1), 2, 5, leaf, proof)).toBe(false);
    expect(verifyInclusion(root, 2, 5, leaf, [...proof.slice(0, -1), new Uint8Array(31)])).toBe(false);
    expect(
      verifyInclusion(
        root,
        0,
        5,
        leaf,
        Array.from({ length: 33 }, () => leaf),
      ),
    ).toBe(false);
    expect(verifyInclusion(root, 2, 2 ** 32, leaf, proof)).toBe(false);
    expect(() => txRoot([new Uint8Array(20)])).toThrow(TypeError);
  });
});
