import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import type { Devnet } from '../../../shared/core/genesis/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import {
  call,
  checkAgainst,
  describeNodes,
  FinalityRecorder,
  maxHeight,
  minHeight,
  sleep,
  startNet,
  waitUntil,
  type ChildNode,
  type StartedNet,
} from './helpers.ts';

/**
 * A producer killed with SIGKILL (no shutdown code runs: SQLite and the signing guard see a crashed process)
 * at random moments, three times (plus once while it is still catching up). The other three are a quorum and
 * keep finalizing; the killed one reopens its store on the same data dir, agrees with the others at every
 * height (hashes and certificates), catches up and keeps following.
 */
describe('a producer killed with SIGKILL at random moments', () => {
  let net: StartedNet;
  let devnet: Devnet;
  let child: ChildNode;
  let live: ConsortiaNode[] = [];
  const recorder = new FinalityRecorder(() => live.map((node, i) => ({ label: `node${i + 1}`, node })));

  beforeAll(async () => {
    net = await startNet({ producers: 4, seed: 31, blockIntervalMs: 400, childIndex: 0 });
    devnet = net.devnet;
    child = net.child!;
    live = net.nodes.filter((n): n is ConsortiaNode => n !== null);
    expect(child.ready!.genesisHash).toBe(bytesToHex(live[0]!.chain.genesisHash));
    recorder.start();
  });

  afterAll(async () => {
    recorder.stop();
    await net?.stop();
  });

  let lastChildMetrics: unknown = null;
  const childHeight = async () => {
    lastChildMetrics = await call(child.rpcUrl, 'node.metrics').catch((e: Error) => e.message);
    return BigInt((await call(child.rpcUrl, 'chain.info')).height);
  };
  const diagnose = () => {
    const childId = bytesToHex(devnet.producerKeys[0]!.consensusPublicKey);
    const banned = live.map((n) => n.p2p.isBanned(childId));
    return `child ${child.running ? 'running' : `exited (${child.lastExit})`}, metrics ${JSON.stringify(lastChildMetrics)}; survivors ${describeNodes(live)}; banned the child: ${banned.join(',')}; child stderr: ${child.stderr().slice(-1500)}`;
  };

  /** Restart on the same data dir and port; the reopened store must agree with a live node at every height. */
  async function restartAndCheck(label: string, committedBeforeKill: bigint): Promise<bigint> {
    const ready = await child.start(live.map((n) => n.p2p.url));
    // Nothing committed before the kill was lost: SIGKILL does not undo a committed SQLite transaction.
    expect(BigInt(ready.height), `${label}: reopened height`).toBeGreaterThanOrEqual(committedBeforeKill);
    await checkAgainst(child.rpcUrl, live[0]!, `${label}: reopened store`);
    return BigInt(ready.height);
  }

  it(
    'the others keep finalizing; the restarted node reopens a consistent store, catches up and follows',
    { timeout: 150_000 },
    async () => {
      await waitUntil(
        async () => minHeight(live) >= 5n && (await childHeight()) >= 5n,
        60_000,
        () => `all four nodes at height 5: ${describeNodes(live)}`,
      );

      const log: string[] = [];
      for (let cycle = 1; cycle <= 3; cycle++) {
        // Kill at a random instant: mid-round, mid-commit, mid-gossip, whatever the node is doing.
        const delay = Math.floor(Math.random() * 1500);
        await sleep(delay);
        const before = await childHeight().catch(() => -1n);
        await child.kill();
        const atKill = maxHeight(live);
        log.push(`cycle ${cycle}: killed after ${delay} ms at child height ${before}, network height ${atKill}`);

        // 3 of 4 is a quorum: finality goes on without the killed producer.
        await waitUntil(
          () => minHeight(live) >= atKill + 3n,
          60_000,
          () => `the three survivors past ${atKill + 3n}: ${describeNodes(live)}; ${log.join('; ')}`,
        );

        let reopenedAt = await restartAndCheck(`cycle ${cycle}`, before);
        log.push(`reopened at ${reopenedAt}`);

        if (cycle === 2) {
          // Once more while it is still starting or catching up.
          const early = Math.floor(Math.random() * 1000);
          await sleep(early);
          const beforeSecondKill = await childHeight().catch(() => reopenedAt);
          await child.kill();
          log.push(`killed again ${early} ms after restart`);
          reopenedAt = await restartAndCheck(`cycle ${cycle} (killed while catching up)`, beforeSecondKill);
          log.push(`reopened at ${reopenedAt}`);
        }

        // Catches up to within a block or two of the others…
        await waitUntil(
          async () => (await childHeight()) >= minHeight(live) - 2n,
          60_000,
          () => `the restarted node to catch up (${log.join('; ')}); ${diagnose()}`,
        );
        // …and keeps following.
        const caughtUp = await childHeight();
        await waitUntil(
          async () => (await childHeight()) >= caughtUp + 3n,
          60_000,
          () => `the restarted node to follow past ${caughtUp + 3n}; ${diagnose()}`,
        );
        const checked = await checkAgainst(child.rpcUrl, live[0]!, `cycle ${cycle}: after catching up`);
        expect(checked).toBeGreaterThanOrEqual(caughtUp + 3n);
        log.push(`caught up and following at ${checked}`);
      }

      // It is a producer again, not just a follower: its precommits appear in certificates after the last restart.
      const metrics = await call(child.rpcUrl, 'node.metrics');
      expect(metrics.isProducer).toBe(true);
      const key = devnet.producerKeys[0]!.consensusPublicKey;
      const from = live[0]!.chain.height() + 1n;
      await waitUntil(
        () => {
          const node = live[0]!;
          for (let h = from; h <= node.chain.height(); h++) {
            const index = node.chain.validatorsOfHeight(h)!.findIndex((v) => equalBytes(v.consensusKey, key));
            if (node.chain.certificate(h)!.signatures.some((s) => s.validatorIndex === index)) return true;
          }
          return false;
        },
        60_000,
        'a certificate signed by the restarted producer',
      );

      recorder.sample();
      expect(recorder.heights).toBeGreaterThan(10);
      expect(recorder.conflicts).toEqual([]);
    },
  );
});
