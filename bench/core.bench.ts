// Issue 3: signature throughput and the state transition's transfer rate, side by side in one run.
//  - Ed25519 verifications per second: OpenSSL (shared/node/ed25519-openssl.ts) and noble (pure JS).
//  - Transfers applied per second in memory: applyBlock over a MemoryState with many pre-signed transfers from
//    many senders, then updateStateRoot into a MemoryNodeStore (so proofs follow), block after block; once with
//    every signature verified on the main thread, once with the worker pool pre-verifying the next block while
//    the main thread applies the current one (chain/verify: CachingVerifier + VerifyPool, as the node runs; the
//    main thread verifies the back of each batch itself while it waits, as the node's pool does by default).
//  - The apply rates as a fraction of the raw single-core OpenSSL verification rate (the goal: ≥ 70%),
//    and, for comparison, the pool mode with a worker per core instead of the node's default (cores − 1).
//  - SHA-256 per input size, OpenSSL (installed below, as every Node entry point does) against the pure-JS default.
import '../shared/node/sha256.ts';
import { nobleVerifier, pureSha256, type SignatureVerifier } from '../shared/core/crypto/index.ts';
import { genesisState, type GenesisDoc } from '../shared/core/genesis/index.ts';
import { MemoryNodeStore } from '../shared/core/merkle/index.ts';
import { applyBlock, MemoryState, roundEntryAtHeight, updateStateRoot } from '../shared/core/state/index.ts';
import type { Hash, SignedTransaction } from '../shared/core/types/index.ts';
import { createOpensslVerifier } from '../shared/node/ed25519-openssl.ts';
import { opensslSha256 } from '../shared/node/sha256.ts';
import { CachingVerifier, transactionItems, VerifyPool, type VerifyItem } from '../chain/verify/index.ts';
import { availableParallelism, loadavg } from 'node:os';
import { median, type Figure } from './harness.ts';
import { fundedDevnet, makeSenders, signedTransfer } from './lib/load.ts';

const SENDERS = 2000;
const BLOCK_TXS = 1000;
const BLOCKS = 6;
const PASSES = 4;
const VERIFY_BATCH = 2000;
const NOBLE_BATCH = 100;

interface Prepared {
  doc: GenesisDoc;
  blocks: SignedTransaction[][];
  /** Every signature as the verifier sees it: (signature, signing digest, sender key). */
  items: VerifyItem[];
}

function prepare(): Prepared {
  const senders = makeSenders(SENDERS, 'core-bench');
  const { doc } = fundedDevnet(
    { producers: 4, seed: new Uint8Array([3]), parameters: { maxBlockTransactions: BLOCK_TXS } },
    senders,
  );
  const blocks: SignedTransaction[][] = [];
  let next = 0;
  for (let b = 0; b < BLOCKS; b++) {
    const txs: SignedTransaction[] = [];
    for (let i = 0; i < BLOCK_TXS; i++, next++) {
      const sender = senders[next % SENDERS]!;
      txs.push(signedTransfer(doc.chainId, sender, senders[(next + 7) % SENDERS]!.address));
    }
    blocks.push(txs);
  }
  return { doc, blocks, items: blocks.flatMap((txs) => transactionItems(doc.chainId, txs)) };
}

/** Times one pass over every block from genesis; `beforeBlock` may start work for later blocks (returns its wait). */
async function applyPass(
  prepared: Prepared,
  verifier: SignatureVerifier,
  pipeline?: (index: number) => Promise<unknown> | undefined,
): Promise<{ ms: number; root: Hash; waitMs: number; cores: number }> {
  const genesis = genesisState(prepared.doc);
  const state = new MemoryState();
  state.apply(genesis.changes);
  const store = new MemoryNodeStore();
  store.put(genesis.nodes);
  let root = genesis.stateRoot;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let waitMs = 0;
  let ahead = pipeline?.(0);
  for (let b = 0; b < prepared.blocks.length; b++) {
    const waitStart = performance.now();
    await ahead; // this block's signatures are in the cache (pool mode)
    waitMs += performance.now() - waitStart;
    ahead = pipeline?.(b + 1); // the next block's go to the workers while this one is applied here
    const height = BigInt(b + 1);
    const entry = roundEntryAtHeight(state, height)!;
    const producer = entry.validators[b % entry.validators.length]!.address;
    const applied = applyBlock(
      state,
      { height, dposRound: entry.round, producer, transactions: prepared.blocks[b]! },
      { chainId: prepared.doc.chainId, verifier, scheduledProducer: producer },
    );
    if (!applied.ok) throw new Error(`block ${height}: ${applied.reason}`);
    const update = updateStateRoot(store, root, applied.changes);
    store.put(update.nodes);
    state.apply(applied.changes);
    root = update.root;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, root, waitMs, cores: (used.user + used.system) / 1000 / ms };
}

