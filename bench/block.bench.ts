// Issue 4: one node's block work on a real SQLite store, and what it implies for a 4-node devnet on this machine.
//  - Blocks of 1,000 transfers among 2,000 senders funded in genesis, through the node's own ChainState and ChainStore
//    (a temporary SQLite file, WAL), in this process with nothing else running in it.
//  - Per transfer, as a node spends it: admission (signing digest + OpenSSL verification into the CachingVerifier, once
//    per node), then building the block (the proposer) or validating it (every other node), signatures from the cache,
//    then committing it (every node).
//  - The CPU the devnet spends per finalized transfer is computed from these, side by side in one run:
//    4 × admission + build + 3 × validate + 4 × commit (no RPC, gossip, consensus messages or load generator), and from
//    it the most transfers per second that 2 cores could finalize even if that were all they did.
import '../shared/node/sha256.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainState } from '../chain/consensus/chain-state.ts';
import { historyOf } from '../chain/consensus/messages.ts';
import { ChainStore } from '../chain/store/store.ts';
import { CachingVerifier, transactionItems } from '../chain/verify/index.ts';
import { signDomain, SigningDomain } from '../shared/core/crypto/index.ts';
import { equalBytes } from '../shared/core/encoding/index.ts';
import { voteCodec, type SignedTransaction } from '../shared/core/types/index.ts';
import { createOpensslVerifier } from '../shared/node/ed25519-openssl.ts';
import { median, type Figure } from './harness.ts';
import { fundedDevnet, makeSenders, signedTransfer } from './lib/load.ts';

const SENDERS = 2000;
const BLOCK_TXS = 1000;
const BLOCKS = 14;
const WARMUP_BLOCKS = 2;
const NODES = 4;

