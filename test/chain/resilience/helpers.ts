import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { devnetGenesis, genesisToJsonValue, type Devnet } from '../../../shared/core/genesis/index.ts';
import { commitCertificateCodec, type ChainParameters } from '../../../shared/core/types/index.ts';
import { ConsortiaNode } from '../../../chain/node.ts';
import type { ChildNodeConfig } from './node-process.ts';
import { untilTrue } from '../../helpers/wait.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const nodeScript = join(here, 'node-process.ts');

/**
 * A devnet of `producers` with a short block interval, and a fresh temporary folder for its data dirs.
 * missLimit is raised so that a producer these tests take down is not jailed for the turns it misses (jailing
 * after `missLimit` consecutive misses is protocol behaviour, but it would take the node out of the set that
 * these tests expect it to rejoin).
 */
export function makeDevnet(
  producers: number,
  options: { seed: number; blockIntervalMs?: number; parameters?: Partial<ChainParameters> },
): { devnet: Devnet; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'consortia-resilience-'));
  const devnet = devnetGenesis({
    producers,
    seed: new Uint8Array([options.seed]),
    genesisTime: BigInt(Date.now()),
    parameters: { blockIntervalMs: options.blockIntervalMs ?? 400, missLimit: 1_000_000, ...options.parameters },
  });
  return { devnet, dir };
}

const testLogger = () => pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' });

/** Producer `index` of the devnet as a node in this process (real sockets, real SQLite in dir/node<index>). */
export function startInProcess(
  devnet: Devnet,
  dir: string,
  index: number,
  options: { peers?: string[]; p2pPort?: number; observers?: string[] } = {},
): Promise<ConsortiaNode> {
  return ConsortiaNode.start({
    dataDir: join(dir, `node${index}`),
    genesis: devnet.doc,
    consensusSecretKey: devnet.producerKeys[index]!.consensusSecretKey,
    p2p: {
      peers: options.peers ?? [],
      port: options.p2pPort ?? 0,
      ...(options.observers ? { observers: options.observers } : {}),
    },
    rpc: {},
    logger: testLogger(),
  });
}

/** Ports free right now on 127.0.0.1 (held together while picked, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolveServer, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolveServer(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

export interface StartedNet {
  devnet: Devnet;
  dir: string;
  /** In-process nodes by producer index; null at the child's index. */
  nodes: (ConsortiaNode | null)[];
  child: ChildNode | null;
  ports: number[];
  stop(): Promise<void>;
}

/**
 * A fresh devnet whose producers all start at once, each knowing every other's URL from the start (ports picked
 * beforehand), with producer `childIndex` (if any) as a child process. Ready once the in-process nodes reach
 * `readyHeight`.
 *
 * A network that has not got going within 30 s is discarded and a new one started (at most 3 tries, each announced
 * on stderr). Since the engine re-sends its own messages while a height is stuck this should not trigger; it stays
 * so that a very slow start cannot mask what these tests are about, and it says so when it happens.
 */
