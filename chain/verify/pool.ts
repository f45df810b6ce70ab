/*
 * A pool of worker threads that verify Ed25519 signatures in batches, so a block's transactions can be checked
 * on the other cores while the main thread does everything else.
 *
 * - Size: cores − 1 (at least 1); workers start on first use, not at construction, so a node that never sees a
 *   transaction costs no threads.
 * - Workers run chain/verify/worker.ts, which verifies with shared/node/ed25519-openssl.ts: the same strict
 *   pre-check and OpenSSL call as the main thread, so the pool answers exactly as opensslVerifier does.
 * - A worker is ref'd only while it has work outstanding (a pending answer keeps the process alive; an idle
 *   pool never does), and close() terminates every worker.
 * - The pool is an accelerator, never a dependency: if workers cannot start (no TypeScript loader in a packaged
 *   build, a crash) or the pool is closed, the same items are verified inline on the calling thread with the
 *   fallback verifier. Every call therefore resolves with correct answers; nothing ever rejects.
 * - Work sharing: a large batch is shared with the calling thread (./share.ts), which verifies items from its
 *   back while the workers take them from the front, so a main thread that would only wait uses its core too.
 * - Inputs are snapshotted synchronously when a call is made (packed into a fresh buffer), so the bytes that are
 *   verified are the bytes the caller had at call time, whatever it does with its arrays afterwards.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SignatureVerifier } from '../../shared/core/crypto/index.ts';
import { createOpensslVerifier } from '../../shared/node/ed25519-openssl.ts';
import {
  isWellFormed,
  packBatch,
  unpackBatch,
  type BatchResponse,
  type SharedBatchRequest,
  type VerifyItem,
} from './batch.ts';
import { helpFromTheBack, settle, sharedPart, type SharedPart } from './share.ts';

export type { VerifyItem } from './batch.ts';

export interface VerifyPoolOptions {
  /** Worker threads (default cores − 1, at least 1). */
  size?: number;
  /** At most this many items travel in one message to a worker (default 1024). */
  maxBatch?: number;
  /** Batches smaller than this are coalesced with other small requests of the same tick (default 32). */
  minBatch?: number;
  /** Parsed public keys each worker keeps (default 8192: many senders sign again and again). */
  keyCacheSize?: number;
  /** Verifies inline when no worker can, and the calling thread's share (default: an OpenSSL verifier). */
  fallback?: SignatureVerifier;
  /** Whether the calling thread verifies part of each large batch while it waits (default true). */
  shareWithCaller?: boolean;
  /** Items the calling thread verifies per turn of its event loop when sharing (default 16, a few milliseconds). */
  shareStep?: number;
}

export interface VerifyPoolStats {
  /** Messages sent to workers and items they answered. */
  batches: number;
  items: number;
  /** Items verified on the calling thread because no worker could. */
  inline: number;
  /** Items of shared batches the calling thread verified while it waited for the workers. */
  shared: number;
  /** Workers running now. */
  workers: number;
}

/** Default pool size for this machine: one worker per core, less the main thread's, at least one. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

interface Job {
  count: number;
  resolve(results: Uint8Array): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  load: number;
  alive: boolean;
  ready: boolean;
}

/** What travels to a worker besides the job's id: a batch of its own, or one shared with the calling thread. */
type WorkerRequest = { buffer: ArrayBuffer } | Omit<SharedBatchRequest, 'id'>;

interface Waiting {
  item: VerifyItem;
  resolve(ok: boolean): void;
}

// Beside this module: worker.ts when run as TypeScript, worker.js in the CLI's bundle (scripts/build-cli.mjs).
const WORKER_MODULE = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;

/**
 * The ESM entry of tsx's API (its register() installs the TypeScript loader in the calling thread), or null when
 * tsx is not installed, as in a packaged build whose worker module is plain JavaScript.
 */
function tsxApiUrl(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('tsx/package.json');
    const exports = (require('tsx/package.json') as { exports?: Record<string, { import?: { default?: string } }> })
      .exports;
    const entry = exports?.['./esm/api']?.import?.default;
    return entry ? pathToFileURL(join(dirname(manifest), entry)).href : null;
  } catch {
    return null;
  }
}

