import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { devnetGenesis, type Devnet } from '../../../shared/core/genesis/index.ts';
import { ConsortiaNode } from '../../../chain/node.ts';

export interface TestNet {
  devnet: Devnet;
  nodes: ConsortiaNode[];
  dir: string;
  stop(): Promise<void>;
}

/** N producer nodes on 127.0.0.1 with real sockets and real SQLite files, in this process. */
export async function startTestNet(producers: number, options: { blockIntervalMs?: number; seed?: number } = {}): Promise<TestNet> {
  const dir = mkdtempSync(join(tmpdir(), 'consortia-net-'));
  const devnet = devnetGenesis({
    producers,
    seed: new Uint8Array([options.seed ?? 7]),
    genesisTime: BigInt(Date.now()),
    parameters: { blockIntervalMs: options.blockIntervalMs ?? 300 },
  });
  const nodes: ConsortiaNode[] = [];
  for (let i = 0; i < producers; i++) {
    nodes.push(
      await ConsortiaNode.start({
        dataDir: join(dir, `node${i}`),
        genesis: devnet.doc,
        consensusSecretKey: devnet.producerKeys[i]!.consensusSecretKey,
        p2p: { peers: nodes.map((n) => n.p2p.url) },
        rpc: {},
        logger: pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' }),
      }),
    );
  }
  return {
    devnet,
    nodes,
    dir,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
