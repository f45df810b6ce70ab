import '../../shared/node/sha256.ts'; // OpenSSL's SHA-256 for shared/core: same bytes, several times faster
import { join } from 'node:path';
import { EventHub, Registry } from './registry.ts';
import { createAppService, type AppIdentity } from './app.ts';
import { osKeychain, type Keychain } from './keychain.ts';
import { KEYCHAIN_SERVICE, type KdfParams } from './vault/index.ts';
import { createVaultService } from './vault/service.ts';
import { createDevnetService, NO_DEVNET_HANDLERS } from './devnet/service.ts';
import { createNetworkService, type NetworkChoice } from './network/service.ts';
import { createWalletService } from './wallet/service.ts';
import { createProducerService, type ProducerServiceOptions } from './producer/service.ts';
import { createOfflineService } from './offline/service.ts';
import { ensurePrivateDir } from './paths.ts';

export interface ServicesOptions extends AppIdentity {
  heartbeatMs?: number;
  /** The OS keychain by default; tests may pass their own boundary. */
  keychain?: Keychain;
  /** Overrides the network stored in the data folder's settings; 'none' starts no network at all. */
  network?: NetworkChoice;
  /** Desktop notifications for producer alerts (the Electron shell passes its own). */
  notify?: ProducerServiceOptions['notify'];
  /** Cheaper password hardening for tests; users get the vault's defaults. */
  vaultKdf?: KdfParams;
  /** The auto-lock of a vault created without a choice; tests turn it off, users get the vault's default. */
  vaultAutoLockMs?: number;
}

/** The main-process services, host-agnostic: the Electron shell and the web host both run exactly this. */
export interface Services {
  registry: Registry;
  hub: EventHub;
  close(): Promise<void>;
}

/**
 * Builds every service and starts the slow ones (devnet, light node) in the background, so the
 * window opens at once; channels that need them answer "still starting" until they are ready.
 */
export function createServices(options: ServicesOptions): Services {
  // Before anything writes to it: the data folder is the person's alone (0700), its SQLite files 0600.
  ensurePrivateDir(options.dataDir);
  const hub = new EventHub();
  const app = createAppService({ ...options, hub, heartbeatMs: options.heartbeatMs ?? 1000 });
  const mode = options.mode ?? 'online';
  const usesDevnet = mode === 'online' && (options.network ?? 'devnet') === 'devnet';
  const devnet = usesDevnet ? createDevnetService({ dir: join(options.dataDir, 'devnet') }) : null;
  const network = createNetworkService({
    dataDir: options.dataDir,
    hub,
    mode,
    devnet,
    ...(options.network ? { choice: options.network } : {}),
  });
  const vault = createVaultService({
    file: join(options.dataDir, 'vault.sqlite'),
    keychain: options.keychain ?? osKeychain(KEYCHAIN_SERVICE),
    addressPrefix: network.addressPrefix,
    hub,
    ...(options.vaultKdf ? { kdf: options.vaultKdf } : {}),
    ...(options.vaultAutoLockMs !== undefined ? { autoLockMs: options.vaultAutoLockMs } : {}),
  });
  devnet?.attachVault(vault);
  const wallet = createWalletService({ dataDir: options.dataDir, vault, network, hub });
  const producer = createProducerService({
    vault,
    network,
    hub,
    dataDir: options.dataDir,
    ...(options.notify ? { notify: options.notify } : {}),
  });
  const offline = createOfflineService({ mode, vault, network, wallet, hub });

  const registry = new Registry({
    ...app.handlers,
    ...vault.handlers,
    ...network.handlers,
    ...wallet.handlers,
    ...producer.handlers,
    ...offline.handlers,
    ...(devnet?.handlers ?? NO_DEVNET_HANDLERS),
  });
  network.start();
  return {
    registry,
    hub,
    async close() {
      app.close();
      await offline.close();
      await producer.close();
      await wallet.close();
      await network.close();
      await devnet?.close();
      vault.close();
    },
  };
}