/*
 * The worker's entry. Workers start with no execArgv, so they never inherit the parent's loader flags (some are
 * refused in workers); a TypeScript worker module gets tsx's loader registered in its own thread first.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(workerData.tsxApi ? import(workerData.tsxApi).then((api) => api.register()) : Promise.resolve())
  .then(() => import(workerData.moduleUrl))
  .catch((error) => setImmediate(() => { throw error; }));
`;

/**
 * A worker thread running another module the same way (TypeScript under tsx in tests and `npm run web`, JavaScript
 * in a build); `data` travels beside what the bootstrap needs. Used by the desktop's embedded devnet.
 */
export function startModuleWorker(moduleUrl: string, data: Record<string, unknown>): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    execArgv: [],
    workerData: { ...data, moduleUrl, tsxApi: moduleUrl.endsWith('.ts') ? tsxApiUrl() : null },
  });
}

/** Workers that die this many times (or once before answering at all) are given up for inline verification. */
const MAX_WORKER_FAILURES = 3;

export class VerifyPool {
  readonly size: number;
  private readonly maxBatch: number;
  private readonly minBatch: number;
  private readonly keyCacheSize: number;
  private readonly fallback: SignatureVerifier;
  private slots: Slot[] = [];
  private closed = false;
  private broken = false;
  private failures = 0;
  private nextId = 1;
  private waiting: Waiting[] = [];
  private flushTimer: NodeJS.Immediate | null = null;
  private warming: Promise<boolean> | null = null;
  private readonly shareWithCaller: boolean;
  private readonly shareStep: number;
  private counts = { batches: 0, items: 0, inline: 0, shared: 0 };

  constructor(options: VerifyPoolOptions = {}) {
    const size = options.size ?? defaultPoolSize();
    if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
    this.size = size;
    this.maxBatch = Math.max(1, options.maxBatch ?? 1024);
    this.minBatch = Math.max(1, Math.min(this.maxBatch, options.minBatch ?? 32));
    this.keyCacheSize = options.keyCacheSize ?? 8192;
    this.fallback = options.fallback ?? createOpensslVerifier(this.keyCacheSize);
    this.shareWithCaller = options.shareWithCaller ?? true;
    this.shareStep = Math.max(1, options.shareStep ?? 16);
  }

  get stats(): VerifyPoolStats {
    return { ...this.counts, workers: this.slots.filter((s) => s.alive).length };
  }

  /** Whether work goes to worker threads (false once closed, or when workers could not run here). */
  get usesWorkers(): boolean {
    return !this.closed && !this.broken;
  }

  /** Items handed to the pool and not answered yet (queued for the tick's batch, or in a worker's queue). */
  get backlog(): number {
    let items = this.waiting.length;
    for (const slot of this.slots) items += slot.load;
    return items;
  }

  /** Whether a worker has started and answered, so a batch sent now is not held up by thread start-up. */
  get ready(): boolean {
    return this.usesWorkers && this.slots.some((s) => s.alive && s.ready);
  }

  /** Starts the workers now rather than on first use; resolves true once every worker has answered a batch. */
  warmUp(): Promise<boolean> {
    if (!this.usesWorkers) return Promise.resolve(false);
    if (this.ready && this.slots.length === this.size) return Promise.resolve(true);
    this.warming ??= (async () => {
      this.ensureWorkers();
      const probe: VerifyItem = {
        signature: new Uint8Array(64).fill(1),
        message: new Uint8Array(32),
        publicKey: new Uint8Array(32).fill(1),
      };
      await Promise.all(this.slots.map((slot) => this.dispatchTo(slot, packBatch([probe]), 1).catch(() => undefined)));
      this.warming = null;
      return this.usesWorkers && this.slots.every((s) => s.ready);
    })();
    return this.warming;
  }

