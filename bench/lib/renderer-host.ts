// The web host the renderer benchmarks open: real services over no network, a created and unlocked vault, and a
// second host whose wallet.history answers 100,000 synthetic entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/services/index.ts';
import { absentKeychain } from '../../electron/services/keychain.ts';
import { Registry, type Handlers } from '../../electron/services/registry.ts';
import { startWebHost, type WebHost } from '../../electron/webhost/server.ts';
import type { MethodOutput } from '../../shared/contract/ipc.ts';

const PHRASE_LABEL = 'Bench phrase';
const PASSWORD = 'bench renderer lantern 42';

// `npm run bench` runs outside the private Secret Service the tests start; the vault is password-only and never asks.
const noKeychain = absentKeychain('The renderer bench runs without an OS keychain.');

type HistoryEntry = MethodOutput<'wallet.history'>['entries'][number];
const KINDS = ['transfer', 'transfer', 'stake', 'vote', 'unstake', 'transfer', 'withdraw'] as const;
const DIRECTIONS = ['in', 'out', 'out', 'self'] as const;
const FIRST_TIME = Date.UTC(2026, 10, 1);

/** Entry `i` of `total`, newest first: one per block, so the (height, position) cursor is simply the height. */
function syntheticEntry(i: number, total: number): HistoryEntry {
  const kind = KINDS[i % KINDS.length]!;
  return {
    txId: (i + 1).toString(16).padStart(64, '0'),
    height: total - i,
    position: 0,
    type: kind,
    direction: kind === 'transfer' ? DIRECTIONS[i % DIRECTIONS.length]! : 'self',
    ...(kind === 'transfer' ? { counterparty: `cdev1bench${(i % 97).toString(36).padStart(30, 'q')}` } : {}),
    ...(kind === 'vote' ? {} : { amount: String(1_000_000 + ((i * 7919) % 900_000_000)) }),
    fee: '1000',
    time: FIRST_TIME - i * 60_000,
    verification: i % 50 === 0 ? 'unverified' : 'verified',
  };
}

/** wallet.history over `total` made-up entries, paged exactly as the contract says (newest first, `before` cursor). */
export function syntheticHistory(total: number): Handlers['wallet.history'] {
  return ({ limit = 500, before }) => {
    const start = before ? total - before.height + 1 : 0;
    const end = Math.min(total, start + limit);
    const entries = Array.from({ length: end - start }, (_, k) => syntheticEntry(start + k, total));
    const last = entries.at(-1);
    return { entries, ...(end < total && last ? { next: { height: last.height, position: last.position } } : {}) };
  };
}

/**
 * The real registry for every channel but wallet.history, which `history` answers. The replacement sits at the
 * main-process boundary: input and output still go through the contract's schemas and the web host's socket.
 */
class SyntheticHistoryRegistry extends Registry {
  constructor(
    private readonly real: Registry,
    history: Handlers['wallet.history'],
  ) {
    // Only wallet.history is ever looked up in this instance; every other call goes to `real`.
    super({ 'wallet.history': history } as Handlers);
  }

  override call(method: unknown, rawInput: unknown): ReturnType<Registry['call']> {
    return method === 'wallet.history' ? super.call(method, rawInput) : this.real.call(method, rawInput);
  }
}

export interface BenchHosts {
  /** Every channel answered by the real services. */
  real: WebHost;
  /** The same services, with wallet.history answering synthetic entries. */
  syntheticHistory: WebHost;
  close(): Promise<void>;
}

async function must<T>(
  what: string,
  call: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(`The bench could not ${what}: ${result.error.message}`);
  return result.value;
}

export async function startBenchHosts(rendererDir: string, historyRows: number): Promise<BenchHosts> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-renderer-host-'));
  const services: Services = createServices({
    dataDir,
    host: 'web',
    network: 'none',
    heartbeatMs: 60_000,
    keychain: noKeychain,
  });
  await must(
    'create the vault',
    services.registry.typedCall('vault.create', { password: PASSWORD, mode: 'password-only', autoLockMs: 0 }),
  );
  await must('add an account', services.registry.typedCall('vault.createMnemonic', { label: PHRASE_LABEL }));
  const status = await must('read the vault status', services.registry.typedCall('vault.status', {}));
  if (status.locked)
    throw new Error('The bench vault is locked after creation; the overview would show the unlock screen instead.');
  const real = await startWebHost({ services, rendererDir });
  const synthetic = await startWebHost({
    services: { ...services, registry: new SyntheticHistoryRegistry(services.registry, syntheticHistory(historyRows)) },
    rendererDir,
  });
  return {
    real,
    syntheticHistory: synthetic,
    async close() {
      await synthetic.close();
      await real.close();
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
