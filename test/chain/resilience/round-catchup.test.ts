import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import { signedVoteCodec } from '../../../shared/core/types/index.ts';
import { P2PNode } from '../../../chain/p2p/index.ts';
import { statusCodec, Topic } from '../../../chain/consensus/messages.ts';
import { TIMEOUT_GROWTH_ROUNDS } from '../../../chain/consensus/engine.ts';
import { signVote } from '../net/equivocator.ts';
import { describeNodes, startInProcess, startNet, waitUntil, type StartedNet } from './helpers.ts';

/**
 * Round catch-up after a halt (issue 15). Producers 2 and 3 of four stop. A Byzantine validator holding producer
 * 3's key answers every round of the survivors with nil prevotes and precommits: with it the survivors have a
 * quorum of votes but never of votes for a block, so their round climbs while no block becomes final. Producer 2
 * then restarts on its data dir. It must catch up, jump straight to the survivors' round (not count up through
 * the rounds in between, each costing timeouts), and sign there, so that finality resumes.
 */
describe('round catch-up after a halt at a high round', () => {
  let net: StartedNet | undefined;
  let byzantine: P2PNode | undefined;

  afterAll(async () => {
    await byzantine?.close();
    await net?.stop();
  });

  it(
    'the restarted producer jumps to the survivors’ round and finality resumes with its votes',
    { timeout: 180_000 },
    async () => {
      net = await startNet({ producers: 4, seed: 81, blockIntervalMs: 400, readyHeight: 4n });
      const { devnet, nodes } = net;
      const key2 = devnet.producerKeys[2]!.consensusPublicKey;
      await nodes[2]!.stop();
      await nodes[3]!.stop();
      nodes[2] = nodes[3] = null;
      const survivors = [nodes[0]!, nodes[1]!];

      // Producer 3's key, voting nil in every round it sees the survivors in.
      const key3 = devnet.producerKeys[3]!.consensusSecretKey;
      const p2p = await P2PNode.start({
        chainId: devnet.doc.chainId,
        genesisHash: survivors[0]!.chain.genesisHash,
        secretKey: key3,
        isAdmitted: () => true,
        peers: survivors.map((n) => n.p2p.url),
        logger: pino({ level: 'silent' }),
      });
      byzantine = p2p;
      const answered = new Set<string>();
      p2p.registerTopic(Topic.VOTE, {
        maxBytes: 1024,
        gossip: false,
        handle: (payload) => {
          const { vote } = signedVoteCodec.decodeOrThrow(payload);
          const at = `${vote.height}:${vote.round}`;
          if (!answered.has(at)) {
            answered.add(at);
            for (const type of ['prevote', 'precommit'] as const)
              p2p.broadcast(
                Topic.VOTE,
                signedVoteCodec.encode(signVote(devnet.doc.chainId, key3, type, vote.height, vote.round)),
              );
          }
          return 'ignore';
        },
      });
      for (const topic of [Topic.TRANSACTION, Topic.PROPOSAL])
        p2p.registerTopic(topic, { maxBytes: 8 * 1024 * 1024, gossip: false, handle: () => 'ignore' });
      p2p.registerRequest(Topic.STATUS, { maxBytes: 64, handle: () => statusCodec.encode({ height: 0n }) });

      // The survivors climb rounds without finalizing.
      await waitUntil(
        () => survivors.every((n) => n.engine.round >= 5),
        120_000,
        () => `the survivors' round to climb to 5: ${describeNodes(survivors)}`,
      );
      const halted = survivors[0]!.chain.height() + 1n;
      expect(survivors.map((n) => n.chain.height() + 1n)).toEqual([halted, halted]);
      // The highest round both survivors have signed in (a survivor that just entered a round has said nothing there yet).
      const climbed = Math.min(...survivors.map((n) => n.guard.lastSigned()!.round));
      expect(climbed).toBeGreaterThanOrEqual(4);

      // Producer 2 returns; its round at the halted height is sampled far more often than any timeout could fire.
      const restarted = await startInProcess(devnet, net.dir, 2, {
        peers: survivors.map((n) => n.p2p.url),
        p2pPort: net.ports[2]!,
      });
      nodes[2] = restarted;
      const rounds: number[] = [];
      const sampler = setInterval(() => {
        if (restarted.chain.height() + 1n === halted && rounds.at(-1) !== restarted.engine.round)
          rounds.push(restarted.engine.round);
      }, 10);
      try {
        const live = [survivors[0]!, survivors[1]!, restarted];
        await waitUntil(
          () => live.every((n) => n.chain.height() >= halted + 2n),
          90_000,
          () => `finality to resume past ${halted + 2n}: ${describeNodes(live)}`,
        );
      } finally {
        clearInterval(sampler);
      }

      // It jumped: from round 0 (if seen at all) straight to the survivors' signed round or higher, none in between.
      expect(
        rounds.filter((r) => r > 0 && r < climbed),
        `rounds seen at height ${halted}: ${rounds.join(', ')}`,
      ).toEqual([]);
      expect(Math.max(...rounds)).toBeGreaterThanOrEqual(climbed);
      // It rejoined consensus: the halted height was decided at the climbed round or later, with producer 2's precommit in it.
      const certificate = survivors[0]!.chain.certificate(halted)!;
      expect(certificate.round).toBeGreaterThanOrEqual(climbed);
      const set = survivors[0]!.chain.validatorsOfHeight(halted)!;
      const index2 = set.findIndex((v) => bytesToHex(v.consensusKey) === bytesToHex(key2));
      expect(certificate.signatures.map((s) => s.validatorIndex)).toContain(index2);
      // Timeouts stop growing after TIMEOUT_GROWTH_ROUNDS: a high round costs no more than that one.
      const config = (restarted.engine as unknown as { bft: { config: { timeouts: (r: number) => unknown } } }).bft
        .config;
      expect(config.timeouts(climbed + 100)).toEqual(config.timeouts(TIMEOUT_GROWTH_ROUNDS));
    },
  );
});
