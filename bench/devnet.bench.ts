// Issue 4: a 4-producer devnet at a 500 ms block interval under a load of pre-signed transfers.
//  - Load: many senders funded in genesis (independent nonces), each always sent to the same node, submitted as
//    batched JSON-RPC tx.submit over keep-alive HTTP, round-robin over the four nodes.
//  - Phase 1 (saturation): closed loop with a bounded number of transfers in flight → finalized transfers/s.
//  - Phase 2 (paced): open loop at half the phase-1 rate → time from submit to final at a sustainable load.
//  - Finality is observed as a client would: a finalHeads subscription over WebSocket to node 0, then the block
//    over RPC (chain.block) to match its transactions to their submit times.
//  - Block-apply rate of one node (building or validating, and committing, timed around ChainState's methods)
//    beside the raw single-core OpenSSL verification rate measured in the same run; memory and CPU.
// Two runs with the same load: the four nodes in this process (sharing one verification pool, one event loop and
// one heap), then each node in a child process of its own (its own pool, event loop and memory).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { P2P_PATH } from '../chain/p2p/index.ts';
import { pickFreePorts } from '../chain/devnet/index.ts';
import { transactionItems, VerifyPool } from '../chain/verify/index.ts';
import { genesisToJson, type Devnet as DevnetKeys } from '../shared/core/genesis/index.ts';
import { blockCodec } from '../shared/core/types/index.ts';
import { createOpensslVerifier } from '../shared/node/ed25519-openssl.ts';
import { median, type Figure } from './harness.ts';
import type { ChildConfig, ChildRequest } from './lib/devnet-child.ts';
import { instrument, nodeStats, type NodeStats, type Timing } from './lib/devnet-node.ts';
import { fundedDevnet, makeSenders, percentile, prepared, signedTransfer, type PreparedTransfer } from './lib/load.ts';
import { closeAgent, post, submitBatch, submitBatchBody, subscribeFinalHeads } from './lib/rpc-load.ts';
import { startTestNet } from '../test/chain/net/devnet-helpers.ts';

const NODES = 4;
const INTERVAL_MS = 500;
const SENDERS = 2000;
const PER_SENDER = 10;
const BATCH = 50; // the RPC server's largest batch
const MAX_IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 1200); // the best of 600 / 1200 / 2500 here; more only grows blocks past the BFT timeouts
const MAX_REQUESTS = 8; // concurrent HTTP requests
const MAX_BLOCK_TXS = 4000; // the devnet default (1,000) would cap a 500 ms chain at 2,000/s by construction
const WARMUP_MS = 3000;
const SATURATE_MS = 12_000;
const CHILD_SATURATE_MS = 10_000;
const PACED_MS = 10_000;
const DRAIN_MS = 6000;
const CHAIN_ID = 'consortia-devnet';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const verbose = process.env.BENCH_VERBOSE
  ? (text: string) => process.stderr.write(`  [devnet] ${text}\n`)
  : () => undefined;

/** A running devnet as the load sees it. */
interface Devnet {
  rpcUrls: string[];
  wsUrl: string;
  stats(): Promise<NodeStats[]>;
  stop(): Promise<void>;
}

function genesisFor(senders: Parameters<typeof fundedDevnet>[1]): DevnetKeys {
  return fundedDevnet(
    {
      producers: NODES,
      seed: new Uint8Array([77]),
      chainId: CHAIN_ID,
      genesisTime: BigInt(Date.now()),
      parameters: { blockIntervalMs: INTERVAL_MS, maxBlockTransactions: MAX_BLOCK_TXS },
    },
    senders,
  );
}

/** The four nodes in this process, sharing one verification pool (cores − 1 workers, as four processes would share the cores). */
async function startInProcess(senders: Parameters<typeof fundedDevnet>[1]): Promise<Devnet> {
  const pool = new VerifyPool({ keyCacheSize: SENDERS * 2 });
  await pool.warmUp();
  const net = await startTestNet(NODES, {
    devnet: genesisFor(senders),
    verification: () => ({ pool, keyCacheSize: SENDERS * 2 }),
    logLevel: process.env.CONSORTIA_BENCH_LOG ?? 'silent',
  });
  const { nodes } = net;
  const timings = nodes.map((n) => instrument(n.chain));
  return {
    rpcUrls: nodes.map((n) => n.rpc.url),
    wsUrl: nodes[0]!.rpc.wsUrl,
    stats: async () => nodes.map((n, i) => nodeStats(n, timings[i]!)),
    async stop() {
      await net.stop();
      await pool.close();
      rmSync(net.dir, { recursive: true, force: true });
    },
  };
}

