/**
 * The vault as the rest of the main process and the IPC edge see it: one Vault file in the data folder, its
 * vault.* channels, and `vault.changed` pushed on every change. The Vault already answers in the contract's
 * Result (its codes and message keys are the page's), so a channel only unwraps it.
 */
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import type { AreaHandlers, EventHub } from '../registry.ts';
import { unwrap } from '../errors.ts';
import type { Keychain } from '../keychain.ts';
import { Vault, type VaultStatus } from './vault.ts';
import type { KdfParams } from './envelope.ts';

const PROBE_ACCOUNT = 'consortia-keychain-probe';
const PROBE_TTL_MS = 5_000;

export interface VaultServiceOptions {
  file: string;
  keychain: Keychain;
  addressPrefix: string;
  hub: EventHub;
  /** Raised by tests only, so creating a vault does not take seconds; users get DEFAULT_KDF. */
  kdf?: KdfParams;
  /**
   * The auto-lock a vault created without a choice starts with. Tests turn it off (a browser test on a loaded machine
   * can outlast 5 idle minutes); users get DEFAULT_AUTO_LOCK_MS.
   */
  autoLockMs?: number;
}

type ChangeReason = 'unlocked' | 'locked' | 'idle' | 'changed';

export interface VaultService {
  readonly handlers: AreaHandlers<'vault'>;
  /** The vault itself, for services that sign or import in-process (its answers are contract Results). */
  readonly vault: Vault;
  readonly addressPrefix: string;
  /** The vault's own status (with its id), for in-process users; a failure is thrown as a ServiceError. */
  rawStatus(): VaultStatus;
  /** The contract's view: the vault's own status plus whether the OS keychain answers here. */
  status(): MethodOutput<'vault.status'>;
  keychainAvailable(): boolean;
  /** Pushes the new status to the page; an unlock also tells in-process listeners (the devnet's first-run import). */
  changed(reason: ChangeReason): void;
  onUnlocked(listener: () => void): () => void;
  close(): void;
}

/** Opens the vault file; a file that is not a vault (damaged, or from a newer app) throws a ServiceError (TAMPERED). */
export function createVaultService(options: VaultServiceOptions): VaultService {
  const { keychain, addressPrefix, hub, kdf } = options;
  const vault = unwrap(
    Vault.open({
      file: options.file,
      keychain,
      addressPrefix,
      onLock: (reason) => changed(reason === 'idle' ? 'idle' : 'locked'),
    }),
  );
  let probed: { at: number; available: boolean } | null = null;
  const unlockListeners = new Set<() => void>();

  const rawStatus = () => unwrap(vault.status());

  function keychainAvailable(): boolean {
    const now = Date.now();
    if (probed && now - probed.at < PROBE_TTL_MS) return probed.available;
    const available = keychain.get(PROBE_ACCOUNT).ok;
    probed = { at: now, available };
    return available;
  }

  function status(): MethodOutput<'vault.status'> {
    const { exists, locked, mode, kdf, autoLockMs, backoffUntil, mnemonics, accounts } = rawStatus();
    return {
      exists,
      locked,
      mode,
      kdf,
      autoLockMs,
      backoffUntil,
      mnemonics,
      accounts,
      keychainAvailable: keychainAvailable(),
    };
  }

  function changed(reason: ChangeReason): void {
    hub.emit('vault.changed', { status: status(), reason });
    if (reason === 'unlocked') for (const listener of unlockListeners) listener();
  }

  /** Tells the page (and listeners) what changed, then answers with `value`. */
  const after = <T>(reason: Exclude<ChangeReason, 'idle'>, value: T): T => {
    changed(reason);
    return value;
  };
  const labelled = (label: string | undefined) => (label === undefined ? {} : { label });
  const hardening = kdf ? { kdf } : {};

  const handlers: AreaHandlers<'vault'> = {
    'vault.status': () => status(),
    'vault.create': async ({ password, mode, autoLockMs = options.autoLockMs }) => {
      unwrap(
        await vault.create({
          password,
          ...(mode ? { mode } : {}),
          ...hardening,
          ...(autoLockMs !== undefined ? { autoLockMs } : {}),
        }),
      );
      return after('unlocked', status());
    },
    'vault.unlock': async ({ password }) => {
      unwrap(await vault.unlock(password));
      return after('unlocked', status());
    },
    // vault.lock() reports through onLock, which pushes the change.
    'vault.lock': () => (unwrap(vault.lock()), status()),
    'vault.changePassword': async ({ oldPassword, newPassword }) => {
      unwrap(await vault.changePassword(oldPassword, newPassword));
      return after('changed', status());
    },
    'vault.setAutoLock': ({ ms }) => (unwrap(vault.setAutoLock(ms)), after('changed', status())),
    'vault.createMnemonic': ({ label }) => after('changed', unwrap(vault.createMnemonic(labelled(label)))),
    'vault.importMnemonic': ({ words, label }) =>
      after('changed', unwrap(vault.importMnemonic(words, labelled(label)))),
    'vault.addAccount': ({ mnemonicId }) => after('changed', unwrap(vault.addAccount(mnemonicId))),
    'vault.addWatchOnly': ({ address, label, publicKey }) =>
      after(
        'changed',
        unwrap(vault.addWatchOnly(address, { ...labelled(label), ...(publicKey === undefined ? {} : { publicKey }) })),
      ),
    'vault.renameAccount': ({ accountId, label }) => after('changed', unwrap(vault.renameAccount(accountId, label))),
    'vault.removeAccount': ({ accountId }) => after('changed', unwrap(vault.removeAccount(accountId))),
    'vault.exportMnemonic': async ({ mnemonicId, password }) =>
      unwrap(await vault.exportMnemonic(mnemonicId, password)),
    'vault.consensusKeys': () => unwrap(vault.listConsensusKeys()),
    'vault.generateConsensusKey': ({ label }) => unwrap(vault.generateConsensusKey(labelled(label))),
    'vault.restorePlan': ({ words }) => unwrap(vault.restorePlan(words)),
    'vault.restoreFromPhrase': async ({ words, newPassword }) => {
      const { backupFile, plan } = unwrap(await vault.restoreFromPhrase(words, newPassword, hardening));
      return after('unlocked', { status: status(), backupFile, plan });
    },
  };

  return {
    handlers,
    vault,
    addressPrefix,
    rawStatus,
    status,
    keychainAvailable,
    changed,
    onUnlocked(listener) {
      unlockListeners.add(listener);
      return () => unlockListeners.delete(listener);
    },
    close: () => vault.close(),
  };
}
