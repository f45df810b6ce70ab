import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { addressFromPublicKey, generateMnemonic, publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import {
  CHAIN_ID,
  errorOf,
  forgetKeychainEntries,
  forgetLater,
  newVault,
  openVault,
  PASSWORD,
  PREFIX,
  realKeychain,
  unavailableKeychain,
  value,
} from './helpers.ts';

afterAll(forgetKeychainEntries);

const NEW_PASSWORD = 'a brand new passphrase for the vault';
const KEY = '11'.repeat(32);
const bytes = new Uint8Array([7, 7, 7]);

/** A locked vault with a phrase (accounts 1 and 3, account 2 removed, one renamed), an imported key, a watch-only address and a consensus key. */
async function fullVault() {
  const opened = await newVault();
  const { vault } = opened;
  const { mnemonicId, words, account: first } = value(vault.createMnemonic({ label: 'Main phrase' }));
  const second = value(vault.addAccount(mnemonicId));
  const third = value(vault.addAccount(mnemonicId));
  value(vault.removeAccount(second.id));
  value(vault.renameAccount(third.id, 'Savings'));
  const imported = value(vault.importAccountKey(KEY, { label: 'Old key' }));
  const watched = value(
    vault.addWatchOnly(addressFromPublicKey(PREFIX, publicKeyFromSecret(new Uint8Array(32).fill(3))), {
      label: 'Server node',
    }),
  );
  const consensus = value(vault.generateConsensusKey({ label: 'Node key' }));
  value(vault.lock());
  return { ...opened, words, first, third, imported, watched, consensus };
}

describe('restoring a vault from its recovery phrase after a forgotten password (issue 13 item 9)', () => {
  it('says what the phrase brings back and what it cannot, without the password and without changing anything', async () => {
    const { vault, file, words, first, third, imported, watched, consensus } = await fullVault();
    const before = readFileSync(file);
    const plan = value(vault.restorePlan(words));
    expect(plan.phraseLabel).toBe('Main phrase');
    expect(plan.restored.map((a) => [a.label, a.index, a.address])).toEqual([
      ['Account 1', 0, first.address],
      ['Savings', 2, third.address],
    ]);
    expect(plan.notRestored.map((a) => [a.kind, a.label, a.address])).toEqual([
      ['imported', 'Old key', imported.address],
      ['watch', 'Server node', watched.address],
    ]);
    expect(plan.consensusKeysLost).toEqual([consensus]);
    expect(value(vault.status()).locked).toBe(true);
    expect(readFileSync(file).equals(before)).toBe(true);

    expect(errorOf(vault.restorePlan('not a phrase at all'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('was not accepted'),
    });
    expect(errorOf(vault.restorePlan(generateMnemonic()))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('not the phrase of this vault'),
    });
    vault.close();
  });

  it('rebuilds the vault under a new password with the same accounts, keeping the old file as a backup', async () => {
    const { vault, file, words, first, third, imported, vaultId, clock } = await fullVault();
    const oldBytes = readFileSync(file);

    // A weak password or a wrong phrase changes nothing.
    expect(errorOf(await vault.restoreFromPhrase(words, 'short')).code).toBe('VALIDATION');
    expect(errorOf(await vault.restoreFromPhrase(generateMnemonic(), NEW_PASSWORD)).code).toBe('VALIDATION');
    expect(readFileSync(file).equals(oldBytes)).toBe(true);
    expect(readdirSync(dirname(file)).filter((name) => name.includes('.bak'))).toEqual([]);

    const restored = value(await vault.restoreFromPhrase(words, NEW_PASSWORD));
    forgetLater(restored.status.vaultId!);
    expect(restored.status).toMatchObject({ exists: true, locked: false, mode: 'keychain' });
    expect(restored.status.vaultId).not.toBe(vaultId);
    expect(restored.status.mnemonics.map((m) => m.label)).toEqual(['Main phrase']);
    expect(restored.status.accounts.map((a) => [a.kind, a.label, a.index, a.address])).toEqual([
      ['derived', 'Account 1', 0, first.address],
      ['derived', 'Savings', 2, third.address],
    ]);
    // The re-derived keys sign; the new vault has its own keychain entry.
    const savings = restored.status.accounts[1]!;
    expect(value(vault.signTransactionBytes(savings.id, CHAIN_ID, bytes))).toHaveLength(64);
    expect(realKeychain.get(`vault-${restored.status.vaultId}`).ok).toBe(true);

    // The old file is kept beside it, byte for byte, and still opens with the old password.
    expect(existsSync(restored.backupFile)).toBe(true);
    expect(dirname(restored.backupFile)).toBe(dirname(file));
    expect(basename(restored.backupFile)).toMatch(/^vault\.sqlite\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bak$/);
    const backup = openVault(restored.backupFile, clock);
    const old = value(await backup.unlock(PASSWORD));
    expect(old.vaultId).toBe(vaultId);
    expect(old.accounts.map((a) => a.address)).toContain(imported.address);
    backup.close();

    // After a restart the new password opens the vault and the forgotten one does not.
    vault.close();
    const again = openVault(file, clock);
    expect(errorOf(await again.unlock(PASSWORD)).code).toBe('WRONG_PASSWORD');
    clock.jump(60 * 60 * 1000);
    expect(value(await again.unlock(NEW_PASSWORD)).accounts).toHaveLength(2);
    again.close();
  });

  it('finishes a restore cut off between moving the old file aside and putting the new one in place', async () => {
    const old = await fullVault();
    old.vault.close();
    renameSync(old.file, `${old.file}.2026-12-06T00-00-00Z.bak`);
    const rebuilt = await newVault();
    rebuilt.vault.close();
    renameSync(rebuilt.file, `${old.file}.restoring`);
    const reopened = openVault(old.file, old.clock);
    expect(value(reopened.status())).toMatchObject({ exists: true, vaultId: rebuilt.vaultId });
    expect(existsSync(`${old.file}.restoring`)).toBe(false);
    expect(value(await reopened.unlock(PASSWORD)).locked).toBe(false);
    reopened.close();
  });

  it('with the keychain down, says to start it (the restored vault keeps the keychain), not to choose password-only', async () => {
    const { vault, file, words, clock } = await fullVault();
    vault.close();
    const before = readFileSync(file);
    const cut = openVault(file, clock, unavailableKeychain());
    const error = errorOf(await cut.restoreFromPhrase(words, NEW_PASSWORD));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', key: 'vault.keychainUnavailable' });
    expect(error.message).toContain('start or unlock the keychain and restore again');
    expect(error.message).not.toContain('password-only');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(
      readdirSync(dirname(file)).filter(
        (name) => name !== basename(file) && !name.endsWith('-wal') && !name.endsWith('-shm'),
      ),
    ).toEqual([]);
    cut.close();
  });
});
