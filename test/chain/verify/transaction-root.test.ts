import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import { devnetGenesis } from '../../../shared/core/genesis/index.ts';
import { txRoot } from '../../../shared/core/merkle/index.ts';
import {
  blockHeaderCodec,
  transactionCodec,
  transactionId,
  type Block,
  type SignedTransaction,
} from '../../../shared/core/types/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import { ChainStore } from '../../../chain/store/store.ts';
import { ChainState } from '../../../chain/consensus/chain-state.ts';

// ChainState checks a block's transaction root against the ids its receipts carry (chain/verify's hot path spares
// hashing every transaction again); these pin that the answers are those of hashing the transactions themselves.
describe('ChainState transaction root, from the applied receipts', () => {
  const devnet = devnetGenesis({ producers: 4, seed: new Uint8Array([9]) });
  const chain = new ChainState(
    new ChainStore(join(mkdtempSync(join(tmpdir(), 'consortia-txroot-')), 'chain.sqlite')),
    devnet.doc,
    opensslVerifier,
  );
  const ctx = chain.context();
  const producer = devnet.producerKeys.find((k) => k.address.every((b, i) => b === ctx.scheduledProducer[i]))!;
  const member = devnet.producerKeys[0]!;
  const transfers: SignedTransaction[] = [0n, 1n, 2n].map((nonce) => {
    const tx = {
      senderPublicKey: member.accountPublicKey,
      nonce,
      fee: ctx.params.minFee,
      expiryHeight: 1_000n,
      payload: { type: 'transfer' as const, to: devnet.producerKeys[1]!.address, amount: 5n, memo: '' },
    };
    return {
      tx,
      signature: signDomain(
        SigningDomain.TRANSACTION,
        devnet.doc.chainId,
        transactionCodec.encode(tx),
        member.accountSecretKey,
      ),
    };
  });
  const now = BigInt(Date.now());

  /** The block with some fields changed, its header signed again by the producer. */
  function resigned(block: Block, change: { transactionRoot?: Uint8Array; transactions?: SignedTransaction[] }): Block {
    const header = {
      ...block.header.header,
      ...(change.transactionRoot ? { transactionRoot: change.transactionRoot } : {}),
    };
    const signature = signDomain(
      SigningDomain.BLOCK_HEADER,
      devnet.doc.chainId,
      blockHeaderCodec.encode(header),
      producer.consensusSecretKey,
    );
    return { header: { header, signature }, transactions: change.transactions ?? block.transactions };
  }

  it('builds a block whose root its own validation accepts', () => {
    const built = chain.buildBlock(ctx, producer.address, transfers, now, producer.consensusSecretKey);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.dropped).toEqual([]);
    expect(chain.validateBlock(ctx, built.value.block, producer.address, now).ok).toBe(true);
  });

  it('refuses a wrong root, and reports the root first when a transaction is also bad', () => {
    const built = chain.buildBlock(ctx, producer.address, transfers, now, producer.consensusSecretKey);
    if (!built.ok) throw new Error(built.reason);
    const wrongRoot = resigned(built.value.block, { transactionRoot: new Uint8Array(32).fill(7) });
    expect(chain.validateBlock(ctx, wrongRoot, producer.address, now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('transactionRoot does not match'),
    });

    const reordered = [transfers[1]!, transfers[0]!, transfers[2]!]; // a wrong nonce order, under the original root
    const bothBad = resigned(built.value.block, { transactions: reordered });
    expect(chain.validateBlock(ctx, bothBad, producer.address, now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('transactionRoot does not match'),
    });

    const rootRight = resigned(built.value.block, {
      transactions: reordered,
      transactionRoot: txRoot(reordered.map(transactionId)),
    });
    expect(chain.validateBlock(ctx, rootRight, producer.address, now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('wrong nonce'),
    });
  });
});
