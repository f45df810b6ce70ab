import type { AreaHandlers } from '../registry.ts';
import type { VaultService } from './service.ts';

/** vault.* channels: thin, since the Vault already answers every call with a readable result. */
export function vaultHandlers(service: VaultService): AreaHandlers<'vault'> {
  const { vault } = service;
  const after = <T>(reason: 'unlocked' | 'locked' | 'changed', value: T): T => {
    service.changed(reason);
    return value;
  };
  return {
    'vault.status': () => service.status(),
    'vault.create': async ({ password, mode, autoLockMs }) => {
      const kdf = service.kdf;
      service.unwrap(
        await vault.create({
          password,
          ...(mode ? { mode } : {}),
          ...(kdf ? { kdf } : {}),
          ...(autoLockMs !== undefined ? { autoLockMs } : {}),
        }),
      );
      return after('unlocked', service.status());
    },
    'vault.unlock': async ({ password }) => {
      service.unwrap(await vault.unlock(password));
      return after('unlocked', service.status());
    },
    // vault.lock() reports through onLock, which pushes the change.
    'vault.lock': () => (service.unwrap(vault.lock()), service.status()),
    'vault.changePassword': async ({ oldPassword, newPassword }) => {
      service.unwrap(await vault.changePassword(oldPassword, newPassword));
      return after('changed', service.status());
    },
    'vault.setAutoLock': ({ ms }) => (service.unwrap(vault.setAutoLock(ms)), after('changed', service.status())),
    'vault.createMnemonic': ({ label }) =>
      after('changed', service.unwrap(vault.createMnemonic(label === undefined ? {} : { label }))),
    'vault.importMnemonic': ({ words, label }) =>
      after('changed', service.unwrap(vault.importMnemonic(words, label === undefined ? {} : { label }))),
    'vault.addAccount': ({ mnemonicId }) => after('changed', service.unwrap(vault.addAccount(mnemonicId))),
    'vault.addWatchOnly': ({ address, label, publicKey }) =>
      after(
        'changed',
        service.unwrap(
          vault.addWatchOnly(address, {
            ...(label === undefined ? {} : { label }),
            ...(publicKey === undefined ? {} : { publicKey }),
          }),
        ),
      ),
    'vault.renameAccount': ({ accountId, label }) =>
      after('changed', service.unwrap(vault.renameAccount(accountId, label))),
    'vault.removeAccount': ({ accountId }) => after('changed', service.unwrap(vault.removeAccount(accountId))),
    'vault.exportMnemonic': async ({ mnemonicId, password }) =>
      service.unwrap(await vault.exportMnemonic(mnemonicId, password)),
    'vault.consensusKeys': () => service.unwrap(vault.listConsensusKeys()),
    'vault.generateConsensusKey': ({ label }) =>
      service.unwrap(vault.generateConsensusKey(label === undefined ? {} : { label })),
    'vault.restorePlan': ({ words }) => service.unwrap(vault.restorePlan(words)),
    'vault.restoreFromPhrase': async ({ words, newPassword }) => {
      const kdf = service.kdf;
      const { backupFile, plan } = service.unwrap(
        await vault.restoreFromPhrase(words, newPassword, kdf ? { kdf } : {}),
      );
      return after('unlocked', { status: service.status(), backupFile, plan });
    },
  };
}
