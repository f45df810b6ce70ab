import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { headerHash, signedHeaderCodec } from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { ChainStore } from '../../../chain/store/store.ts';
import {
  describeNodes,
  FinalityRecorder,
  maxHeight,
  minHeight,
  sleep,
  startInProcess,
  startNet,
  waitUntil,
  type StartedNet,
} from './helpers.ts';

const BLOCK_INTERVAL_MS = 400;

/** Four in-process producers that can be stopped and restarted on their data dirs, keys and P2P ports. */
class Net {
  readonly recorder = new FinalityRecorder(() =>
    this.nodes.flatMap((node, i) => (node ? [{ label: `node${i}`, node }] : [])),
  );
  private constructor(private readonly started: StartedNet) {}

  get nodes(): (ConsortiaNode | null)[] {
    return this.started.nodes;
  }
  get dir(): string {
    return this.started.dir;
  }

  static async start(seed: number): Promise<Net> {
    const net = new Net(await startNet({ producers: 4, seed, blockIntervalMs: BLOCK_INTERVAL_MS }));
    net.recorder.start();
    return net;
  }

  running(): ConsortiaNode[] {
    return this.nodes.filter((n): n is ConsortiaNode => n !== null);
  }

  /** Takes the node out of the recorder's view before its store closes. */
  async stopNode(i: number): Promise<void> {
    const node = this.nodes[i]!;
    this.recorder.sample();
    this.nodes[i] = null;
    await node.stop();
  }

  async restartNode(i: number): Promise<ConsortiaNode> {
    const node = await startInProcess(this.started.devnet, this.dir, i, {
      peers: this.running().map((n) => n.p2p.url),
      p2pPort: this.started.ports[i]!,
    });
    this.nodes[i] = node;
    this.recorder.reset(`node${i}`);
    return node;
  }

  /** Reads the header hashes a stopped node's store holds (opened again, as after a crash). */
  noteStoppedStore(i: number): void {
    const store = new ChainStore(join(this.dir, `node${i}`, 'chain.sqlite'));
    try {
      const head = store.head();
      for (let h = 1n; head && h <= head.height; h++) {
        this.recorder.note(
          `node${i} (stopped; store reopened)`,
          h,
          bytesToHex(headerHash(signedHeaderCodec.decodeOrThrow(store.headerByHeight(h)!).header)),
        );
      }
    } finally {
      store.close();
    }
  }

  async stop(): Promise<void> {
    this.recorder.stop();
    await this.started.stop();
  }
}

/**
 * Stops producers 2 and 3 of a running 4-producer net; with 2 of 4 (below ⌊2N/3⌋+1 = 3) nothing becomes final.
 * Returns the height the two survivors are stuck at.
 */
async function stopTwo(net: Net): Promise<bigint> {
  await waitUntil(
    () => minHeight(net.running()) >= 5n,
    60_000,
    () => `all nodes at height 5: ${describeNodes(net.running())}`,
  );
  await net.stopNode(2);
  await net.stopNode(3);
  const survivors = net.running();
  expect(survivors).toHaveLength(2);
  // The two may settle one more block between them (one can hold a commit the other then fetches by sync).
  await waitUntil(
    () => minHeight(survivors) === maxHeight(survivors),
    30_000,
    () => `the two survivors to agree on their height: ${describeNodes(survivors)}`,
  );
  const stuck = maxHeight(survivors);
  // Ten block intervals, more than two propose timeouts: still no new final block.
  await sleep(10 * BLOCK_INTERVAL_MS);
  for (const node of survivors) expect(node.chain.height(), 'no block is final without a quorum').toBe(stuck);
  return stuck;
}

describe('two of four producers stopped', () => {
  let net: Net | undefined;
  afterEach(async () => {
    await net?.stop();
    net = undefined;
  });

  it(
    'no block becomes final on the remaining two, and no node ever holds a conflicting block',
    { timeout: 90_000 },
    async () => {
      net = await Net.start(41);
      const stuck = await stopTwo(net);
      net.recorder.sample();
      net.noteStoppedStore(2);
      net.noteStoppedStore(3);
      expect(net.recorder.heights).toBeGreaterThanOrEqual(Number(stuck));
      expect(net.recorder.conflicts).toEqual([]);
    },
  );

  // Recovery needs the current height's messages again: the engine re-sends its own while a height is stuck.
  it('finality resumes when one of the two returns on its data dir and key', { timeout: 150_000 }, async () => {
    net = await Net.start(42);
    const stuck = await stopTwo(net);
    await net.restartNode(2);
    await waitUntil(
      () => minHeight(net!.running()) >= stuck + 3n,
      90_000,
      () =>
        `finality to resume past ${stuck + 3n} (heights ${net!
          .running()
          .map((n) => `${n.chain.height()} r${n.engine.round}`)
          .join(', ')})`,
    );
    net.recorder.sample();
    net.noteStoppedStore(3);
    expect(net.recorder.conflicts).toEqual([]);
  });

  // A restarted producer cannot sign again where it already signed; it replays and re-sends what its guard recorded.
  it('the whole network stopped mid-height and restarted resumes finalizing', { timeout: 120_000 }, async () => {
    net = await Net.start(43);
    const all = net.running();
    await waitUntil(
      () =>
        all.every(
          (n) =>
            n.chain.height() >= 5n &&
            n.chain.height() === all[0]!.chain.height() &&
            n.guard.lastSigned()?.height === n.chain.height() + 1n,
        ),
      60_000,
      'every producer to have signed at the next height',
    );
    const height = maxHeight(all);
    await Promise.all([0, 1, 2, 3].map((i) => net!.stopNode(i)));
    for (let i = 0; i < 4; i++) await net.restartNode(i);
    await waitUntil(
      () => minHeight(net!.running()) >= height + 3n,
      60_000,
      () => `finality to resume past ${height + 3n}`,
    );
    net.recorder.sample();
    expect(net.recorder.conflicts).toEqual([]);
  });
});