  /** One signature; coalesced with the other small requests of this tick into one message. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    return this.verifyBatch([{ signature, message, publicKey }]).then((r) => r[0]!);
  }

  /** Verifies every item (answers in order). Malformed items are false at once; the rest are split over the workers. */
  verifyBatch(items: readonly VerifyItem[]): Promise<boolean[]> {
    const results = new Array<boolean>(items.length).fill(false);
    const index: number[] = [];
    for (let i = 0; i < items.length; i++) if (isWellFormed(items[i]!)) index.push(i);
    if (index.length === 0) return Promise.resolve(results);
    if (!this.usesWorkers) {
      for (const i of index) results[i] = this.verifyInline(items[i]!);
      return Promise.resolve(results);
    }
    if (index.length < this.minBatch) {
      // Small: snapshot each item now and join the tick's shared batch.
      const answers = index.map(
        (i) =>
          new Promise<boolean>((resolve) => {
            const { signature, message, publicKey } = items[i]!;
            this.waiting.push({
              item: { signature: signature.slice(), message: message.slice(), publicKey: publicKey.slice() },
              resolve,
            });
          }),
      );
      if (this.waiting.length >= this.maxBatch) this.flush();
      else this.flushTimer ??= setImmediate(() => this.flush());
      return Promise.all(answers).then((oks) => {
        index.forEach((i, k) => (results[i] = oks[k]!));
        return results;
      });
    }
    this.ensureWorkers();
    const live = Math.max(1, this.slots.filter((s) => s.alive).length);
    if (this.shareWithCaller)
      return this.verifyShared(
        index.map((i) => items[i]!),
        live,
      ).then((answers) => {
        index.forEach((i, k) => (results[i] = answers[k]!));
        return results;
      });
    const chunk = Math.min(this.maxBatch, Math.max(this.minBatch, Math.ceil(index.length / live)));
    const parts: Promise<void>[] = [];
    for (let start = 0; start < index.length; start += chunk) {
      const part = index.slice(start, start + chunk);
      const buffer = packBatch(part.map((i) => items[i]!));
      parts.push(
        this.run(buffer, part.length).then((answers) => {
          part.forEach((i, k) => (results[i] = answers[k] === 1));
        }),
      );
    }
    return Promise.all(parts).then(() => results);
  }

  /**
   * Well-formed items split into one part per worker (at most maxBatch each), every part shared with this thread.
   * Never rejects: a part whose worker fails is finished here.
   */
  private async verifyShared(items: readonly VerifyItem[], live: number): Promise<boolean[]> {
    const size = Math.min(this.maxBatch, Math.max(this.minBatch, Math.ceil(items.length / live)));
    const parts: SharedPart[] = [];
    for (let start = 0; start < items.length; start += size) parts.push(sharedPart(items.slice(start, start + size)));
    const verifyHere = (item: VerifyItem) => this.fallback.verify(item.signature, item.message, item.publicKey);
    const workers = parts.map((part) => this.runShared(part));
    const here = helpFromTheBack(parts, this.shareStep, verifyHere);
    this.counts.shared += await here;
    await Promise.all(workers);
    return parts.flatMap((part) =>
      settle(part, (item) => {
        this.counts.inline++;
        return verifyHere(item);
      }),
    );
  }

  /** Hands a shared part to the least loaded worker; resolves when that worker stops (or cannot take it). */
  private async runShared(part: SharedPart): Promise<void> {
    if (!this.usesWorkers) return;
    const slot = this.slots.filter((s) => s.alive).sort((a, b) => a.load - b.load)[0];
    if (!slot) return;
    const request: WorkerRequest = { buffer: part.buffer, states: part.states.buffer as SharedArrayBuffer };
    await this.post(slot, request, part.items.length).catch(() => undefined);
  }

