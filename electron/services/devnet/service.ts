/**
 * The embedded devnet (DESIGN §6): when no network is configured, four producer nodes on 127.0.0.1 in
 * DATA/devnet, created on first run and resumed after, with a funded wallet account the vault imports.
 *
 * The nodes run in a worker thread (worker.ts), not on the main thread: block production, consensus and
 * SQLite commits then never hold up the IPC handlers or the window, and a crash there ends the worker, not
 * the app. A worker rather than a child process because it needs no second executable: under Electron a
 * child would be Electron itself run as Node, and under tsx it would need the loader flags passed on. The
 * worker starts the way the verification pool's workers do (chain/verify/pool.ts startModuleWorker):
 * worker.ts under tsx (tests, `npm run web`), devnet-worker.js beside the built main bundle. better-sqlite3
 * gets the main thread's binding (shared/node/db.ts), so under Electron the worker loads the Electron-ABI build.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { parseGenesis, type GenesisDoc } from '../../../shared/core/genesis/index.ts';
import { currentNativeBinding } from '../../../shared/node/db.ts';
import { httpRpcClient } from '../../../shared/node/rpc-client.ts';
import { startModuleWorker } from '../../../chain/verify/pool.ts';
import { ServiceError } from '../errors.ts';
import type { AreaHandlers } from '../registry.ts';
import type { VaultService } from '../vault/service.ts';
import { DEVNET_ACCOUNT_LABEL, importedInto, markImported, readWalletAccount } from './account.ts';
import type { FromWorker, WorkerSettings } from './protocol.ts';
import type { DevnetService } from './types.ts';

export interface DevnetServiceOptions {
  /** Folder for the devnet's genesis, keys and chain data (inside the app's data folder). */
  dir: string;
  /** Block interval of a new devnet (default 1000 ms). */
  blockTimeMs?: number;
  /** pino level of the nodes' logs in DIR/nodeI/node.log (default info). */
  logLevel?: string;
}

/** The devnet.* channels of a window that runs no devnet (offline mode, or another network chosen). */
export const NO_DEVNET_HANDLERS: AreaHandlers<'devnet'> = {
  'devnet.status': () => ({ enabled: false, running: false, nodes: [] }),
};

const PRODUCERS = 4;
const STOP_WAIT_MS = 20_000;