export default async function blockBench(): Promise<Figure[]> {
  const load = loadavg()[0]!;
  const senders = makeSenders(SENDERS, 'block-bench');
  const devnet = fundedDevnet(
    { producers: NODES, seed: new Uint8Array([5]), parameters: { maxBlockTransactions: BLOCK_TXS } },
    senders,
  );
  const { chainId } = devnet.doc;
  let next = 0;
  const blocks: SignedTransaction[][] = Array.from({ length: BLOCKS }, () =>
    Array.from({ length: BLOCK_TXS }, () => {
      const sender = senders[next++ % SENDERS]!;
      return signedTransfer(chainId, sender, senders[(next + 7) % SENDERS]!.address);
    }),
  );

  const dir = mkdtempSync(join(tmpdir(), 'consortia-block-bench-'));
  const store = new ChainStore(join(dir, 'chain.sqlite'));
  const verifier = new CachingVerifier(createOpensslVerifier(4096)); // the node's default key cache: every sender's key stays parsed
  const chain = new ChainState(store, devnet.doc, verifier);
  const rates = { admit: [] as number[], build: [] as number[], validate: [] as number[], commit: [] as number[] };
  const perSecond = (ms: number) => BLOCK_TXS / (ms / 1000);
  try {
    for (let b = 0; b < BLOCKS; b++) {
      const txs = blocks[b]!;
      let start = performance.now();
      for (const item of transactionItems(chainId, txs)) {
        if (!verifier.verify(item.signature, item.message, item.publicKey))
          throw new Error('a prepared transfer did not verify');
      }
      const admitMs = performance.now() - start;

      const ctx = chain.context();
      const producer = devnet.producerKeys.find((k) => equalBytes(k.address, ctx.scheduledProducer))!;
      const now = BigInt(Date.now());
      start = performance.now();
      const built = chain.buildBlock(ctx, ctx.scheduledProducer, txs, now, producer.consensusSecretKey);
      const buildMs = performance.now() - start;
      if (!built.ok) throw new Error(`block ${ctx.height}: ${built.reason}`);
      if (built.value.dropped.length > 0)
        throw new Error(
          `block ${ctx.height} left out ${built.value.dropped.length} transfers: ${built.value.dropped[0]!.reason}`,
        );

      start = performance.now();
      const validated = chain.validateBlock(ctx, built.value.block, ctx.scheduledProducer, now + 1n);
      const validateMs = performance.now() - start;
      if (!validated.ok) throw new Error(validated.reason);

      // Commit needs a certificate to store; the next block's validation checks it, through the same cache.
      const certificate = {
        height: ctx.height,
        round: 0,
        blockHash: validated.value.hash,
        signatures: [] as { validatorIndex: number; signature: Uint8Array }[],
      };
      for (const [index, v] of ctx.validators.entries()) {
        const key = devnet.producerKeys.find((k) => equalBytes(k.address, v.address))!;
        certificate.signatures.push({
          validatorIndex: index,
          signature: precommit(chainId, ctx.height, validated.value.hash, key.consensusSecretKey, v.consensusKey),
        });
      }
      start = performance.now();
      chain.commit(
        validated.value,
        certificate,
        historyOf(
          txs,
          validated.value.applied.receipts.map((r) => r.id),
        ),
      );
      const commitMs = performance.now() - start;

      if (b < WARMUP_BLOCKS) continue;
      rates.admit.push(perSecond(admitMs));
      rates.build.push(perSecond(buildMs));
      rates.validate.push(perSecond(validateMs));
      rates.commit.push(perSecond(commitMs));
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const admit = median(rates.admit);
  const build = median(rates.build);
  const validate = median(rates.validate);
  const commit = median(rates.commit);
  const cpuPerTxUs = 1e6 * (NODES / admit + 1 / build + (NODES - 1) / validate + NODES / commit);
  const cores = availableParallelism();
  const sample = `median of ${BLOCKS - WARMUP_BLOCKS} blocks of ${BLOCK_TXS} after ${WARMUP_BLOCKS} untimed`;
  return [
    {
      name: 'admission: signing digest + OpenSSL verification into the cache, one core',
      value: admit,
      unit: 'tx/s',
      note: `${sample}; the raw OpenSSL verification rate, plus hashing`,
    },
    {
      name: 'build a block (proposer: each transfer tried, then the block applied and the state root updated)',
      value: build,
      unit: 'tx/s',
      note: `${sample}; signatures from the cache`,
    },
    {
      name: 'validate a block (every other node: state transition + sparse-Merkle update on SQLite)',
      value: validate,
      unit: 'tx/s',
      note: `${sample}; signatures from the cache`,
    },
    {
      name: 'commit a block to SQLite (every node: state, Merkle nodes, indexes, history)',
      value: commit,
      unit: 'tx/s',
      note: sample,
    },
    {
      name: 'validate + commit / admission rate',
      value: 1 / (1 / validate + 1 / commit) / admit,
      unit: 'ratio',
      note: 'a validating node’s block work beside its one verification per transfer, same run',
    },
    {
      name: `CPU per finalized transfer, ${NODES}-node devnet (computed)`,
      value: cpuPerTxUs,
      unit: 'µs',
      note: `${NODES} × admission + build + ${NODES - 1} × validate + ${NODES} × commit; no RPC, gossip, votes or load generator`,
    },
    {
      name: `ceiling on this machine's ${cores} cores (computed)`,
      value: (cores * 1e6) / cpuPerTxUs,
      unit: 'tx/s',
      note: `${cores} cores / the CPU per transfer: the devnet cannot finalize more even if it did nothing else (issue goal 2,000)`,
    },
    {
      name: 'machine load average (1 min) at the start',
      value: load,
      unit: 'runnable',
      note: 'other work on this 2-core machine competes for the same cores',
    },
  ];
}

function precommit(
  chainId: string,
  height: bigint,
  blockHash: Uint8Array,
  secret: Uint8Array,
  consensusKey: Uint8Array,
): Uint8Array {
  const vote = voteCodec.encode({ type: 'precommit', height, round: 0, blockHash, validator: consensusKey });
  return signDomain(SigningDomain.PRECOMMIT, chainId, vote, secret);
}
