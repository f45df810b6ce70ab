import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import pino from 'pino';
import { publicKeyFromSecret, SigningDomain } from '../../../shared/core/crypto/index.ts';
import { opensslDomainSigner } from './consensus-signer.ts';
import { DEFAULT_ROUNDS_AHEAD } from '../../../shared/core/bft/index.ts';
import { signedVoteCodec, voteCodec } from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { P2PNode } from '../../../chain/p2p/index.ts';
import { statusCodec, Topic } from '../../../chain/consensus/messages.ts';
import { ENGINE_CACHE_PRUNE_MIN } from '../../../chain/consensus/engine.ts';
import { call, describeNodes, freePorts, makeDevnet, sleep, startInProcess, waitUntil } from '../resilience/helpers.ts';

/**
 * Round spam (issue 11): a Byzantine producer (producer 3's key; node 3 is not running) signs nil precommits for
 * ever-new future rounds of the current height (and of the height after next), 800 a second, at producer 0. Before the fix every one was stored
 * (and gossiped on) and each event scanned all stored rounds. Now the round state stays bounded, the spam goes no
 * further than the node it was sent to, and the node keeps finalizing and answering RPC.
 */
/** Signed nil precommits (through OpenSSL: 800 a second must not stall the nodes sharing this event loop). */
function nilPrecommitSigner(chainId: string, secretKey: Uint8Array): (height: bigint, round: number) => Uint8Array {
  const sign = opensslDomainSigner(chainId, secretKey);
  const validator = publicKeyFromSecret(secretKey);
  return (height, round) => {
    const vote = { type: 'precommit' as const, height, round, validator };
    return signedVoteCodec.encode({ vote, signature: sign(SigningDomain.PRECOMMIT, voteCodec.encode(vote)) });
  };
}

describe('future-round vote spam from a producer', () => {
  const { devnet, dir } = makeDevnet(4, { seed: 72, blockIntervalMs: 400 });
  const nodes: ConsortiaNode[] = [];
  let spammer: P2PNode | undefined;

  afterAll(async () => {
    await spammer?.close();
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the round state bounded, and the node finalizing and answering RPC', { timeout: 120_000 }, async () => {
    const ports = await freePorts(3);
    const urls = ports.map((p) => `ws://127.0.0.1:${p}/p2p`);
    for (const i of [0, 1, 2])
      nodes.push(await startInProcess(devnet, dir, i, { p2pPort: ports[i]!, peers: urls.filter((_, j) => j !== i) }));
    await waitUntil(
      () => nodes.every((n) => n.chain.height() >= 3n),
      60_000,
      () => `the first blocks: ${describeNodes(nodes)}`,
    );
    const target = nodes[0]!;
    const key = devnet.producerKeys[3]!.consensusSecretKey;
    spammer = await P2PNode.start({
      chainId: devnet.doc.chainId,
      genesisHash: target.chain.genesisHash,
      secretKey: key,
      isAdmitted: () => true,
      peers: [urls[0]!],
      logger: pino({ level: 'silent' }),
    });
    for (const topic of [Topic.TRANSACTION, Topic.PROPOSAL, Topic.VOTE])
      spammer.registerTopic(topic, { maxBytes: 8 * 1024 * 1024, gossip: false, handle: () => 'ignore' });
    spammer.registerRequest(Topic.STATUS, { maxBytes: 64, handle: () => statusCodec.encode({ height: 0n }) });
    await waitUntil(() => spammer!.peers().length === 1, 20_000, 'the spammer to connect');
    const targetId = spammer.peers()[0]!.id;

    const signNil = nilPrecommitSigner(devnet.doc.chainId, key);
    const from = target.chain.height();
    let sent = 0;
    let round = 10;
    const largest = { rounds: 0, precommits: 0, blocks: 0, othersRounds: 0, future: 0 };
    const answers: bigint[] = [];
    // 8 seconds at 800 signed messages a second (below the P2P rate limit, so none is dropped before the engine).
    for (let tick = 0; tick < 80; tick++) {
      const height = target.chain.height() + 1n;
      for (let i = 0; i < 40; i++, round++) spammer.send(targetId, Topic.VOTE, signNil(height, round));
      // And for the height after next, which the node buffers until it gets there (about 200 per block interval).
      for (let i = 0; i < 40; i++, round++) spammer.send(targetId, Topic.VOTE, signNil(height + 2n, round));
      sent += 80;
      const sizes = target.engine.stateSizes();
      largest.rounds = Math.max(largest.rounds, sizes.rounds - target.engine.round);
      largest.precommits = Math.max(largest.precommits, sizes.precommits);
      largest.blocks = Math.max(largest.blocks, sizes.blocks);
      largest.future = Math.max(largest.future, sizes.futureMessages);
      for (const other of nodes.slice(1))
        largest.othersRounds = Math.max(largest.othersRounds, other.engine.stateSizes().rounds);
      if (tick % 10 === 0) answers.push(BigInt((await call(target.rpc.url, 'chain.info')).height));
      await sleep(100);
    }
    expect(sent).toBe(6400);
    expect(
      spammer.peers().map((p) => p.id),
      'the spammer stayed connected: its votes reached the engine',
    ).toEqual([targetId]);
    // Rounds reached, the window past the current round, and one far round per validator.
    const bound = DEFAULT_ROUNDS_AHEAD + 1 + 4;
    expect(largest.rounds).toBeLessThanOrEqual(bound);
    // The engine's caches are pruned to the machine's state once past a fixed size, not with the spam's volume.
    expect(largest.precommits + largest.blocks).toBeLessThanOrEqual(ENGINE_CACHE_PRUNE_MIN + 1);
    // The next-heights buffer holds at most 64 of one key's messages (3200 were sent), besides the honest ones.
    expect(largest.future).toBeLessThanOrEqual(64 + 3 * 3 * 4);
    // Votes the machine dropped were not gossiped on.
    expect(largest.othersRounds).toBeLessThanOrEqual(bound);
    expect(answers).toHaveLength(8);
    // Still finalizing: at least 5 more blocks during and after the spam, and chain.info answers with them.
    await waitUntil(
      () => target.chain.height() >= from + 5n,
      60_000,
      () => `finality past ${from + 5n}: ${describeNodes(nodes)}`,
    );
    expect(BigInt((await call(target.rpc.url, 'chain.info')).height)).toBeGreaterThanOrEqual(from + 5n);
  });
});