/** Each node in a child process of its own (started together; they find each other through the dialer's retries). */
async function startChildren(senders: Parameters<typeof fundedDevnet>[1]): Promise<Devnet> {
  const dir = mkdtempSync(join(tmpdir(), 'consortia-bench-'));
  const devnet = genesisFor(senders);
  const genesisJson = genesisToJson(devnet.doc);
  const ports = await pickFreePorts(NODES);
  const entry = fileURLToPath(new URL('./lib/devnet-child.ts', import.meta.url));
  const children: ChildProcess[] = [];
  type Reply = { type: string; id?: number; [k: string]: unknown };
  const waiting = new Map<string, { resolve(message: Reply): void; reject(error: Error): void }>();
  const request = (index: number, message: ChildRequest, reply: string) =>
    new Promise<Reply>((resolve, reject) => {
      waiting.set(`${index}:${reply}`, { resolve, reject });
      children[index]!.send(message);
    });
  ports.forEach((_, i) => {
    const child = fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    child.on('message', (message: Reply) => {
      const key = `${i}:${message.type}${message.id === undefined ? '' : `:${message.id}`}`;
      waiting.get(key)?.resolve(message);
      waiting.delete(key);
    });
    child.on('exit', (code) => {
      for (const [key, wait] of waiting) {
        if (!key.startsWith(`${i}:`)) continue;
        waiting.delete(key);
        wait.reject(new Error(`devnet child ${i} exited with code ${code}`));
      }
    });
  });
  const started = await Promise.all(
    ports.map((port, i) => {
      const config: ChildConfig = {
        dataDir: join(dir, `node${i}`),
        genesisJson,
        consensusSecretKey: bytesToHex(devnet.producerKeys[i]!.consensusSecretKey),
        p2pPort: port,
        peers: ports.slice(0, i).map((p) => `ws://127.0.0.1:${p}${P2P_PATH}`),
      };
      return request(i, { type: 'start', config }, 'started') as Promise<Reply & { rpcUrl: string; wsUrl: string }>;
    }),
  );
  let nextId = 0;
  return {
    rpcUrls: started.map((s) => s.rpcUrl),
    wsUrl: started[0]!.wsUrl,
    async stats() {
      const id = ++nextId;
      const replies = await Promise.all(children.map((_, i) => request(i, { type: 'stats', id }, `stats:${id}`)));
      return replies.map((r) => r.stats as NodeStats);
    },
    async stop() {
      await Promise.all(
        children.map((c, i) =>
          c.exitCode !== null
            ? undefined
            : Promise.race([
                request(i, { type: 'stop' }, 'stopped').catch(() => undefined),
                sleep(15_000).then(() => c.kill('SIGKILL')),
              ]),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface RunResult {
  measuredMs: number;
  finalizedPerSecond: number;
  finalizedInWindow: number;
  saturatedLatency: number[];
  pacedRate: number;
  pacedPerSecond: number;
  pacedLatency: number[];
  pacedMissing: number;
  blocks: number;
  roundChanges: number;
  before: NodeStats[];
  after: NodeStats[];
  parentCpuMs: number;
  rejected: number;
  refused: number;
  topReason?: string;
  mempoolPeak: number;
  loadAverage: number;
}

/** Drives one devnet through saturation and, if asked, the paced phase, with the prepared load (every sender's nonces from 0: a fresh chain). */
async function run(
  devnet: Devnet,
  load: readonly PreparedTransfer[],
  phases: { saturateMs: number; paced: boolean },
): Promise<RunResult> {
  const indexOf = new Map(load.map((t, i) => [Buffer.from(t.signed.signature).toString('latin1'), i]));
  const queues: number[][] = Array.from({ length: NODES }, () => []);
  load.forEach((_, i) => queues[(i % SENDERS) % NODES]!.push(i)); // a sender always goes to the same node

  const submitAt = new Float64Array(load.length).fill(NaN);
  const finalAt = new Float64Array(load.length).fill(NaN);
  const heads: { at: number; ours: number }[] = [];
  const roundChanges = new Set<bigint>();
  let inFlight = 0;
  const stopHeads = await subscribeFinalHeads(devnet.wsUrl, (head, at) => {
    if (head.round > 0) roundChanges.add(head.height);
    void post(
      devnet.rpcUrls[0]!,
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.block', params: { height: head.height.toString() } }),
    )
      .then(({ json }) => {
        const hex = (json as { result?: { block?: string } }).result?.block;
        if (!hex) return;
        let ours = 0;
        for (const tx of blockCodec.decodeOrThrow(hexToBytes(hex)).transactions) {
          const i = indexOf.get(Buffer.from(tx.signature).toString('latin1'));
          if (i === undefined || !Number.isNaN(finalAt[i]!)) continue;
          finalAt[i] = at;
          ours++;
        }
        inFlight -= ours;
        heads.push({ at, ours });
      })
      .catch(() => undefined); // a head announced as the devnet stops
  });
  const startDeadline = performance.now() + 15_000; // height 2 normally comes within 2–3 s
  for (;;) {
    const heights = (await devnet.stats()).map((s) => s.height);
    if (heights.every((h) => h >= 2)) break;
    if (performance.now() > startDeadline) {
      stopHeads();
      throw new Error(`the devnet did not reach height 2 (heights ${heights.join(', ')})`);
    }
    await sleep(100);
  }
  let requests = 0;
  const progress = setInterval(
    () => verbose(`in flight ${inFlight}, requests ${requests}, finalized blocks ${heads.length}`),
    2000,
  );

  // The generator: batches of one node's queue, round-robin over nodes.
  let rejected = 0;
  let refused = 0;
  const reasons = new Map<string, number>();
  let nextNode = 0;
  let exhausted = false;
  const sendBatch = (size: number): boolean => {
    for (let k = 0; k < NODES; k++) {
      const node = (nextNode + k) % NODES;
      const queue = queues[node]!;
      if (queue.length === 0) continue;
      nextNode = (node + 1) % NODES;
      const batch = queue.splice(0, size);
      const now = performance.now();
      for (const i of batch) submitAt[i] = now;
      inFlight += batch.length;
      requests++;
      // Refused (rate limit) or lost (a keep-alive socket the server had just closed): send the batch again later,
      // or its senders' later nonces would wait forever behind the gap.
      const retry = () => {
        refused++;
        queue.unshift(...batch);
        for (const i of batch) submitAt[i] = NaN;
        inFlight -= batch.length;
      };
      void submitBatch(devnet.rpcUrls[node]!, submitBatchBody(batch.map((i) => load[i]!.hex)))
        .then((outcome) => {
          if (outcome.refused) return retry();
          rejected += outcome.rejected;
          inFlight -= outcome.rejected;
          for (const r of outcome.reasons) reasons.set(r.slice(0, 60), (reasons.get(r.slice(0, 60)) ?? 0) + 1);
        })
        .catch(retry)
        .finally(() => requests--);
      return true;
    }
    exhausted = true;
    return false;
  };

  const loadAverage = loadavg()[0]!;
  const t0 = performance.now();
  const measureFrom = t0 + WARMUP_MS;
  const saturateEnd = measureFrom + phases.saturateMs;
  let before: NodeStats[] | null = null;
  let parentCpu = process.cpuUsage();
  let mempoolPeak = 0;
  let lastPeek = 0;
  // Phase 1: saturation.
  while (performance.now() < saturateEnd && !exhausted) {
    if (!before && performance.now() >= measureFrom) {
      before = await devnet.stats();
      parentCpu = process.cpuUsage();
    }
    if (performance.now() - lastPeek > 500) {
      lastPeek = performance.now();
      void devnet
        .stats()
        .then((s) => (mempoolPeak = Math.max(mempoolPeak, ...s.map((x) => x.mempool))))
        .catch(() => undefined);
    }
    while (requests < MAX_REQUESTS && inFlight + BATCH <= MAX_IN_FLIGHT && sendBatch(BATCH));
    await sleep(2);
  }
  const saturateStop = performance.now();
  const after = await devnet.stats();
  const parentCpuMs = (() => {
    const c = process.cpuUsage(parentCpu);
    return (c.user + c.system) / 1000;
  })();
  before ??= after;
  const measuredMs = saturateStop - measureFrom;
  const inWindow = (at: number, from: number, to: number) => at >= from && at < to;
  const saturatedFinal = heads.filter((h) => inWindow(h.at, measureFrom, saturateStop));
  const finalizedInWindow = saturatedFinal.reduce((n, h) => n + h.ours, 0);
  const finalizedPerSecond = finalizedInWindow / (measuredMs / 1000);
  const saturatedLatency: number[] = [];
  for (let i = 0; i < load.length; i++)
    if (inWindow(submitAt[i]!, measureFrom, saturateStop) && !Number.isNaN(finalAt[i]!))
      saturatedLatency.push(finalAt[i]! - submitAt[i]!);

  // Phase 2: paced at half the saturated rate, after the backlog has drained.
  const drainUntil = performance.now() + (phases.paced ? DRAIN_MS : 0);
  while (inFlight > 0 && performance.now() < drainUntil) await sleep(50);
  const pacedRate = Math.max(50, Math.floor(finalizedPerSecond / 2));
  const pacedBatch = Math.max(1, Math.min(BATCH, Math.round(pacedRate / 20)));
  const pacedStart = performance.now();
  const pacedEnd = pacedStart + PACED_MS;
  let sent = 0;
  exhausted = false;
  while (phases.paced && performance.now() < pacedEnd && !exhausted) {
    const due = ((performance.now() - pacedStart) / 1000) * pacedRate;
    if (sent + pacedBatch <= due && requests < MAX_REQUESTS) {
      if (sendBatch(pacedBatch)) sent += pacedBatch;
    } else await sleep(5);
  }
  const pacedStop = performance.now();
  const drain2 = performance.now() + (phases.paced ? DRAIN_MS : 0);
  while (inFlight > 0 && performance.now() < drain2) await sleep(50);
  const pacedLatency: number[] = [];
  let pacedMissing = 0;
  const pacedFrom = pacedStart + 1000; // the first second settles the rate
  for (let i = 0; i < load.length; i++) {
    if (!inWindow(submitAt[i]!, pacedFrom, pacedStop)) continue;
    if (Number.isNaN(finalAt[i]!)) pacedMissing++;
    else pacedLatency.push(finalAt[i]! - submitAt[i]!);
  }
  const pacedFinal = heads.filter((h) => inWindow(h.at, pacedFrom, pacedStop));
  const pacedPerSecond = pacedFinal.reduce((n, h) => n + h.ours, 0) / ((pacedStop - pacedFrom) / 1000);
  clearInterval(progress);
  stopHeads();
  const topReason = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    measuredMs,
    finalizedPerSecond,
    finalizedInWindow,
    saturatedLatency,
    pacedRate,
    pacedPerSecond,
    pacedLatency,
    pacedMissing,
    blocks: saturatedFinal.length,
    roundChanges: roundChanges.size,
    before,
    after,
    parentCpuMs,
    rejected,
    refused,
    ...(topReason ? { topReason: `${topReason[0]} (${topReason[1]}×)` } : {}),
    mempoolPeak,
    loadAverage,
  };
}

const delta = (a: Timing, b: Timing): Timing => ({ ms: b.ms - a.ms, txs: b.txs - a.txs, blocks: b.blocks - a.blocks });
const mb = (bytes: number) => bytes / 2 ** 20;

function figures(mode: 'in-process' | 'child processes', r: RunResult, rawRate: number): Figure[] {
  const tag = mode === 'in-process' ? '[4 nodes in one process]' : '[4 nodes, one process each]';
  const node1 = {
    apply: delta(r.before[1]!.apply, r.after[1]!.apply),
    commit: delta(r.before[1]!.commit, r.after[1]!.commit),
  };
  const applyRate = node1.apply.txs / (node1.apply.ms / 1000);
  const applyCommitRate = node1.apply.txs / ((node1.apply.ms + node1.commit.ms) / 1000);
  const sum = (f: (s: NodeStats) => number, stats: NodeStats[]) => stats.reduce((n, s) => n + f(s), 0);
  const misses = sum((s) => s.misses, r.after) - sum((s) => s.misses, r.before);
  const poolItems =
    mode === 'in-process'
      ? r.after[0]!.poolItems - r.before[0]!.poolItems
      : sum((s) => s.poolItems, r.after) - sum((s) => s.poolItems, r.before);
  const cpuMs =
    mode === 'in-process'
      ? r.after[0]!.cpuMs - r.before[0]!.cpuMs
      : sum((s) => s.cpuMs, r.after) - sum((s) => s.cpuMs, r.before) + r.parentCpuMs;
  const blockWorkMs = r.after.reduce(
    (ms, s, i) => ms + delta(r.before[i]!.apply, s.apply).ms + delta(r.before[i]!.commit, s.commit).ms,
    0,
  );
  const window = `${(r.measuredMs / 1000).toFixed(0)} s after ${WARMUP_MS / 1000} s warm-up`;
  const out: Figure[] = [
    {
      name: `${tag} finalized transfers/s at a 500 ms interval (saturated)`,
      value: r.finalizedPerSecond,
      unit: 'tx/s',
      note: `goal ≥ 2000; ${window}, ≤ ${MAX_IN_FLIGHT} in flight; machine load average ${r.loadAverage.toFixed(1)}`,
    },
    {
      name: `${tag} submit → final, median / p99 (saturated)`,
      value: median(r.saturatedLatency),
      unit: 'ms',
      note: `p99 ${percentile(r.saturatedLatency, 99).toFixed(0)} ms; includes queueing behind the in-flight backlog`,
    },
    ...(r.pacedLatency.length === 0
      ? []
      : [
          {
            name: `${tag} paced at half that: finalized transfers/s`,
            value: r.pacedPerSecond,
            unit: 'tx/s',
            note: `offered ${r.pacedRate} tx/s for ${PACED_MS / 1000} s`,
          },
          {
            name: `${tag} submit → final, median (paced)`,
            value: median(r.pacedLatency),
            unit: 'ms',
            note: 'finalHeads over WebSocket',
          },
          {
            name: `${tag} submit → final, p99 (paced)`,
            value: percentile(r.pacedLatency, 99),
            unit: 'ms',
            note: `goal ≤ ${2 * INTERVAL_MS} ms (2 intervals); ${r.pacedMissing} of the window not final after ${DRAIN_MS / 1000} s`,
          },
        ]),
    {
      name: `${tag} block period / transfers per block (saturated)`,
      value: r.blocks > 0 ? r.measuredMs / r.blocks : NaN,
      unit: 'ms',
      note: `${r.blocks > 0 ? (r.finalizedInWindow / r.blocks).toFixed(0) : 0} tx per block; heights decided after a BFT round change (whole run): ${r.roundChanges}`,
    },
    {
      name: `${tag} node 1 block apply rate (build/validate: state transition + Merkle)`,
      value: applyRate,
      unit: 'tx/s',
      note: `${node1.apply.blocks} blocks in the window; signatures from the cache`,
    },
    {
      name: `${tag} node 1 block apply + SQLite commit rate`,
      value: applyCommitRate,
      unit: 'tx/s',
      note: `${(applyCommitRate / rawRate).toFixed(2)} × the raw OpenSSL verify rate`,
    },
    {
      name: `${tag} block work (apply + commit, all nodes) / wall time`,
      value: blockWorkMs / r.measuredMs,
      unit: 'ratio',
      note: mode === 'in-process' ? 'one event loop runs all four nodes' : 'summed over four processes',
    },
    {
      name: `${tag} CPU used during saturation`,
      value: cpuMs / r.measuredMs,
      unit: 'cores',
      note:
        mode === 'in-process'
          ? 'the process: main thread + verify worker + load generator'
          : 'four node processes + the load generator',
    },
    {
      name: `${tag} main-thread signature verifications per finalized transfer`,
      value: misses / r.finalizedInWindow,
      unit: 'per tx',
      note: `all nodes, votes and headers included (no cache or pool: ≥ 8); ${(poolItems / r.finalizedInWindow).toFixed(2)} per tx in worker pools`,
    },
  ];
  if (mode === 'in-process') {
    out.push(
      {
        name: `${tag} heap used, whole process`,
        value: mb(r.after[0]!.heapUsed),
        unit: 'MiB',
        note: 'four nodes + load generator share one heap: ≈ a quarter each',
      },
      {
        name: `${tag} RSS, whole process`,
        value: mb(r.after[0]!.rss),
        unit: 'MiB',
        note: 'end of saturation; includes the verify worker',
      },
    );
  } else {
    out.push(
      {
        name: `${tag} heap used per node (median of 4)`,
        value: mb(median(r.after.map((s) => s.heapUsed))),
        unit: 'MiB',
        note: `max ${mb(Math.max(...r.after.map((s) => s.heapUsed))).toFixed(0)} MiB`,
      },
      {
        name: `${tag} RSS per node (median of 4)`,
        value: mb(median(r.after.map((s) => s.rss))),
        unit: 'MiB',
        note: `max ${mb(Math.max(...r.after.map((s) => s.rss))).toFixed(0)} MiB; includes each node's verify worker`,
      },
    );
  }
  const rateLimited = sum((s) => s.rateLimited, r.after) - sum((s) => s.rateLimited, r.before);
  out.push({
    name: `${tag} P2P frames over the per-peer rate limit (dropped, peer penalized)`,
    value: rateLimited,
    unit: 'frames',
    note: `saturation window, all nodes; bans so far: ${sum((s) => s.bans, r.after)}; peers at the end: ${r.after.map((s) => s.peers).join('/')}`,
  });
  out.push({
    name: `${tag} peak mempool (any node)`,
    value: r.mempoolPeak,
    unit: 'tx',
    note: `submissions rejected: ${r.rejected}${r.topReason ? `, mostly "${r.topReason}"` : ''}; requests refused or lost and sent again: ${r.refused}`,
  });
  return out;
}

/**
 * Starts a devnet and runs the load. A devnet that does not reach height 2 is replaced (up to three tries): now and
 * then four freshly started nodes sit at height 0 for good, with or without this change (seen at HEAD too).
 */
async function startAndRun(
  start: () => Promise<Devnet>,
  load: readonly PreparedTransfer[],
  phases: { saturateMs: number; paced: boolean },
): Promise<RunResult> {
  for (let attempt = 1; ; attempt++) {
    const devnet = await start();
    try {
      return await run(devnet, load, phases);
    } catch (error) {
      if (attempt >= 3) throw error;
      verbose(`retrying: ${(error as Error).message}`);
    } finally {
      await devnet.stop();
    }
  }
}

export default async function devnetBench(): Promise<Figure[]> {
  // Load, signed before the clock starts: wave w holds every sender's nonce w. Both runs start fresh chains.
  const senders = makeSenders(SENDERS, 'devnet-bench');
  const load: PreparedTransfer[] = [];
  for (let wave = 0; wave < PER_SENDER; wave++) {
    for (let s = 0; s < SENDERS; s++)
      load.push(prepared(signedTransfer(CHAIN_ID, senders[s]!, senders[(s + 1) % SENDERS]!.address)));
  }

  // Raw single-core verification rate, on the same kind of signatures (parsed keys cached).
  const openssl = createOpensslVerifier(SENDERS * 2);
  const items = transactionItems(
    CHAIN_ID,
    load.slice(0, SENDERS).map((t) => t.signed),
  );
  const rawRate = (): number => {
    const start = performance.now();
    for (const it of items) openssl.verify(it.signature, it.message, it.publicKey);
    return items.length / ((performance.now() - start) / 1000);
  };
  rawRate();
  const rawRates = [rawRate(), rawRate()];

  const inProcess = process.env.BENCH_ONLY_CHILDREN
    ? null
    : await startAndRun(() => startInProcess(senders), load, { saturateMs: SATURATE_MS, paced: true });
  rawRates.push(rawRate());
  // Child processes: saturation only (the time budget), for throughput and per-node memory.
  const children = await startAndRun(() => startChildren(senders), load, {
    saturateMs: CHILD_SATURATE_MS,
    paced: false,
  });
  rawRates.push(rawRate());
  closeAgent();
  const raw = median(rawRates);
  return [
    {
      name: 'raw OpenSSL verification rate, one core (same run)',
      value: raw,
      unit: 'verifications/s',
      note: 'median of 4 batches of 2000, before, between and after the runs',
    },
    ...(inProcess ? figures('in-process', inProcess, raw) : []),
    ...figures('child processes', children, raw),
  ];
}