export async function startNet(options: {
  producers: number;
  seed: number;
  blockIntervalMs?: number;
  childIndex?: number;
  observers?: Record<number, string[]>;
  readyHeight?: bigint;
}): Promise<StartedNet> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { devnet, dir } = makeDevnet(options.producers, {
      seed: options.seed,
      ...(options.blockIntervalMs ? { blockIntervalMs: options.blockIntervalMs } : {}),
    });
    const ports = await freePorts(options.producers);
    const urls = ports.map((port) => `ws://127.0.0.1:${port}/p2p`);
    const others = (i: number) => urls.filter((_, j) => j !== i);
    const child = options.childIndex === undefined ? null : new ChildNode(devnet, dir, options.childIndex);
    if (child) child.p2pPort = ports[options.childIndex!]!;
    const nodes: (ConsortiaNode | null)[] = Array.from({ length: options.producers }, () => null);
    const net: StartedNet = {
      devnet,
      dir,
      nodes,
      child,
      ports,
      async stop() {
        await child?.stop();
        await Promise.all(nodes.map((n) => n?.stop()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
    try {
      await Promise.all([
        ...nodes.map(async (_, i) => {
          if (i === options.childIndex) return;
          nodes[i] = await startInProcess(devnet, dir, i, {
            peers: others(i),
            p2pPort: ports[i]!,
            ...(options.observers?.[i] ? { observers: options.observers[i] } : {}),
          });
        }),
        child?.start(others(options.childIndex!)),
      ]);
      const inProcess = nodes.filter((n): n is ConsortiaNode => n !== null);
      await waitUntil(
        () => minHeight(inProcess) >= (options.readyHeight ?? 3n),
        30_000,
        () => `the first blocks: ${describeNodes(inProcess)}`,
      );
      return net;
    } catch (error) {
      failures.push(`attempt ${attempt}: ${(error as Error).message}`);
      process.stderr.write(
        `[resilience] a fresh devnet did not get going (consensus messages lost at start-up); starting another. ${failures.at(-1)}\n`,
      );
      await net.stop();
    }
  }
  throw new Error(`no network got going in 3 attempts:\n${failures.join('\n')}`);
}

export interface ChildReady {
  pid: number;
  rpc: string;
  wsRpc: string;
  p2p: string;
  height: string;
  genesisHash: string;
}

/**
 * Producer `index` as a child process (node-process.ts under `node --import tsx`), restartable on the same
 * data dir and P2P port. `kill()` sends SIGKILL: no shutdown code runs, SQLite sees a crashed process.
 */
export class ChildNode {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stderrTail = '';
  ready: ChildReady | null = null;
  p2pPort = 0;
  /** How the last process ended (exit code or signal), for failure messages. */
  lastExit: string | null = null;
  readonly dataDir: string;

  constructor(
    readonly devnet: Devnet,
    dir: string,
    readonly index: number,
  ) {
    this.dataDir = join(dir, `node${index}`);
  }

  get running(): boolean {
    return this.child !== null;
  }

  get p2pUrl(): string {
    return this.ready!.p2p;
  }

  get rpcUrl(): string {
    return this.ready!.rpc;
  }

  /** Starts (or restarts) the process; resolves with its ready line. */
  async start(peers: string[]): Promise<ChildReady> {
    if (this.child) throw new Error('child already running');
    const config: ChildNodeConfig = {
      dataDir: this.dataDir,
      genesis: genesisToJsonValue(this.devnet.doc),
      consensusSecretKey: bytesToHex(this.devnet.producerKeys[this.index]!.consensusSecretKey),
      peers,
      p2pPort: this.p2pPort,
      logLevel: process.env.CONSORTIA_TEST_LOG ?? 'warn',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', nodeScript, JSON.stringify(config)], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.ready = null;
    this.exited = new Promise((resolveExit) => child.once('exit', () => resolveExit()));
    child.once('exit', (code, signal) => {
      this.lastExit = `${code ?? signal}`;
      if (this.child === child) this.child = null;
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4000);
      if (process.env.CONSORTIA_TEST_LOG) process.stderr.write(text);
    });
    const ready = await new Promise<ChildReady>((resolveReady, reject) => {
      let buffered = '';
      const timer = setTimeout(
        () => reject(new Error(`child node ${this.index} not ready after 60 s; stderr: ${this.stderrTail}`)),
        60_000,
      );
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        buffered += text;
        const line = buffered.split('\n').find((l) => l.startsWith('{'));
        if (!line) return;
        clearTimeout(timer);
        resolveReady(JSON.parse(line) as ChildReady);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `child node ${this.index} exited (${code ?? signal}) before it was ready; stderr: ${this.stderrTail}`,
          ),
        );
      });
    });
    this.ready = ready;
    this.p2pPort = Number(new URL(ready.p2p).port);
    return ready;
  }

  /** SIGKILL, then waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Clean stop (SIGTERM: the node closes its store), SIGKILL if it takes longer than 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  stderr(): string {
    return this.stderrTail;
  }
}

export interface HttpReply {
  status: number;
  body: any;
  text: string;
}

/** POSTs raw text (or a JSON value) to an RPC URL with node:http, so odd bodies and statuses are seen as they are. */
export function postRaw(url: string, body: string | Buffer, options: { method?: string } = {}): Promise<HttpReply> {
  return new Promise((resolvePost, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          resolvePost({ status: res.statusCode ?? 0, body: parsed, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.method === 'GET' ? undefined : body);
  });
}

/** One JSON-RPC call over HTTP; throws with code and message on an error response. */
export async function call(url: string, method: string, params: object = {}): Promise<any> {
  const reply = await postRaw(url, JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
  if (reply.body?.error) throw new Error(`${method}: ${reply.body.error.code} ${reply.body.error.message}`);
  if (reply.status !== 200) throw new Error(`${method}: HTTP ${reply.status} ${reply.text}`);
  return reply.body.result;
}

/** Headers (hash and certificate hex) for heights from..to, fetched in JSON-RPC batches of 50 (one rate-limit token each). */
export async function headersOver(
  url: string,
  from: bigint,
  to: bigint,
): Promise<Map<bigint, { hash: string; certificate: string | null }>> {
  const out = new Map<bigint, { hash: string; certificate: string | null }>();
  for (let start = from; start <= to; start += 50n) {
    const batch = [];
    for (let h = start; h <= to && h < start + 50n; h++)
      batch.push({ jsonrpc: '2.0', id: Number(h), method: 'chain.header', params: { height: h.toString() } });
    const reply = await postRaw(url, JSON.stringify(batch));
    if (!Array.isArray(reply.body))
      throw new Error(`chain.header batch: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
    for (const r of reply.body as any[]) {
      if (r.error) throw new Error(`chain.header ${r.id}: ${r.error.message}`);
      out.set(BigInt(r.result.height), { hash: r.result.hash, certificate: r.result.certificate });
    }
  }
  return out;
}

/**
 * Checks a node reached over RPC against a live in-process node: the same header hash at every height 1..its
 * height, and every certificate it stores verifies under the live node's view of the validator sets.
 * Returns the checked height.
 */
export async function checkAgainst(url: string, live: ConsortiaNode, label: string): Promise<bigint> {
  const info = await call(url, 'chain.info');
  const height = BigInt(info.height);
  // The live node may be a commit behind: give it time to reach the same height before comparing.
  await waitUntil(
    () => live.chain.height() >= height,
    30_000,
    () => `${label}: the live node (at ${live.chain.height()}) to reach height ${height}`,
  );
  const headers = await headersOver(url, 1n, height);
  for (let h = 1n; h <= height; h++) {
    const got = headers.get(h);
    const expected = bytesToHex(live.chain.headerHashAt(h)!);
    if (!got || got.hash !== expected)
      throw new Error(`${label}: header hash at height ${h} is ${got?.hash}, the live node has ${expected}`);
    if (!got.certificate) throw new Error(`${label}: no certificate at height ${h}`);
    const cert = commitCertificateCodec.decodeOrThrow(hexToBytes(got.certificate));
    const checked = live.chain.checkCertificate(cert, h, hexToBytes(got.hash));
    if (!checked.ok) throw new Error(`${label}: certificate at height ${h} does not verify: ${checked.reason}`);
  }
  if (height > 0n && info.headHash !== bytesToHex(live.chain.headerHashAt(height)!))
    throw new Error(`${label}: head hash differs`);
  return height;
}

/** Polls a (possibly async) condition every 100 ms; generous timeouts only, never a timed assertion. */
export function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  return untilTrue(what, condition, { timeoutMs });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Heights, BFT rounds and steps, and peer counts, for failure messages (reads the engine's private state). */
export function describeNodes(nodes: readonly ConsortiaNode[]): string {
  return nodes
    .map((n) => {
      const bft = (
        n.engine as unknown as {
          bft?: {
            round: number;
            step: string;
            rounds: Map<
              number,
              { prevotes: Map<number, unknown>; precommits: Map<number, unknown>; proposals: unknown[] }
            >;
          };
        }
      ).bft;
      const log = bft
        ? [...bft.rounds]
            .map(
              ([r, l]) =>
                `r${r}:${l.proposals.length}p/${[...l.prevotes.keys()].join('')}pv/${[...l.precommits.keys()].join('')}pc`,
            )
            .join(' ')
        : '';
      return `[h${n.chain.height()} r${bft?.round} ${bft?.step} peers=${n.p2p.peers().length} ${log}]`;
    })
    .join(' ');
}

export const minHeight = (nodes: readonly ConsortiaNode[]): bigint =>
  nodes.reduce((min, n) => (n.chain.height() < min ? n.chain.height() : min), 1n << 62n);
export const maxHeight = (nodes: readonly ConsortiaNode[]): bigint =>
  nodes.reduce((max, n) => (n.chain.height() > max ? n.chain.height() : max), 0n);

/**
 * Safety witness: samples every live node's headers and remembers the first hash seen at each height; any node
 * that ever shows another hash at a height is a conflict (two final blocks at one height).
 */
export class FinalityRecorder {
  private readonly seen = new Map<bigint, string>();
  private readonly checkedUpTo = new Map<string, bigint>();
  readonly conflicts: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly live: () => { label: string; node: ConsortiaNode }[]) {}

  sample(): void {
    for (const { label, node } of this.live()) {
      const height = node.chain.height();
      for (let h = (this.checkedUpTo.get(label) ?? 0n) + 1n; h <= height; h++)
        this.note(label, h, bytesToHex(node.chain.headerHashAt(h)!));
      this.checkedUpTo.set(label, height);
    }
  }

  /** For nodes seen only over RPC (child processes) or re-opened stores. */
  note(label: string, height: bigint, hash: string): void {
    const first = this.seen.get(height);
    if (first === undefined) this.seen.set(height, hash);
    else if (first !== hash) this.conflicts.push(`${label} has ${hash} at height ${height}, another node had ${first}`);
  }

  /** Forget how far a node was checked (after a restart it is re-read from height 1). */
  reset(label: string): void {
    this.checkedUpTo.delete(label);
  }

  start(everyMs = 200): void {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get heights(): number {
    return this.seen.size;
  }
}
