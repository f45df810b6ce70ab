import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import { SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import { headerHash, transactionCodec, type Block } from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { P2PNode } from '../../../chain/p2p/index.ts';
import { proposalMessageCodec, statusCodec, Topic } from '../../../chain/consensus/messages.ts';
import { describeNodes, freePorts, makeDevnet, sleep, startInProcess, waitUntil } from '../resilience/helpers.ts';

/**
 * Proposal poisoning (issue 11). The attacker holds producer 3's key (admitted as a known consensus key; node 3 is
 * not running) and is producer 2's only link to the network: it relays every message between node 2 and nodes 0
 * and 1. Before three honest proposals it hands node 2 the same signed proposal with another block attached: the
 * header changed, the transactions changed, or the header signature broken. Only 3 of 4 producers run, so every
 * block needs node 2's votes: had node 2 marked the honest block invalid from the poisoned copy, it would prevote
 * nil and that block could never be committed.
 */
describe('a poisoned proposal followed by the honest one', () => {
  const { devnet, dir } = makeDevnet(4, { seed: 71, blockIntervalMs: 400 });
  const nodes: ConsortiaNode[] = [];
  let attacker: P2PNode | undefined;

  afterAll(async () => {
    await attacker?.close();
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'is refused, and the honest block is prevoted and committed in the round it was proposed',
    { timeout: 120_000 },
    async () => {
      const ports = await freePorts(3);
      const url = (i: number) => `ws://127.0.0.1:${ports[i]}/p2p`;
      for (const i of [0, 1, 2])
        nodes.push(await startInProcess(devnet, dir, i, { p2pPort: ports[i]!, peers: i < 2 ? [url(1 - i)] : [] }));
      const victim = nodes[2]!;
      const victimId = victim.p2p.id;

      const poisons = [tamperHeader, tamperTransactions, tamperSignature];
      const poisoned: { height: bigint; round: number; hash: string; kind: string }[] = [];
      attacker = await P2PNode.start({
        chainId: devnet.doc.chainId,
        genesisHash: victim.chain.genesisHash,
        secretKey: devnet.producerKeys[3]!.consensusSecretKey,
        isAdmitted: () => true,
        peers: [url(0), url(1), url(2)],
        logger: pino({ level: 'silent' }),
      });
      const p2p = attacker;
      const others = (fromId: string) => p2p.peers().filter((peer) => peer.id !== fromId);
      for (const topic of [Topic.VOTE, Topic.TRANSACTION]) {
        p2p.registerTopic(topic, {
          maxBytes: 64 * 1024,
          gossip: false,
          handle: (payload, from) => {
            for (const peer of others(from.id)) p2p.send(peer.id, topic, payload);
            return 'ignore';
          },
        });
      }
      p2p.registerTopic(Topic.PROPOSAL, {
        maxBytes: 8 * 1024 * 1024,
        gossip: false,
        handle: async (payload, from): Promise<'ignore'> => {
          const honest = proposalMessageCodec.decodeOrThrow(payload);
          const { height, round } = honest.proposal.proposal;
          // Once the network runs, a fresh proposal of the height and round the victim is in (not a re-sent old one).
          const fresh = height >= 3n && height === victim.chain.height() + 1n && round === victim.engine.round;
          const poison = from.id === victimId || !fresh ? undefined : poisons[poisoned.length];
          if (poison) {
            const { proposal } = honest.proposal;
            poisoned.push({
              height: proposal.height,
              round: proposal.round,
              hash: bytesToHex(proposal.blockHash),
              kind: poison.name,
            });
            p2p.send(
              victimId,
              Topic.PROPOSAL,
              proposalMessageCodec.encode({ proposal: honest.proposal, block: poison(honest.block) }),
            );
            await sleep(150); // the poisoned copy is judged first
          }
          for (const peer of others(from.id)) p2p.send(peer.id, Topic.PROPOSAL, payload);
          return 'ignore';
        },
      });
      // Node 2's catch-up requests go to node 0 through the attacker; nodes 0 and 1 learn nothing from it.
      const node0 = () => p2p.peers().find((peer) => peer.id === nodes[0]!.p2p.id)!.id;
      p2p.registerRequest(Topic.STATUS, {
        maxBytes: 64,
        handle: (payload, from) =>
          from.id === victimId ? p2p.request(node0(), Topic.STATUS, payload) : statusCodec.encode({ height: 0n }),
      });
      p2p.registerRequest(Topic.GET_BLOCKS, {
        maxBytes: 64,
        handle: (payload) => p2p.request(node0(), Topic.GET_BLOCKS, payload),
      });

      await waitUntil(
        () => poisoned.length === poisons.length,
        60_000,
        () => `three proposals to poison: ${describeNodes(nodes)}`,
      );
      const last = poisoned.at(-1)!.height;
      await waitUntil(
        () => nodes.every((n) => n.chain.height() >= last + 2n),
        60_000,
        () => `finality past ${last + 2n}: ${describeNodes(nodes)}`,
      );

      for (const { height, round, hash, kind } of poisoned) {
        for (const node of nodes) {
          expect(
            bytesToHex(node.chain.headerHashAt(height)!),
            `${kind}: the honest block of height ${height} is the one committed`,
          ).toBe(hash);
          expect(node.chain.certificate(height)!.round, `${kind}: committed in the round it was proposed`).toBe(round);
        }
      }
      // The victim judged each poisoned copy invalid and blamed the sender, which it would not for a real block.
      const seen = victim.p2p.peers().find((peer) => peer.id === p2p.id);
      expect(seen?.score ?? -Infinity).toBeLessThan(0);
    },
  );

  /** The header changed: it no longer hashes to the signed hash (nor does its signature verify). */
  function tamperHeader(block: Block): Block {
    const header = { ...block.header.header, timestamp: block.header.header.timestamp + 1n };
    expect(bytesToHex(headerHash(header))).not.toBe(bytesToHex(headerHash(block.header.header)));
    return { ...block, header: { ...block.header, header } };
  }

  /** The same header over other transactions: its transactionRoot does not name them. */
  function tamperTransactions(block: Block): Block {
    if (block.transactions.length > 0) return { ...block, transactions: block.transactions.slice(1) };
    const member = devnet.producerKeys[0]!;
    const tx = {
      senderPublicKey: member.accountPublicKey,
      nonce: 0n,
      fee: 1000n,
      expiryHeight: 1_000_000n,
      payload: { type: 'transfer' as const, to: member.address, amount: 1n, memo: 'poison' },
    };
    return {
      ...block,
      transactions: [
        {
          tx,
          signature: signDomain(
            SigningDomain.TRANSACTION,
            devnet.doc.chainId,
            transactionCodec.encode(tx),
            member.accountSecretKey,
          ),
        },
      ],
    };
  }

  /** The same header and transactions with the producer's header signature broken. */
  function tamperSignature(block: Block): Block {
    const signature = Uint8Array.from(block.header.signature);
    signature[0]! ^= 0xff;
    return { ...block, header: { ...block.header, signature } };
  }
});
