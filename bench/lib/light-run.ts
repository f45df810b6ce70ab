/**
 * Driving the real LightNode against the synthetic chain's server (bench/lib/light-server-child.ts):
 * one catch-up from genesis into a fresh data file, then new heads published one at a time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LightNode, type LightNodeTiming } from '../../electron/services/light/index.ts';
import type { GenesisDoc } from '../../shared/core/genesis/index.ts';
import type { ChainSpec } from './light-chain.ts';
import type { ServerRequest } from './light-server-child.ts';

type Reply = { type: string; [field: string]: unknown };

export interface ServerProcess {
  readonly url: string;
  advance(height: number): Promise<number>;
  counts(reset: boolean): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startServerProcess(
  spec: ChainSpec,
  height: number,
  requestsPerSecond: number,
): Promise<ServerProcess> {
  const child: ChildProcess = fork(new URL('./light-server-child.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, { resolve(reply: Reply): void; reject(error: Error): void }>();
  let exited: Error | undefined;
  child.on('message', (reply: Reply) => {
    waiting.get(reply.type)?.resolve(reply);
    waiting.delete(reply.type);
  });
  child.on('exit', (code) => {
    exited = new Error(`The bench's RPC server process exited with code ${code}`);
    for (const wait of waiting.values()) wait.reject(exited);
    waiting.clear();
  });
  const ask = (request: ServerRequest, reply: string) =>
    new Promise<Reply>((resolve, reject) => {
      if (exited) return reject(exited);
      waiting.set(reply, { resolve, reject });
      child.send(request);
    });
  const started = await ask({ type: 'start', spec, height, requestsPerSecond }, 'started');
  return {
    url: started.url as string,
    advance: async (h) => (await ask({ type: 'advance', height: h }, 'advanced')).sentAt as number,
    counts: async (reset) => (await ask({ type: 'counts', reset }, 'counts')).counts as Record<string, number>,
    async stop() {
      if (exited) return;
      await ask({ type: 'stop' }, 'stopped');
    },
  };
}

export interface CatchUp {
  readonly node: LightNode;
  readonly ms: number;
  /** CPU this process used during the catch-up, in cores (1 = one core busy the whole time). */
  readonly cores: number;
  close(): Promise<void>;
}

/** Starts a light node from genesis on a fresh data file and waits until it verified `height`. */
export async function catchUp(
  doc: GenesisDoc,
  url: string,
  height: number,
  timing: LightNodeTiming = {},
): Promise<CatchUp> {
  const dir = mkdtempSync(join(tmpdir(), 'consortia-light-bench-'));
  const cpu = process.cpuUsage();
  const start = performance.now();
  const node = LightNode.start({
    startFrom: { genesis: doc },
    endpoints: [url],
    dataFile: join(dir, 'light.sqlite'),
    timing: { stallMs: 600_000, ...timing },
  });
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      const problem = node.status().problem;
      if (problem) finish(new Error(`The light node did not catch up: ${problem}`));
    }, 250);
    const finish = (error?: Error) => {
      clearInterval(check);
      node.off('progress', onProgress);
      if (error) reject(error);
      else resolve();
    };
    const onProgress = ({ phase, verifiedHeight }: { phase: string; verifiedHeight: bigint }) => {
      if (phase === 'synced' && verifiedHeight >= BigInt(height)) finish();
    };
    node.on('progress', onProgress);
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    node,
    ms,
    cores: (used.user + used.system) / 1000 / ms,
    async close() {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The number of finalHeads subscriptions the server has accepted so far. */
export async function subscriptionsSoFar(server: ServerProcess): Promise<number> {
  return (await server.counts(false))['subscriptions so far'] ?? 0;
}

/**
 * Publishes heads `from`..`to` one at a time, each after the light node verified the one before;
 * returns, per head, the milliseconds from the server sending the notification to the 'head' event.
 * The light node subscribes only after its catch-up, so this first waits for a subscription beyond
 * `subscriptionsBefore` (a head published earlier would reach nobody).
 */
export async function followHeads(
  node: LightNode,
  server: ServerProcess,
  from: number,
  to: number,
  subscriptionsBefore: number,
): Promise<number[]> {
  const deadline = performance.now() + 30_000;
  while ((await subscriptionsSoFar(server)) <= subscriptionsBefore) {
    if (performance.now() > deadline)
      throw new Error('The light node did not subscribe to finalHeads within 30 s of catching up');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const latencies: number[] = [];
  for (let h = from; h <= to; h++) {
    const verified = new Promise<number>((resolve) => {
      const onHead = ({ height }: { height: bigint }) => {
        if (height !== BigInt(h)) return;
        node.off('head', onHead);
        resolve(performance.timeOrigin + performance.now());
      };
      node.on('head', onHead);
    });
    const sentAt = await server.advance(h);
    latencies.push((await verified) - sentAt);
    await new Promise((resolve) => setTimeout(resolve, 5)); // heads arrive one at a time, not queued
  }
  return latencies;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