  /** Terminates the workers. Work still outstanding, and any later call, is verified inline. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) this.retire(slot, new Error('verification pool closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate().catch(() => undefined)));
  }

  private flush(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxBatch);
      const buffer = packBatch(group.map((w) => w.item));
      void this.run(buffer, group.length).then((answers) => group.forEach((w, k) => w.resolve(answers[k] === 1)));
    }
  }

  /** Answers for a packed buffer: from the least loaded worker, or inline when none can take it. Never rejects. */
  private run(buffer: ArrayBuffer, count: number): Promise<Uint8Array> {
    if (this.usesWorkers) {
      this.ensureWorkers();
      const slot = this.slots.filter((s) => s.alive).sort((a, b) => a.load - b.load)[0];
      if (slot) return this.dispatchTo(slot, buffer, count).catch(() => this.runInline(buffer));
    }
    return Promise.resolve(this.runInline(buffer));
  }

  private dispatchTo(slot: Slot, buffer: ArrayBuffer, count: number): Promise<Uint8Array> {
    // Copied, not transferred: the buffer stays here for the inline fallback should the worker fail.
    return this.post(slot, { buffer }, count);
  }

  private post(slot: Slot, request: WorkerRequest, count: number): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const id = this.nextId++;
      slot.jobs.set(id, { count, resolve, reject });
      if (slot.load === 0) slot.worker.ref();
      slot.load += count;
      this.counts.batches++;
      slot.worker.postMessage({ id, ...request });
    });
  }

  private runInline(buffer: ArrayBuffer): Uint8Array {
    const items = unpackBatch(buffer);
    const out = new Uint8Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = this.verifyInline(items[i]!) ? 1 : 0;
    return out;
  }

  private verifyInline(item: VerifyItem): boolean {
    this.counts.inline++;
    return this.fallback.verify(item.signature, item.message, item.publicKey);
  }

  private ensureWorkers(): void {
    if (!this.usesWorkers) return;
    while (this.slots.length < this.size && !this.broken) this.spawn();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(BOOTSTRAP, {
        eval: true,
        execArgv: [],
        workerData: {
          moduleUrl: WORKER_MODULE,
          tsxApi: WORKER_MODULE.endsWith('.ts') ? tsxApiUrl() : null,
          keyCacheSize: this.keyCacheSize,
        },
      });
    } catch {
      this.broken = true;
      return;
    }
    worker.unref();
    const slot: Slot = { worker, jobs: new Map(), load: 0, alive: true, ready: false };
    this.slots.push(slot);
    worker.on('message', (message: BatchResponse | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        return;
      }
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      slot.load -= job.count;
      if (slot.load === 0 && slot.alive) slot.worker.unref();
      this.counts.items += message.verified ?? job.count;
      job.resolve(message.results);
    });
    const fail = (error: Error) => {
      if (!slot.alive) return;
      this.failures++;
      // A worker that never came up will not come up next time either (no loader, no module): stop trying.
      if (!slot.ready || this.failures >= MAX_WORKER_FAILURES) this.broken = true;
      this.slots = this.slots.filter((s) => s !== slot);
      this.retire(slot, error);
      void worker.terminate().catch(() => undefined);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`verification worker exited with code ${code}`)));
  }

  private retire(slot: Slot, error: Error): void {
    slot.alive = false;
    slot.worker.unref();
    const jobs = [...slot.jobs.values()];
    slot.jobs.clear();
    slot.load = 0;
    for (const job of jobs) job.reject(error);
  }
}

/*
 * The process's shared pool. cores − 1 workers is a budget for the whole process, so nodes that run side by side
 * in one process (an in-process devnet, tests) share one pool rather than each starting its own; the last user to
 * release it closes it.
 */
let shared: { pool: VerifyPool; users: number } | null = null;

/** The process-wide pool (created on first acquisition, with default options); pair with releaseSharedPool. */
export function acquireSharedPool(): VerifyPool {
  shared ??= { pool: new VerifyPool(), users: 0 };
  shared.users++;
  return shared.pool;
}

/** Gives back an acquisition of the shared pool; closes it when nobody uses it any more. */
export async function releaseSharedPool(pool: VerifyPool): Promise<void> {
  if (!shared || shared.pool !== pool) return;
  shared.users--;
  if (shared.users > 0) return;
  shared = null;
  await pool.close();
}
