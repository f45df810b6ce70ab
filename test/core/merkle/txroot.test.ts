import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { txInclusionProof, txRoot, verifyInclusion } from '../../../shared/core/merkle/index.ts';
import { concat, label } from './helpers.ts';

const ids = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => label(`tx:${i}`));
const L = (id: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(0), id));
const N = (l: Uint8Array, r: Uint8Array): Uint8Array => sha256(concat(Uint8Array.of(1), l, r));

/** Audit path length for leaf m of an n-leaf tree, from the RFC 6962 recursion. */
function pathLength(m: number, n: number): number {
  if (n <= 1) return 0;
  let k = 1;
  while (k * 2 < n) k *= 2;
  return 1 + (m < k ? pathLength(m, k) : pathLength(m - k, n - k));
}

describe('transaction root (RFC 6962)', () => {
  it('hashes small trees exactly as RFC 6962 defines', () => {
    const [a, b, c, d, e] = ids(5) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expect(txRoot([])).toEqual(sha256(new Uint8Array(0)));
    expect(txRoot([a])).toEqual(L(a));
    expect(txRoot([a, b])).toEqual(N(L(a), L(b)));
    expect(txRoot([a, b, c])).toEqual(N(N(L(a), L(b)), L(c)));
    expect(txRoot([a, b, c, d, e])).toEqual(N(N(N(L(a), L(b)), N(L(c), L(d))), L(e)));
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
        // A count whose tree shape gives another path length cannot verify (see the next test for equal shapes).
        for (let c = 1; c <= 41; c++) {
          if (pathLength(i, c) !== proof.length) expect(verifyInclusion(root, i, c, leaf, proof)).toBe(false);
        }
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

  it('does not bind the tree size by itself, which is why count must come from the header', () => {
    const three = ids(3);
    // Leaf 0 of a 3-tree has the same path shape as in a 4-tree, so the count is not checked by the path.
    expect(verifyInclusion(txRoot(three), 0, 4, three[0] as Uint8Array, txInclusionProof(three, 0))).toBe(true);
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
    for (const [index, count] of [[-1, 5], [2.5, 5], [5, 5], [2, Number.NaN], [2, 2 ** 60]]) {
      expect(verifyInclusion(root, index as number, count as number, leaf, proof)).toBe(false);
    }
    expect(verifyInclusion(root.subarray(1), 2, 5, leaf, proof)).toBe(false);
    expect(verifyInclusion(root, 2, 5, leaf, [...proof.slice(0, -1), new Uint8Array(31)])).toBe(false);
    expect(verifyInclusion(root, 0, 5, leaf, Array.from({ length: 54 }, () => leaf))).toBe(false);
    expect(() => txRoot([new Uint8Array(20)])).toThrow(TypeError);
  });
});
