// Sparse Merkle tree figures: one-pass batch update vs one update per key, proof size and verify time.
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from '../shared/core/encoding/index.ts';
import {
  EMPTY_HASH,
  encodeProof,
  MemoryNodeStore,
  SparseMerkleTree,
  verifyProof,
  type SmtChange,
  type SmtProof,
} from '../shared/core/merkle/index.ts';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

const TREE_KEYS = 100_000;
const BATCH = 1_000;
const REPS = 5;

const hashOf = (tag: string, i: number): Uint8Array => sha256(new TextEncoder().encode(`${tag}:${i}`));
const change = (i: number, version = 0): SmtChange => ({
  key: hashOf('key', i),
  valueHash: hashOf(`value${version}`, i),
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export default async function merkleBench(): Promise<Figure[]> {
  const store = new MemoryNodeStore();
  const tree = new SparseMerkleTree(store);
  let base = EMPTY_HASH;
  const buildMs = time(() => {
    const update = tree.update(
      EMPTY_HASH,
      Array.from({ length: TREE_KEYS }, (_, i) => change(i)),
    );
    store.put(update.nodes);
    base = update.root;
  });

  // Each rep applies a fresh block to the same 100k-key root: half new keys, half changed values.
  const batchMs: number[] = [];
  const singleMs: number[] = [];
  for (let rep = 0; rep <= REPS; rep++) {
    const block = Array.from({ length: BATCH }, (_, i) =>
      i % 2 ? change(TREE_KEYS + rep * BATCH + i) : change((rep * 7919 + i * 97) % TREE_KEYS, rep + 1),
    );
    let batchRoot = base;
    const batch = time(() => {
      const update = tree.update(base, block);
      store.put(update.nodes);
      batchRoot = update.root;
    });
    let root = base;
    const single = time(() => {
      for (const c of block) {
        const update = tree.update(root, [c]);
        store.put(update.nodes);
        root = update.root;
      }
    });
    if (!equalBytes(root, batchRoot)) throw new Error('batch and per-key updates disagree');
    if (rep > 0) {
      // rep 0 warms up the JIT
      batchMs.push(batch);
      singleMs.push(single);
    }
  }

  const probes = Array.from({ length: BATCH }, (_, i) => (i * 7919) % TREE_KEYS);
  const members = probes.map((i) => ({
    key: hashOf('key', i),
    value: hashOf('value0', i),
    proof: tree.prove(base, hashOf('key', i)),
  }));
  const absent = probes.map((i) => tree.prove(base, hashOf('absent', i)));
  const verifyUs: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const ms = time(() => {
      for (const m of members) if (!verifyProof(base, m.key, m.value, m.proof)) throw new Error('proof failed');
    });
    verifyUs.push((ms * 1000) / members.length);
  }
  const proveMs = time(() => probes.forEach((i) => tree.prove(base, hashOf('key', i))));
  const avgBytes = (proofs: SmtProof[]): number =>
    proofs.reduce((n, p) => n + encodeProof(p).length, 0) / proofs.length;

  return [
    { name: `smt build ${TREE_KEYS}-key tree in one batch`, value: buildMs, unit: 'ms' },
    { name: `smt ${BATCH}-key batch update into ${TREE_KEYS}-key tree (median)`, value: median(batchMs), unit: 'ms' },
    {
      name: `smt ${BATCH} single-key updates into ${TREE_KEYS}-key tree (median)`,
      value: median(singleMs),
      unit: 'ms',
    },
    { name: 'smt single-key updates / batch update time', value: median(singleMs) / median(batchMs), unit: 'x' },
    {
      name: `smt membership proof size at ${TREE_KEYS} keys (mean)`,
      value: avgBytes(members.map((m) => m.proof)),
      unit: 'bytes',
    },
    { name: `smt non-membership proof size at ${TREE_KEYS} keys (mean)`, value: avgBytes(absent), unit: 'bytes' },
    { name: 'smt proof verify (median)', value: median(verifyUs), unit: 'µs' },
    { name: 'smt prove from memory store (mean)', value: (proveMs * 1000) / probes.length, unit: 'µs' },
  ];
}
