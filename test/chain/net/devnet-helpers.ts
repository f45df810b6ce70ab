import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { devnetGenesis, type Devnet } from '../../../shared/core/genesis/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import type { NodeVerificationOptions } from '../../../chain/verify/index.ts';
import { startProducerNodes } from '../../../chain/devnet/index.ts';
import { untilTrue } from '../../helpers/wait.ts';

export interface TestNet {
  devnet: Devnet;
  nodes: ConsortiaNode[];
  dir: string;
  stop(): Promise<void>;
  /** Starts every node again (after `stop`) on its own ports and data folder: the chain resumes from disk. */
  restart(): Promise<void>;
}

export interface TestNetOptions {
  /** Of the generated genesis (default 300 ms); ignored when `devnet` is given. */
  blockIntervalMs?: number;
  /** Seed byte of the generated genesis (default 7); ignored when `devnet` is given. */
  seed?: number;
  /** A genesis of the caller's, with the producers' keys (e.g. with extra funded accounts). */
  devnet?: Devnet;
  /** Node i's signature cache and worker pool (default: the process's shared pool). */
  verification?: (index: number) => NodeVerificationOptions | undefined;
  /** pino level of every node (default: $CONSORTIA_TEST_LOG, else silent). */
  logLevel?: string;
}

/** N producer nodes on 127.0.0.1 with real sockets and real SQLite files, in this process. */
export async function startTestNet(producers: number, options: TestNetOptions = {}): Promise<TestNet> {
  const dir = mkdtempSync(join(tmpdir(), 'consortia-net-'));
  const devnet =
    options.devnet ??
    devnetGenesis({
      producers,
      seed: new Uint8Array([options.seed ?? 7]),
      genesisTime: BigInt(Date.now()),
      parameters: { blockIntervalMs: options.blockIntervalMs ?? 300 },
    });
  const level = options.logLevel ?? process.env.CONSORTIA_TEST_LOG ?? 'silent';
  const settings = {
    dir,
    genesis: devnet.doc,
    consensusKeys: devnet.producerKeys.slice(0, producers).map((k) => k.consensusSecretKey),
    logger: () => pino({ level }),
    ...(options.verification ? { verification: options.verification } : {}),
  };
  const nodes = await startProducerNodes(settings);
  const port = (url: string) => Number(new URL(url).port);
  const ports = nodes.map((n) => ({ p2p: port(n.p2p.url), rpc: port(n.rpc.url) }));
  return {
    devnet,
    nodes,
    dir,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
    async restart() {
      nodes.splice(0, nodes.length, ...(await startProducerNodes({ ...settings, ports })));
    },
  };
}

export function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return untilTrue(what, condition, { timeoutMs, everyMs: 50 });
}
