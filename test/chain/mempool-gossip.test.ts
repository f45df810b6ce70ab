import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  addressFromPublicKey,
  addressBytes,
  encodeAddress,
  publicKeyFromSecret,
  SigningDomain,
  signDomain,
} from '../../shared/core/crypto/index.ts';
import { signedTransactionCodec, transactionCodec, type Transaction } from '../../shared/core/types/index.ts';
import { ConsortiaNode } from '../../chain/node.ts';
import { startNet, type StartedNet } from './resilience/helpers.ts';
import { final, rpc } from './net/tx-helpers.ts';

/**
 * Pool gossip on a real 4-producer network (127.0.0.1 sockets, SQLite files), plus an observer node that accepts
 * a transfer while it has no peer at all: its one broadcast reaches nobody, so only the offer it makes when a
 * peer connects can get the transfer into a block.
 */
describe('pool gossip that heals, and nonce gaps', () => {
  let net: StartedNet;
  let observer: ConsortiaNode | undefined;
  const observerSecret = new Uint8Array(randomBytes(32));
  const observerKey = bytesToHex(publicKeyFromSecret(observerSecret));

  beforeAll(async () => {
    net = await startNet({
      producers: 4,
      seed: 43,
      blockIntervalMs: 400,
      observers: { 0: [observerKey], 1: [observerKey], 2: [observerKey], 3: [observerKey] },
    });
  });
  afterAll(async () => {
    await observer?.stop();
    await net?.stop();
  });

  const producers = () => net.nodes.filter((n): n is ConsortiaNode => n !== null);

  function signTransfer(node: ConsortiaNode, secretKey: Uint8Array, nonce: bigint, amount: bigint): string {
    const senderPublicKey = publicKeyFromSecret(secretKey);
    const to = addressBytes(net.devnet.memberKeys[1]!.accountPublicKey);
    const tx: Transaction = {
      senderPublicKey,
      nonce,
      fee: 1000n,
      expiryHeight: node.chain.height() + 200n,
      payload: { type: 'transfer', to, amount, memo: '' },
    };
    const signature = signDomain(SigningDomain.TRANSACTION, node.chain.chainId, transactionCodec.encode(tx), secretKey);
    return bytesToHex(signedTransactionCodec.encode({ tx, signature }));
  }

  it(
    'a transfer accepted by a node with no peers is final everywhere once a peer connects',
    { timeout: 90_000 },
    async () => {
      const [node0] = producers() as [ConsortiaNode];
      observer = await ConsortiaNode.start({
        dataDir: join(net.dir, 'observer'),
        genesis: net.devnet.doc,
        consensusSecretKey: observerSecret,
        p2p: { peers: [] },
        rpc: {},
        observer: true,
        logger: pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' }),
      });
      // The observer has no blocks yet beyond genesis; the expiry is counted from the network's height.
      const sender = net.devnet.memberKeys[0]!;
      const nonce = node0.chain.accountNonce(addressBytes(sender.accountPublicKey));
      const { id } = await rpc(observer, 'tx.submit', {
        transaction: signTransfer(node0, sender.accountSecretKey, nonce, 7n),
      });
      expect((await rpc(observer, 'tx.status', { id })).status).toBe('pending');
      await new Promise((r) => setTimeout(r, 1500));
      for (const node of producers())
        expect(node.mempool.has(id) || node.chain.store.transactionLocation(Buffer.from(id, 'hex')) !== undefined).toBe(
          false,
        );

      observer.p2p.addPeer(node0.p2p.url);
      for (const node of producers()) expect((await final(node, id, 45_000)).status).toBe('final');
      expect((await final(observer, id, 45_000)).status).toBe('final');
    },
  );

  it(
    'a transaction behind a nonce gap says which nonce it waits for; the CLI nonce fills the gap; then both are final',
    { timeout: 60_000 },
    async () => {
      const [node0, node1] = producers() as [ConsortiaNode, ConsortiaNode];
      const sender = net.devnet.memberKeys[0]!;
      const address = addressFromPublicKey(net.devnet.doc.addressPrefix, sender.accountPublicKey);
      const next = node0.chain.accountNonce(addressBytes(sender.accountPublicKey));
      const { id: later } = await rpc(node0, 'tx.submit', {
        transaction: signTransfer(node0, sender.accountSecretKey, next + 1n, 3n),
      });
      const status = await rpc(node0, 'tx.status', { id: later });
      expect(status).toMatchObject({
        status: 'pending',
        nonce: (next + 1n).toString(),
        accountNonce: next.toString(),
        waitingForNonce: next.toString(),
      });
      // The next nonce for this sender is the missing one, not one after the pooled transaction.
      expect(await rpc(node0, 'account.nextNonce', { address })).toMatchObject({
        accountNonce: next.toString(),
        pooled: 1,
        nextNonce: next.toString(),
      });

      // The gap is filled through another node; the pools exchange what they hold and both become final.
      const { id: filler } = await rpc(node1, 'tx.submit', {
        transaction: signTransfer(node1, sender.accountSecretKey, next, 2n),
      });
      const laterFinal = await final(node0, later, 30_000);
      const fillerFinal = await final(node0, filler, 30_000);
      expect(BigInt(fillerFinal.height)).toBeLessThanOrEqual(BigInt(laterFinal.height));
      expect(await rpc(node0, 'account.nextNonce', { address })).toMatchObject({
        accountNonce: (next + 2n).toString(),
        pooled: 0,
        nextNonce: (next + 2n).toString(),
      });
      expect(encodeAddress(net.devnet.doc.addressPrefix, addressBytes(sender.accountPublicKey))).toBe(address);
    },
  );
});