/** The worker's module: the TypeScript source when running from source, the bundle's own entry when built. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url).href
  : new URL('./devnet-worker.js', import.meta.url).href;

interface Running {
  worker: Worker;
  genesis: GenesisDoc;
  rpcUrls: string[];
  alive: boolean;
}

export function createDevnetService(options: DevnetServiceOptions): DevnetService {
  const { dir } = options;
  let running: Running | null = null;
  let starting: Promise<{ genesis: GenesisDoc; rpcUrls: string[] }> | null = null;
  let problem: string | undefined;
  let vault: VaultService | null = null;
  let closed = false;

  const account = () => (running ? readWalletAccount(dir, running.genesis.addressPrefix) : null);

  /** Imports the devnet's account into the unlocked vault, once per vault; a failure is kept for devnet.status. */
  function importIntoVault(): void {
    try {
      importOnce();
    } catch (error) {
      problem = `The devnet's funded account could not be added to the vault: ${(error as Error).message}`;
    }
  }

  function importOnce(): void {
    if (!vault || !running) return;
    const status = vault.rawStatus();
    const wallet = readWalletAccount(dir, vault.addressPrefix);
    if (status.locked || !status.vaultId || !wallet || importedInto(dir).includes(status.vaultId)) return;
    if (!status.accounts.some((a) => a.address === wallet.address)) {
      const imported = vault.vault.importMnemonic(wallet.mnemonic, { label: DEVNET_ACCOUNT_LABEL });
      if (!imported.ok && imported.error.code !== 'EXISTS') {
        problem = `The devnet's funded account could not be added to the vault: ${imported.error.message}`;
        return;
      }
      // The account, not only its phrase, carries the label: it is what lists and pickers show.
      if (imported.ok) vault.vault.renameAccount(imported.value.account.id, DEVNET_ACCOUNT_LABEL);
      vault.changed('changed');
    }
    markImported(dir, status.vaultId);
  }

  async function launch(): Promise<{ genesis: GenesisDoc; rpcUrls: string[] }> {
    const settings: WorkerSettings = {
      dir,
      producers: PRODUCERS,
      blockTimeMs: options.blockTimeMs ?? 1000,
      logLevel: options.logLevel ?? 'info',
      nativeBinding: currentNativeBinding(),
    };
    const worker = startModuleWorker(WORKER_URL, { ...settings });
    const started = await new Promise<Extract<FromWorker, { type: 'started' }>>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'started') resolve(message);
        if (message.type === 'failed')
          reject(new ServiceError('UNAVAILABLE', message.message, { detail: { key: 'devnet.failed' } }));
      });
      worker.once('error', (error) =>
        reject(
          new ServiceError('UNAVAILABLE', `The devnet's worker failed: ${error.message}`, {
            detail: { key: 'devnet.failed' },
          }),
        ),
      );
      worker.once('exit', (code) =>
        reject(
          new ServiceError('UNAVAILABLE', `The devnet's worker ended before the nodes started (exit code ${code}).`, {
            detail: { key: 'devnet.exited', params: { code: String(code) } },
          }),
        ),
      );
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    const parsed = parseGenesis(started.genesisJson);
    if (!parsed.ok) {
      await worker.terminate(); // cannot happen short of a bug: the worker wrote this JSON from a valid document
      throw new ServiceError('INTERNAL', `The devnet's genesis did not parse: ${parsed.problems.join('; ')}`);
    }
    const current: Running = { worker, genesis: parsed.doc, rpcUrls: started.rpcUrls, alive: true };
    worker.on(
      'error',
      (error) =>
        (problem = `The devnet stopped after an error: ${error.message}. Its logs are in ${join(dir, 'nodeI', 'node.log')}.`),
    );
    worker.once('exit', () => {
      current.alive = false;
      if (!closed && running === current) starting = null; // so a later start() runs the devnet again
    });
    try {
      // The nodes listen once started; one answer from each confirms their RPC before anyone is handed the URLs.
      await Promise.all(
        started.rpcUrls.map((url) => httpRpcClient<{ 'chain.info': object }>(url).call('chain.info', {})),
      );
      if (closed)
        throw new ServiceError('UNAVAILABLE', 'The embedded devnet was shut down with the app while it started.');
    } catch (error) {
      await stopWorker(current);
      throw error;
    }
    running = current;
    importIntoVault();
    return { genesis: parsed.doc, rpcUrls: started.rpcUrls };
  }

  async function stopWorker(current: Running): Promise<void> {
    if (!current.alive) return;
    const stopped = new Promise<void>((resolve) => {
      current.worker.on(
        'message',
        (message: FromWorker) => (message.type === 'stopped' || message.type === 'failed') && resolve(),
      );
      current.worker.once('exit', () => resolve());
    });
    current.worker.postMessage({ type: 'stop' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    current.alive = false;
    await current.worker.terminate();
  }

  return {
    handlers: {
      'devnet.status': () => {
        const wallet = account();
        const alive = running?.alive ?? false;
        return {
          enabled: true,
          running: alive,
          dir,
          ...(running ? { chainId: running.genesis.chainId } : {}),
          nodes: (running?.rpcUrls ?? []).map((rpcUrl, index) => ({ index, rpcUrl, running: alive })),
          ...(wallet ? { account: { address: wallet.address, label: DEVNET_ACCOUNT_LABEL } } : {}),
          ...(problem ? { problem } : {}),
        };
      },
    },
    start() {
      if (closed)
        return Promise.reject(new ServiceError('UNAVAILABLE', 'The embedded devnet has been shut down with the app.'));
      starting ??= launch().then(
        (result) => {
          problem = undefined;
          return result;
        },
        (error: unknown) => {
          problem = `The embedded devnet could not start: ${(error as Error).message}`;
          starting = null; // so a later start() tries again
          throw error;
        },
      );
      return starting;
    },
    attachVault(service) {
      vault = service;
      // After the unlock's own reply and event: the import derives a key from the phrase, which takes a moment.
      service.onUnlocked(() => setImmediate(importIntoVault));
    },
    async close() {
      closed = true;
      if (running) await stopWorker(running);
      else await starting?.catch(() => undefined);
    },
  };
}
