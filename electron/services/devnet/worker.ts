/**
 * The embedded devnet's worker thread: opens (or creates) the devnet folder, runs its producer nodes here, and
 * answers the main thread's messages (see protocol.ts). Started by service.ts through startModuleWorker.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { genesisToJson } from '../../../shared/core/genesis/index.ts';
import { useNativeBinding } from '../../../shared/node/db.ts';
import { nodeLogger, startDevnet } from '../../../chain/devnet/index.ts';
import { createWalletAccount } from './account.ts';
import type { FromWorker, ToWorker, WorkerSettings } from './protocol.ts';

const settings = workerData as WorkerSettings;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

// Under Electron the main process's Electron-ABI build of better-sqlite3; a worker has module state of its own.
useNativeBinding(settings.nativeBinding);

try {
  const devnet = await startDevnet(
    {
      dir: settings.dir,
      producers: settings.producers,
      blockTimeMs: settings.blockTimeMs,
      ports: 'free',
      onCreate: createWalletAccount,
    },
    { logger: (_, dataDir) => nodeLogger(settings.logLevel, join(dataDir, 'node.log')) },
  );
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      void devnet
        .stop()
        .then(
          ({ height, clean }) => post({ type: 'stopped', height: height.toString(), clean }),
          (error: unknown) => post({ type: 'failed', message: (error as Error).message }),
        )
        .finally(() => port.close());
    }
  });
  post({ type: 'started', created: devnet.created, genesisJson: genesisToJson(devnet.doc), rpcUrls: devnet.rpcUrls });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
