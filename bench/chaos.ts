/**
 * `npm run chaos [-- --duration 150 --seed 7 --block-time 500 --keep]`: the project's own chaos test.
 *
 * Four producers, each a separate `consortia node start` process made from a devnet's keys. For `--duration`
 * seconds one node at a time is SIGKILLed, SIGTERMed or frozen with SIGSTOP (4–12 s) and brought back, and once
 * two are down together (a halt: no quorum). Transfers go to a random running node over RPC throughout, the
 * submitter choosing nonces as the CLI does (the node's account.nextNonce, never below its own last one).
 *
 * Afterwards every node must agree on the block hash at every height, and every transfer a node accepted must be
 * final at one height on every node (an expired one is reported with its reason, and counts as lost). Also
 * measured: the time from the quorum's return after the halt to the next final block, and the longest time
 * without a new block. Prints a summary (and one JSON line) and exits 1 on divergence or loss.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressFromPublicKey, parseAddress, SigningDomain, signDomain } from '../shared/core/crypto/index.ts';
import { signedTransactionCodec, transactionCodec, type Transaction } from '../shared/core/types/index.ts';
import { readKeyFile } from '../shared/node/keyfile.ts';
import { openDevnetFolder } from '../chain/devnet/index.ts';
import { RpcErrorCode, rpcContract, type RpcContract } from '../shared/contract/rpc.ts';
import {
  CLIENT_ERROR,
  httpRpcClient,
  RpcClientError,
  typedRpc,
  type TypedParams,
  type TypedResult,
  type TypedRpc,
} from '../shared/node/rpc-client.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`chaos: --${name} needs a whole number, got "${argv[at + 1]}"`);
    process.exit(2);
  }
  return value;
};
const durationMs = option('duration', 150) * 1000;
const seed = option('seed', Date.now() % 100_000);
const blockTimeMs = option('block-time', 500);
const keep = argv.includes('--keep');

// A small seeded generator (mulberry32), so a run can be repeated with --seed.
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let started = Date.now();
const log = (text: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);

type RpcMethod = keyof RpcContract['results'] & keyof RpcContract['params'] & string;
const clients = new Map<string, TypedRpc<RpcContract>>();

/**
 * One call through the typed client (shared/node/rpc-client.ts): params checked, the result validated against the
 * contract. The node charges each call against a rate budget (docs/RPC.md, "Costs"): the checker waits its turn, as
 * any client should. Any other failure throws, with the client's code.
 */
async function call<M extends RpcMethod>(
  url: string,
  method: M,
  params: TypedParams<RpcContract, M>,
  timeoutMs = 3000,
): Promise<TypedResult<RpcContract, M>> {
  const key = `${timeoutMs} ${url}`;
  const rpc = clients.get(key) ?? typedRpc(httpRpcClient(url, { timeoutMs }), rpcContract);
  clients.set(key, rpc);
  for (let attempt = 0; ; attempt++) {
    const outcome = await rpc.call(method, params);
    if (outcome.ok) return outcome.value;
    if (outcome.error.code !== RpcErrorCode.RATE_LIMITED || attempt >= 40)
      throw new RpcClientError(outcome.error.code, outcome.error.message, outcome.error.data);
    await sleep(250);
  }
}
const unreachableCodes: readonly number[] = [CLIENT_ERROR.UNREACHABLE, CLIENT_ERROR.TIMEOUT];

const root = mkdtempSync(join(tmpdir(), 'consortia-chaos-'));
/** Runs the CLI to its end (asynchronously, so several can run at once). */
const cli = (args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/consortia.mjs', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.once('exit', (status) => resolve({ status, stderr }));
  });

/** One producer as its own `consortia node start` process, restartable on the same directory. */
class NodeProcess {
  child: ChildProcess | null = null;
  frozen = false;
  exits: string[] = [];
  constructor(
    readonly index: number,
    readonly dir: string,
    readonly rpcUrl: string,
  ) {}
  get up(): boolean {
    return this.child !== null && !this.frozen;
  }
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['bin/consortia.mjs', '--json', 'node', 'start', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.once('exit', (code, signal) => {
      this.exits.push(`${code ?? signal}`);
      if (this.child === child) this.child = null;
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr = (stderr + t).slice(-2000)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (t: string) => {
        out += t;
        if (out.includes('"event":"started"')) resolve();
      };
      child.stdout!.setEncoding('utf8').on('data', onData);
      child.once('exit', () => reject(new Error(`node${this.index} exited before it started: ${stderr}`)));
    });
  }
  /** Sends the signal and waits for the process to be gone. */
  async end(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(force);
  }
  freeze(): void {
    this.child?.kill('SIGSTOP');
    this.frozen = true;
  }
  thaw(): void {
    this.child?.kill('SIGCONT');
    this.frozen = false;
  }
}

interface Sent {
  id: string;
  sender: string;
  nonce: bigint;
  expiryHeight: bigint;
  via: number;
  at: number;
}

