// Issue 11, stale admission: a node admits the current and next producer sets and live candidates' current keys,
// and drops a key as soon as a committed block takes it out (rotated away from, resigned).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  addressBytes,
  deriveAccountKey,
  publicKeyFromSecret,
  SigningDomain,
  signDomain,
} from '../../../shared/core/crypto/index.ts';
import { payloadCodec, signedTransactionCodec, transactionCodec } from '../../../shared/core/types/index.ts';
import { CloseCode, MAX_TOPIC, P2PNode, type CloseInfo, type HandshakeRejection } from '../../../chain/p2p/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { startTestNet, waitFor, type TestNet } from '../net/devnet-helpers.ts';
import { Equivocator } from '../net/equivocator.ts';
import { final, rpc, submit } from '../net/tx-helpers.ts';

describe('admission follows the chain', () => {
  let net: TestNet;
  const clients: P2PNode[] = [];
  beforeAll(async () => {
    net = await startTestNet(4, { seed: 23 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await net?.stop();
  });

  /** A bare P2P node holding `secretKey`, dialing node 0 (it admits whatever node 0 is: we test node 0's side). */
  async function client(node0: ConsortiaNode, secretKey: Uint8Array): Promise<P2PNode> {
    const started = await P2PNode.start({
      chainId: node0.chain.chainId,
      genesisHash: node0.chain.genesisHash,
      secretKey,
      isAdmitted: () => true,
      peers: [node0.p2p.url],
      limits: { redialMinMs: 50, redialMaxMs: 500 },
    });
    // It listens to every topic (and ignores it), so node 0's gossip does not get node 0 banned here.
    for (let topic = 0; topic <= MAX_TOPIC; topic++)
      started.registerTopic(topic, { maxBytes: 16 * 1024 * 1024, gossip: false, handle: () => 'ignore' });
    clients.push(started);
    return started;
  }

  it(
    'refuses an unknown key, admits a registered candidate, and drops its key when rotated away and when it resigns',
    { timeout: 120_000 },
    async () => {
      const [node0] = net.nodes as [ConsortiaNode];
      const funder = net.devnet.memberKeys[0]!;
      const newcomer = deriveAccountKey(new Uint8Array(64).fill(43), 0);
      const firstKey = new Uint8Array(32).fill(8);
      const secondKey = new Uint8Array(32).fill(9);
      const connectedToNode0 = (c: P2PNode) => node0.p2p.peers().some((p) => p.id === c.id);

      // Not a candidate yet: refused.
      const early = await client(node0, firstKey);
      const refused = await new Promise<HandshakeRejection>((resolve) => node0.p2p.once('handshakeRejected', resolve));
      expect(refused).toMatchObject({ code: CloseCode.NOT_ADMITTED, publicKey: early.id });
      expect(connectedToNode0(early)).toBe(false);

      // Funded, voted in as a member, registered with firstKey: the client that kept redialing gets in.
      await final(
        node0,
        await submit(node0, funder.accountSecretKey, {
          type: 'transfer',
          to: addressBytes(newcomer.publicKey),
          amount: 500_000_000_000n,
          memo: '',
        }),
      );
      const applicationId = await submit(node0, newcomer.secretKey, {
        type: 'member.apply',
        name: 'Rotating Ltd',
        info: 'admission test',
      });
      await final(node0, applicationId);
      const voters = [
        ...net.devnet.producerKeys.map((k) => k.accountSecretKey),
        ...net.devnet.memberKeys.map((k) => k.accountSecretKey),
      ];
      for (const id of await Promise.all(
        voters
          .slice(0, 5)
          .map((key) =>
            submit(node0, key, { type: 'member.vote', proposalId: hexToBytes(applicationId), approve: true }),
          ),
      ))
        await final(node0, id);
      await final(
        node0,
        await submit(node0, newcomer.secretKey, {
          type: 'candidate.register',
          name: 'rotating',
          consensusKey: publicKeyFromSecret(firstKey),
          endpoint: 'wss://127.0.0.1:1/p2p',
        }),
      );
      await waitFor(() => connectedToNode0(early), 30_000, 'the registered candidate to be admitted');

      // Key rotated: the old key's session is dropped by the commit, and it cannot come back; the new key can.
      const dropped = new Promise<CloseInfo>((resolve) =>
        node0.p2p.on('peerDisconnected', (peer, close) => peer.id === early.id && resolve(close)),
      );
      await final(
        node0,
        await submit(node0, newcomer.secretKey, {
          type: 'candidate.update',
          consensusKey: publicKeyFromSecret(secondKey),
        }),
      );
      expect(await dropped).toMatchObject({ code: CloseCode.NOT_ADMITTED, local: true });
      const rotated = await client(node0, secondKey);
      await waitFor(() => connectedToNode0(rotated), 30_000, 'the rotated key to be admitted');
      expect(connectedToNode0(early)).toBe(false);

      // Resigned: dropped too.
      const resigned = new Promise<CloseInfo>((resolve) =>
        node0.p2p.on('peerDisconnected', (peer, close) => peer.id === rotated.id && resolve(close)),
      );
      await final(node0, await submit(node0, newcomer.secretKey, { type: 'candidate.resign' }));
      expect(await resigned).toMatchObject({ code: CloseCode.NOT_ADMITTED, local: true });
      await new Promise((r) => setTimeout(r, 1000)); // several redial periods
      expect(connectedToNode0(rotated) || connectedToNode0(early)).toBe(false);
      // The producers themselves stay connected throughout.
      expect(net.nodes.slice(1).every((n) => node0.p2p.peers().some((p) => p.id === n.p2p.id))).toBe(true);
    },
  );

  it(
    'drops a producer tombstoned for double-signing at once, and the other three go on',
    { timeout: 120_000 },
    async () => {
      const [node0, node1, node2, node3] = net.nodes as [ConsortiaNode, ConsortiaNode, ConsortiaNode, ConsortiaNode];
      const offender = net.devnet.producerKeys[3]!;
      const offenderId = bytesToHex(offender.consensusPublicKey);
      expect(node3.p2p.id).toBe(offenderId);
      await waitFor(() => node0.p2p.peers().some((p) => p.id === offenderId), 30_000, 'node3 connected to node0');
      const equivocator = await Equivocator.start({
        chainId: node0.chain.chainId,
        genesisHash: node0.chain.genesisHash,
        consensusSecretKey: offender.consensusSecretKey,
        peers: [node0.p2p.url],
      });
      let evidence: any;
      try {
        const deadline = Date.now() + 30_000;
        while (!evidence && Date.now() < deadline) {
          equivocator.doubleVote('prevote', node0.engine.height, node0.engine.round);
          await new Promise((r) => setTimeout(r, 300));
          evidence = ((await rpc(node0, 'node.evidence')) as any[]).find(
            (e) => e.kind === 'doubleSign' && e.validator === offenderId,
          );
        }
      } finally {
        await equivocator.close();
      }
      expect(evidence).toBeDefined();
      const reporter = net.devnet.memberKeys[0]!;
      const senderPublicKey = publicKeyFromSecret(reporter.accountSecretKey);
      const tx = {
        senderPublicKey,
        nonce: node0.chain.accountNonce(addressBytes(senderPublicKey)),
        fee: 1000n,
        expiryHeight: node0.chain.height() + 100n,
        payload: payloadCodec.decodeOrThrow(hexToBytes(evidence.payload)),
      };
      const signature = signDomain(
        SigningDomain.TRANSACTION,
        node0.chain.chainId,
        transactionCodec.encode(tx),
        reporter.accountSecretKey,
      );
      const { id } = await rpc(node0, 'tx.submit', {
        transaction: bytesToHex(signedTransactionCodec.encode({ tx, signature })),
      });
      await final(node0, id);
      // Tombstoned (its set may still be running): every honest node drops it and refuses it from then on.
      for (const node of [node0, node1, node2])
        await waitFor(
          () => !node.p2p.peers().some((p) => p.id === offenderId),
          10_000,
          'the tombstoned key to be dropped',
        );
      await new Promise((r) => setTimeout(r, 1000)); // node3 keeps redialing
      for (const node of [node0, node1, node2])
        expect(
          node.p2p
            .peers()
            .map((p) => p.id)
            .sort(),
        ).toEqual(
          [node0, node1, node2]
            .filter((n) => n !== node)
            .map((n) => n.p2p.id)
            .sort(),
        );
      // The other three still finalize.
      const height = node0.chain.height();
      await waitFor(() => node0.chain.height() >= height + 2n, 30_000, 'blocks after the tombstone');
    },
  );
});