function verifyRate(verifier: SignatureVerifier, items: readonly VerifyItem[], batch: number, rounds: number): number {
  const rates: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) {
      const item = items[(r * batch + i) % items.length]!;
      if (!verifier.verify(item.signature, item.message, item.publicKey))
        throw new Error('a prepared signature did not verify');
    }
    if (r > 0) rates.push(batch / ((performance.now() - start) / 1000)); // round 0 warms up
  }
  return median(rates);
}

/** Input sizes the apply path hashes: a state key, a Merkle node, a signing preimage, a block-sized blob. */
const HASH_SIZES = [21, 65, 200, 1000];

/** Hashes per second of `hash` on `size`-byte inputs (median of a few rounds after a warm-up round). */
function hashRate(hash: (bytes: Uint8Array) => Uint8Array, size: number): number {
  const inputs = Array.from({ length: 256 }, (_, i) => new Uint8Array(size).fill(i));
  const rates: number[] = [];
  for (let r = 0; r <= 5; r++) {
    const start = performance.now();
    for (let k = 0; k < 20; k++) for (const input of inputs) hash(input);
    if (r > 0) rates.push((20 * inputs.length) / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

export default async function coreBench(): Promise<Figure[]> {
  const load = loadavg()[0]!;
  const prepared = prepare();
  const txCount = BLOCKS * BLOCK_TXS;
  // Parsed keys for every sender stay cached in both paths, so neither pays key import.
  const openssl = createOpensslVerifier(SENDERS * 2);
  const pool = new VerifyPool({ keyCacheSize: SENDERS * 2 });
  if (!(await pool.warmUp())) throw new Error('the verification pool could not start its workers');
  // Not the node's default (one worker fewer than cores): what a worker per core gives while the main thread waits.
  const wide =
    availableParallelism() > pool.size
      ? new VerifyPool({ keyCacheSize: SENDERS * 2, size: availableParallelism() })
      : undefined;
  if (wide && !(await wide.warmUp())) throw new Error('the verification pool could not start its workers');
  const accept: SignatureVerifier = { verify: () => true };

  const opensslRates: number[] = [];
  const nobleRates: number[] = [];
  const singleRates: number[] = [];
  const pooledRates: number[] = [];
  const widePooledRates: number[] = [];
  const noSigRates: number[] = [];
  const cachedRates: number[] = [];
  const poolWaits: number[] = [];
  const poolCores: number[] = [];
  const mainShares: number[] = [];
  const roots = new Set<string>();
  verifyRate(openssl, prepared.items, VERIFY_BATCH, 1); // warm the key cache and the JIT
  await applyPass(prepared, openssl); // warm-up pass
  for (let pass = 0; pass < PASSES; pass++) {
    // Interleaved, so that every figure sees the same machine conditions.
    opensslRates.push(verifyRate(openssl, prepared.items, VERIFY_BATCH, 3));
    nobleRates.push(verifyRate(nobleVerifier, prepared.items, NOBLE_BATCH, 1));
    const single = await applyPass(prepared, openssl);
    singleRates.push(txCount / (single.ms / 1000));
    const cache = new CachingVerifier(openssl); // empty: each pass verifies everything again
    const before = pool.stats;
    const pooled = await applyPass(prepared, cache, (b) =>
      b < prepared.blocks.length
        ? cache.preverify(transactionItems(prepared.doc.chainId, prepared.blocks[b]!), pool)
        : undefined,
    );
    if (cache.stats.misses !== 0)
      throw new Error(`${cache.stats.misses} signatures were verified on the main thread in pool mode`);
    pooledRates.push(txCount / (pooled.ms / 1000));
    poolWaits.push(pooled.waitMs / pooled.ms);
    poolCores.push(pooled.cores);
    const after = pool.stats;
    mainShares.push((after.shared - before.shared) / (after.shared - before.shared + after.items - before.items));
    if (wide) {
      const wideCache = new CachingVerifier(openssl);
      const widePass = await applyPass(prepared, wideCache, (b) =>
        b < prepared.blocks.length
          ? wideCache.preverify(transactionItems(prepared.doc.chainId, prepared.blocks[b]!), wide)
          : undefined,
      );
      if (wideCache.stats.misses !== 0)
        throw new Error(`${wideCache.stats.misses} signatures were verified on the main thread in pool mode`);
      widePooledRates.push(txCount / (widePass.ms / 1000));
      roots.add(Buffer.from(widePass.root).toString('hex'));
    }
    const noSig = await applyPass(prepared, accept);
    noSigRates.push(txCount / (noSig.ms / 1000));
    const warm = new CachingVerifier(openssl);
    for (const it of prepared.items) warm.verify(it.signature, it.message, it.publicKey); // untimed
    const cached = await applyPass(prepared, warm);
    cachedRates.push(txCount / (cached.ms / 1000));
    for (const r of [single.root, pooled.root, noSig.root, cached.root]) roots.add(Buffer.from(r).toString('hex'));
  }
  await pool.close();
  await wide?.close();
  if (roots.size !== 1) throw new Error('the passes disagree on the state root');
  const hashRatios = HASH_SIZES.map((size) => {
    const ratios: number[] = [];
    for (let i = 0; i < 3; i++) ratios.push(hashRate(opensslSha256, size) / hashRate(pureSha256, size)); // interleaved
    return { size, ratio: median(ratios) };
  });

  const raw = median(opensslRates);
  const single = median(singleRates);
  const pooled = median(pooledRates);
  const side = `same run, medians of ${PASSES} interleaved passes`;
  return [
    {
      name: 'Ed25519 verify, OpenSSL (node:crypto), one core',
      value: raw,
      unit: 'verifications/s',
      note: `medians of batches of ${VERIFY_BATCH}, ${SENDERS} keys (parsed keys cached)`,
    },
    {
      name: 'Ed25519 verify, noble (pure JS), one core',
      value: median(nobleRates),
      unit: 'verifications/s',
      note: `batches of ${NOBLE_BATCH}`,
    },
    { name: 'OpenSSL / noble verification rate', value: raw / median(nobleRates), unit: 'x', note: side },
    {
      name: `transfers applied, signatures verified on the main thread (${BLOCK_TXS}-tx blocks, ${SENDERS} senders)`,
      value: single,
      unit: 'tx/s',
      note: 'applyBlock + updateStateRoot into a MemoryNodeStore',
    },
    {
      name: `transfers applied, worker pool (${pool.size} worker${pool.size === 1 ? '' : 's'}) pre-verifying the next block`,
      value: pooled,
      unit: 'tx/s',
      note: 'CachingVerifier filled by VerifyPool (the worker from the front, the waiting main thread from the back); no cache miss',
    },
    {
      name: 'transfers applied, every signature already in the cache',
      value: median(cachedRates),
      unit: 'tx/s',
      note: 'the main thread’s share in pool mode: the pool rate if the workers keep up and have a core of their own',
    },
    {
      name: 'transfers applied, signature checks skipped (upper bound)',
      value: median(noSigRates),
      unit: 'tx/s',
      note: 'the state transition and Merkle update alone',
    },
    {
      name: 'apply rate (main-thread verification) / raw OpenSSL verify rate',
      value: single / raw,
      unit: 'ratio',
      note: side,
    },
    {
      name: 'apply rate (worker pool) / raw OpenSSL verify rate',
      value: pooled / raw,
      unit: 'ratio',
      note: `goal ≥ 0.70; ${side}`,
    },
    ...(wide
      ? [
          {
            name: `apply rate, worker pool of ${wide.size} (one per core, not the node's default) / raw OpenSSL verify rate`,
            value: median(widePooledRates) / raw,
            unit: 'ratio',
            note: `a worker per core competes with the main thread's own share; ${side}`,
          },
        ]
      : []),
    { name: 'apply rate, worker pool / main-thread verification', value: pooled / single, unit: 'x', note: side },
    {
      name: 'apply rate, cache already filled / raw OpenSSL verify rate',
      value: median(cachedRates) / raw,
      unit: 'ratio',
      note: side,
    },
    {
      name: 'pool mode: share of the signatures the main thread verified while waiting for the worker',
      value: median(mainShares),
      unit: 'ratio',
      note: 'work sharing (chain/verify/share.ts); the rest were verified by the worker',
    },
    {
      name: 'pool mode: share of the time the main thread spent awaiting the pool (verifying its share, or idle)',
      value: median(poolWaits),
      unit: 'ratio',
      note: `CPU used by the process meanwhile: ${median(poolCores).toFixed(2)} cores (2 would mean the worker had a core of its own)`,
    },
    ...hashRatios.map(({ size, ratio }) => ({
      name: `SHA-256 of ${size}-byte inputs, OpenSSL (installed) / pure JS (default)`,
      value: ratio,
      unit: 'x',
      note: 'hashes per second, medians of 3 interleaved measurements',
    })),
    {
      name: 'machine load average (1 min) at the start',
      value: load,
      unit: 'runnable',
      note: 'other work on this 2-core machine competes for the same cores',
    },
  ];
}