async function main(): Promise<number> {
  started = Date.now();
  log(`seed ${seed}, ${durationMs / 1000} s of chaos, ${blockTimeMs} ms blocks, in ${root}`);
  const devnet = await openDevnetFolder({ dir: join(root, 'devnet'), producers: 4, blockTimeMs, ports: 'free' });
  const p2pUrls = devnet.ports.map((p) => `ws://127.0.0.1:${p.p2p}/p2p`);
  const nodes = await Promise.all(
    devnet.ports.map(async (p, i) => {
      const dir = join(root, `node${i}`);
      const init = await cli([
        'node',
        'init',
        '--dir',
        dir,
        '--genesis',
        join(devnet.dir, 'genesis.json'),
        '--consensus-key',
        join(devnet.dir, `node${i}`, 'consensus-key.json'),
        '--p2p-port',
        String(p.p2p),
        '--rpc-port',
        String(p.rpc),
        '--log-level',
        'info',
        ...p2pUrls.filter((_, j) => j !== i).flatMap((u) => ['--peer', u]),
      ]);
      if (init.status !== 0) throw new Error(`node init ${i}: ${init.stderr}`);
      return new NodeProcess(i, dir, `http://127.0.0.1:${p.rpc}/`);
    }),
  );
  await Promise.all(nodes.map((n) => n.start()));
  log('4 nodes started; chaos begins');
  const chaosStart = Date.now();

  // Senders: the funded members and the producers' accounts.
  const keys = [
    ...devnet.accounts.map((a) => readKeyFile(a.file, 'account')),
    ...[0, 1, 2, 3].map((i) => readKeyFile(join(devnet.dir, `node${i}`, 'account-key.json'), 'account')),
  ];
  const prefix = devnet.doc.addressPrefix;
  const lastNonce = new Map<string, bigint>();
  const sent: Sent[] = [];
  let refused = 0;
  let unreachable = 0;

  // Height monitor: the highest height any running node reports, and when it grew.
  const growth: { at: number; height: bigint }[] = [];
  let best = 0n;
  let monitoring = true;
  const monitor = (async () => {
    while (monitoring) {
      for (const n of nodes.filter((x) => x.up)) {
        const h = await call(n.rpcUrl, 'chain.info', {}, 1000)
          .then((i) => BigInt(i.height))
          .catch(() => 0n);
        if (h > best) {
          best = h;
          growth.push({ at: Date.now(), height: h });
        }
      }
      await sleep(100);
    }
  })();

  const parseTo = (address: string) => {
    const parsed = parseAddress(prefix, address);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  };
  let transferring = true;
  const transfers = (async () => {
    while (transferring) {
      const up = nodes.filter((n) => n.up);
      const node = up[between(0, up.length - 1)];
      const key = keys[between(0, keys.length - 1)]!;
      const sender = addressFromPublicKey(prefix, key.publicKey);
      if (node) {
        try {
          const info = await call(node.rpcUrl, 'chain.info', {});
          const { nextNonce } = await call(node.rpcUrl, 'account.nextNonce', { address: sender });
          const last = lastNonce.get(sender);
          const nonce = last !== undefined && last + 1n > BigInt(nextNonce) ? last + 1n : BigInt(nextNonce);
          const to = addressFromPublicKey(prefix, keys[between(0, keys.length - 1)]!.publicKey);
          const tx: Transaction = {
            senderPublicKey: key.publicKey,
            nonce,
            fee: BigInt(info.parameters.minFee),
            expiryHeight: BigInt(info.height) + 120n,
            payload: { type: 'transfer', to: parseTo(to), amount: 1n, memo: '' },
          };
          const signature = signDomain(
            SigningDomain.TRANSACTION,
            devnet.doc.chainId,
            transactionCodec.encode(tx),
            key.secretKey,
          );
          const { id } = await call(node.rpcUrl, 'tx.submit', {
            transaction: bytesToHex(signedTransactionCodec.encode({ tx, signature })),
          });
          lastNonce.set(sender, nonce);
          sent.push({ id, sender, nonce, expiryHeight: tx.expiryHeight, via: node.index, at: Date.now() });
        } catch (error) {
          if (error instanceof RpcClientError && unreachableCodes.includes(error.code)) unreachable++;
          else refused++;
        }
      }
      await sleep(between(150, 450));
    }
  })();

  // The chaos itself.
  const events: string[] = [];
  let haltRecovery: number | null = null;
  const haltAt = chaosStart + durationMs / 2;
  let halted = false;
  while (Date.now() - chaosStart < durationMs) {
    await sleep(between(3000, 8000));
    if (Date.now() - chaosStart >= durationMs) break;
    if (!halted && Date.now() >= haltAt) {
      halted = true;
      const [a, b] = pickTwo();
      const downFor = between(8000, 15000);
      log(`halt: node${a.index} SIGKILL and node${b.index} SIGTERM for ${downFor} ms (no quorum)`);
      await Promise.all([a.end('SIGKILL'), b.end('SIGTERM')]);
      await sleep(downFor);
      await a.start();
      const quorumBack = Date.now();
      const heightThen = best;
      await b.start();
      while (best <= heightThen && Date.now() - quorumBack < 120_000) await sleep(50);
      const firstAfter = growth.find((g) => g.at >= quorumBack && g.height > heightThen);
      haltRecovery = firstAfter ? firstAfter.at - quorumBack : null;
      events.push(`halt ${downFor} ms (recovered ${haltRecovery ?? 'never'} ms after the quorum returned)`);
      log(`halt over: first new block ${haltRecovery} ms after the quorum returned`);
      continue;
    }
    const victim = nodes[between(0, 3)]!;
    const kind = (['SIGKILL', 'SIGTERM', 'SIGSTOP'] as const)[between(0, 2)]!;
    const downFor = between(4000, 12000);
    log(`node${victim.index}: ${kind} for ${downFor} ms`);
    events.push(`node${victim.index} ${kind} ${downFor} ms`);
    if (kind === 'SIGSTOP') {
      victim.freeze();
      await sleep(downFor);
      victim.thaw();
    } else {
      await victim.end(kind);
      await sleep(downFor);
      await victim.start();
    }
  }
  function pickTwo(): [NodeProcess, NodeProcess] {
    const a = between(0, 3);
    const b = (a + between(1, 3)) % 4;
    return [nodes[a]!, nodes[b]!];
  }

  transferring = false;
  await transfers;
  log(
    `chaos over: ${sent.length} transfers accepted, ${refused} refused, ${unreachable} to an unreachable node; waiting for them to be final`,
  );

  // Every accepted transfer final on every node, or past its expiry.
  const finalOn = async (s: Sent) => {
    const statuses = await Promise.all(
      nodes.map((n) => call(n.rpcUrl, 'tx.status', { id: s.id }).catch(() => ({ status: 'unreachable' as const }))),
    );
    return statuses;
  };
  const deadline = Date.now() + 150_000;
  let open = [...sent];
  while (open.length > 0 && Date.now() < deadline) {
    const still: Sent[] = [];
    for (const s of open) {
      const statuses = await finalOn(s);
      if (statuses.every((x) => x.status === 'final')) continue;
      still.push(s);
    }
    open = still;
    if (open.every((s) => best > s.expiryHeight + 2n)) break;
    await sleep(1000);
  }
  monitoring = false;
  await monitor;

  // Agreement at every height.
  const heights = await Promise.all(nodes.map((n) => call(n.rpcUrl, 'chain.info', {}).then((i) => BigInt(i.height))));
  const common = heights.reduce((a, b) => (a < b ? a : b));
  const divergent: string[] = [];
  for (let h = 1n; h <= common; h++) {
    const hashes = await Promise.all(
      nodes.map((n) => call(n.rpcUrl, 'chain.header', { height: h.toString() }).then((x) => x.hash)),
    );
    if (new Set(hashes).size !== 1) divergent.push(`height ${h}: ${hashes.map((x) => x.slice(0, 12)).join(' ')}`);
  }
  // Each transfer at one place on every node.
  const lost: string[] = [];
  for (const s of sent) {
    const statuses = await finalOn(s);
    const places = new Set(statuses.map((x) => (x.status === 'final' ? `${x.height}/${x.index}` : x.status)));
    if (statuses.every((x) => x.status === 'final') && places.size === 1) continue;
    const pending = statuses.find((x) => x.status === 'pending');
    const reason =
      pending?.waitingForNonce !== undefined
        ? `waiting for nonce ${pending.waitingForNonce}`
        : statuses.map((x) => x.status).join('/');
    lost.push(
      `${s.id.slice(0, 16)} (sender ${s.sender.slice(0, 12)}… nonce ${s.nonce}, via node${s.via}, expiry ${s.expiryHeight}): ${best > s.expiryHeight ? 'expired unincluded' : 'not final'} — ${reason}`,
    );
  }
  let longestStall = 0;
  for (let i = 1; i < growth.length; i++) longestStall = Math.max(longestStall, growth[i]!.at - growth[i - 1]!.at);

  await Promise.all(
    nodes.map(async (n) => {
      if (n.frozen) n.thaw();
      await n.end('SIGTERM');
    }),
  );
  const summary = {
    seed,
    durationS: durationMs / 1000,
    blockTimeMs,
    height: common.toString(),
    events: events.length,
    accepted: sent.length,
    refused,
    unreachable,
    divergentHeights: divergent.length,
    lost: lost.length,
    haltRecoveryMs: haltRecovery,
    longestStallMs: longestStall,
  };
  log(`events: ${events.join('; ')}`);
  for (const d of divergent.slice(0, 10)) log(`DIVERGENCE ${d}`);
  for (const l of lost.slice(0, 20)) log(`LOST ${l}`);
  log(
    `summary: agreement at ${common} heights (${divergent.length} divergent); ${sent.length} accepted transfers, ${lost.length} lost; ${halted ? `quorum back → final block ${haltRecovery ?? 'never'} ms` : 'no halt (too short a run for one)'}; longest time without a block ${longestStall} ms`,
  );
  process.stdout.write(`${JSON.stringify({ event: 'chaos', ...summary })}\n`);
  if (!keep) rmSync(root, { recursive: true, force: true });
  else log(`kept ${root}`);
  // A run too short to reach its halt has nothing to recover from; one that halted must recover.
  return divergent.length > 0 || lost.length > 0 || (halted && haltRecovery === null) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`chaos: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
