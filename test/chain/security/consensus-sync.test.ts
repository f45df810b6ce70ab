import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { SigningDomain } from '../../../shared/core/crypto/index.ts';
import {
  MAX_MEMO_BYTES,
  MAX_VALIDATORS,
  commitCertificateCodec,
  transactionCodec,
  voteCodec,
  type CommitCertificate,
  type SignedTransaction,
} from '../../../shared/core/types/index.ts';
import { signedBlockProposalCodec } from '../../../shared/core/types/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import { ChainStore } from '../../../chain/store/store.ts';
import { ChainState } from '../../../chain/consensus/chain-state.ts';
import {
  certifiedBlockCodec,
  historyOf,
  MAX_BLOCK_BYTES,
  MAX_SYNC_BATCH,
  P2P_FRAME_BYTES,
  SYNC_BATCH_BYTES,
} from '../../../chain/consensus/messages.ts';
import { DEFAULT_P2P_LIMITS } from '../../../chain/p2p/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { makeDevnet, startInProcess, waitUntil } from '../resilience/helpers.ts';
import { opensslDomainSigner } from './consensus-signer.ts';

describe('sync byte budget: sizes', () => {
  it('the budgets sit inside the P2P frame, with room for the largest certificate and proposal', () => {
    expect(P2P_FRAME_BYTES).toBe(DEFAULT_P2P_LIMITS.maxFrameBytes);
    expect(SYNC_BATCH_BYTES).toBeLessThan(P2P_FRAME_BYTES);
    const signature = new Uint8Array(64).fill(0xff);
    const certificate: CommitCertificate = {
      height: 2n ** 63n,
      round: 2 ** 31,
      blockHash: new Uint8Array(32),
      signatures: Array.from({ length: MAX_VALIDATORS }, (_, validatorIndex) => ({ validatorIndex, signature })),
    };
    const largestCertificate = commitCertificateCodec.encode(certificate).length;
    const proposal = signedBlockProposalCodec.encode({
      proposal: {
        height: 2n ** 63n,
        round: 2 ** 31,
        blockHash: new Uint8Array(32),
        proposer: new Uint8Array(32),
        polRound: 2 ** 30,
      },
      signature,
    }).length;
    // One certified block of the largest size, in a one-element answer, fits the sync budget; a proposal fits a frame.
    expect(MAX_BLOCK_BYTES + largestCertificate + 16).toBeLessThanOrEqual(SYNC_BATCH_BYTES);
    expect(MAX_BLOCK_BYTES + proposal + 16).toBeLessThanOrEqual(P2P_FRAME_BYTES);
  });
});

/**
 * A lagging producer catches up across blocks so large that 50 of them (the old fixed batch) exceed the 4 MiB
 * frame: the peer used to fail every such answer, so the node could never catch up. The chain (52 blocks of 420
 * transfers with full memos) is built and certified offline with the devnet's keys into node 0's data dir; node 0
 * then serves it (alone it cannot finalize more), and producer 1 starts from nothing with node 0 as its peer.
 */
describe('a lagging node and large blocks', () => {
  const { devnet, dir } = makeDevnet(4, { seed: 73, blockIntervalMs: 400 });
  const nodes: ConsortiaNode[] = [];
  const HEIGHTS = 52;
  const TRANSFERS = 420;

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  function buildChain(): number[] {
    const chain = new ChainState(new ChainStore(join(dir, 'node0', 'chain.sqlite')), devnet.doc, opensslVerifier);
    const sender = devnet.producerKeys[0]!;
    const signTx = opensslDomainSigner(devnet.doc.chainId, sender.accountSecretKey);
    const sizes: number[] = [];
    let nonce = 0n;
    try {
      for (let h = 1; h <= HEIGHTS; h++) {
        const ctx = chain.context();
        const transactions: SignedTransaction[] = [];
        for (let i = 0; i < TRANSFERS; i++, nonce++) {
          const memo = `${h}/${i} `.padEnd(MAX_MEMO_BYTES, 'x');
          const tx = {
            senderPublicKey: sender.accountPublicKey,
            nonce,
            fee: 1000n,
            expiryHeight: BigInt(h + 10),
            payload: { type: 'transfer' as const, to: devnet.producerKeys[1]!.address, amount: 1n, memo },
          };
          transactions.push({ tx, signature: signTx(SigningDomain.TRANSACTION, transactionCodec.encode(tx)) });
        }
        const producer = devnet.producerKeys.find((k) => bytesToHex(k.address) === bytesToHex(ctx.scheduledProducer))!;
        const built = chain.buildBlock(
          ctx,
          producer.address,
          transactions,
          ctx.previousHeader.timestamp + 1n,
          producer.consensusSecretKey,
        );
        if (!built.ok) throw new Error(built.reason);
        expect(built.value.dropped).toEqual([]);
        const signatures = ctx.validators.map((v, validatorIndex) => {
          const key = devnet.producerKeys.find((k) => bytesToHex(k.consensusPublicKey) === bytesToHex(v.consensusKey))!;
          const vote = voteCodec.encode({
            type: 'precommit',
            height: ctx.height,
            round: 0,
            blockHash: built.value.hash,
            validator: v.consensusKey,
          });
          return {
            validatorIndex,
            signature: opensslDomainSigner(devnet.doc.chainId, key.consensusSecretKey)(SigningDomain.PRECOMMIT, vote),
          };
        });
        const certificate: CommitCertificate = {
          height: ctx.height,
          round: 0,
          blockHash: built.value.hash,
          signatures,
        };
        chain.commit(
          built.value,
          certificate,
          historyOf(
            transactions,
            built.value.applied.receipts.map((r) => r.id),
          ),
        );
        sizes.push(certifiedBlockCodec.encode({ block: built.value.block, certificate }).length);
      }
    } finally {
      chain.store.close();
    }
    return sizes;
  }

  it('catches up through answers cut to the byte budget', { timeout: 300_000 }, async () => {
    const sizes = buildChain();
    const firstBatch = sizes.slice(0, MAX_SYNC_BATCH).reduce((a, b) => a + b, 0);
    expect(firstBatch, 'the old 50-block answer would not fit a frame').toBeGreaterThan(P2P_FRAME_BYTES);

    const server = await startInProcess(devnet, dir, 0);
    nodes.push(server);
    expect(server.chain.height()).toBe(BigInt(HEIGHTS));
    const lagging = await startInProcess(devnet, dir, 1, { peers: [server.p2p.url] });
    nodes.push(lagging);
    await waitUntil(
      () => lagging.chain.height() >= BigInt(HEIGHTS),
      150_000,
      () => `the lagging node to catch up (at ${lagging.chain.height()} of ${HEIGHTS})`,
    );
    for (let h = 1n; h <= BigInt(HEIGHTS); h++)
      expect(bytesToHex(lagging.chain.headerHashAt(h)!)).toBe(bytesToHex(server.chain.headerHashAt(h)!));
    expect(lagging.chain.accountNonce(devnet.producerKeys[0]!.address)).toBe(BigInt(HEIGHTS * TRANSFERS));
  });
});
