import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_LOCK_MS, DEFAULT_KDF } from '../../../electron/services/vault/index.ts';
import {
  CHAIN_ID,
  CHEAP_KDF,
  errorOf,
  FakeClock,
  forgetKeychainEntries,
  newVault,
  openVault,
  PASSWORD,
  value,
} from './helpers.ts';

afterAll(forgetKeychainEntries);

const bytes = new Uint8Array([1, 2, 3]);

describe('vault lock, unlock and passwords', () => {
  it('locks (zeroing the master key), refuses to sign while locked, and unlocks with the password', async () => {
    const { vault, file, clock } = await newVault();
    const { account } = value(vault.createMnemonic());
    const status = value(vault.status());
    expect(status).toMatchObject({
      exists: true,
      locked: false,
      mode: 'keychain',
      kdf: CHEAP_KDF,
      autoLockMs: DEFAULT_AUTO_LOCK_MS,
      backoffUntil: null,
    });

    // Reaching into the private session to see the key material itself wiped, not just dropped.
    const session = (vault as any).session as { vmk: Buffer; recordKey: Buffer; macKey: Buffer };
    expect(session.vmk.some((b) => b !== 0)).toBe(true);
    expect(value(vault.lock()).locked).toBe(true);
    for (const key of [session.vmk, session.recordKey, session.macKey]) expect(key.every((b) => b === 0)).toBe(true);

    expect(errorOf(vault.signTransactionBytes(account.id, CHAIN_ID, bytes))).toMatchObject({
      code: 'LOCKED',
      message: expect.stringContaining('Unlock it'),
    });
    expect(errorOf(vault.createMnemonic()).code).toBe('LOCKED');
    // Public data stays readable while locked, so the app can show addresses.
    expect(value(vault.status()).accounts).toEqual([account]);

    vault.close();
    const reopened = openVault(file, clock);
    expect(value(reopened.status()).locked).toBe(true);
    expect(value(await reopened.unlock(PASSWORD)).locked).toBe(false);
    expect(value(reopened.signTransactionBytes(account.id, CHAIN_ID, bytes))).toHaveLength(64);
    reopened.close();
  });

  it('auto-locks after the idle time; any operation counts as activity; 0 turns it off', async () => {
    const clock = new FakeClock();
    const locks: string[] = [];
    const { vault } = await newVault({ clock, autoLockMs: 60_000, onLock: (reason) => locks.push(reason) });
    const { account } = value(vault.createMnemonic());

    clock.advance(59_999);
    value(vault.signTransactionBytes(account.id, CHAIN_ID, bytes)); // activity: the minute starts again
    clock.advance(59_999);
    expect(value(vault.status()).locked).toBe(false);
    clock.advance(1);
    expect(value(vault.status()).locked).toBe(true);
    expect(locks).toEqual(['idle']);

    // A sleeping laptop runs no timers; the next call notices the idle time anyway.
    value(await vault.unlock(PASSWORD));
    clock.jump(60_000);
    expect(errorOf(vault.signTransactionBytes(account.id, CHAIN_ID, bytes)).code).toBe('LOCKED');

    value(await vault.unlock(PASSWORD));
    expect(value(vault.setAutoLock(0)).autoLockMs).toBe(0);
    clock.advance(24 * 60 * 60 * 1000);
    expect(value(vault.signTransactionBytes(account.id, CHAIN_ID, bytes))).toHaveLength(64);
    expect(errorOf(vault.setAutoLock(-5))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('0 (never)'),
    });
    vault.close();
  });

  it('changes the password: the old one is then refused, the new one accepted, the keys unchanged', async () => {
    const { vault, clock } = await newVault();
    const { account } = value(vault.createMnemonic());
    const newPassword = 'a much longer new password';
    expect(errorOf(await vault.changePassword(PASSWORD, 'short'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('at least 8'),
    });
    expect(errorOf(await vault.changePassword('not the password', newPassword)).code).toBe('WRONG_PASSWORD');
    clock.advance(1000);
    value(await vault.changePassword(PASSWORD, newPassword));
    vault.lock();

    expect(errorOf(await vault.unlock(PASSWORD)).code).toBe('WRONG_PASSWORD');
    clock.advance(2000);
    value(await vault.unlock(newPassword));
    expect(value(vault.status()).accounts).toEqual([account]);
    vault.close();
  });

  it('exports only after the password is entered again, even when unlocked', async () => {
    const { vault, clock } = await newVault();
    const created = value(vault.createMnemonic());
    const key = value(vault.generateConsensusKey());
    expect(errorOf(await vault.exportMnemonic(created.mnemonicId, 'wrong password'))).toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    clock.advance(1000);
    expect(errorOf(await vault.exportConsensusKey(key.id, 'wrong password')).code).toBe('WRONG_PASSWORD');
    clock.advance(2000);
    expect(value(await vault.exportMnemonic(created.mnemonicId, PASSWORD)).words).toBe(created.words);
    expect(value(await vault.exportConsensusKey(key.id, PASSWORD)).publicKey).toBe(key.publicKey);
    expect(errorOf(await vault.exportMnemonic('missing', PASSWORD)).code).toBe('NOT_FOUND');
    vault.lock();
    expect(errorOf(await vault.exportMnemonic(created.mnemonicId, PASSWORD)).code).toBe('LOCKED');
    vault.close();
  });

  it('records the scrypt parameters (N = 2^17 by default) and only raises them', async () => {
    // One vault at the real cost, to know its 128 MiB of scrypt memory is allowed; the rest use cheap settings.
    const real = await newVault({ kdf: undefined });
    expect(value(real.vault.status()).kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(DEFAULT_KDF).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    real.vault.lock();
    value(await real.vault.unlock(PASSWORD));
    real.vault.close();

    const { vault } = await newVault();
    const raised = { N: 2 ** 11, r: 8, p: 1 };
    expect(value(await vault.upgradeKdf(PASSWORD, raised)).kdf).toEqual(raised);
    expect(errorOf(await vault.upgradeKdf(PASSWORD, CHEAP_KDF))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('only be raised'),
    });
    expect(errorOf(await vault.upgradeKdf(PASSWORD, { N: 3000, r: 8, p: 1 })).message).toContain('power of two');
    vault.lock();
    expect(value(await vault.unlock(PASSWORD)).kdf).toEqual(raised);
    vault.close();
  });

  it('answers plainly before a vault exists, and refuses a second one in the same file', async () => {
    const { vault, file, clock } = await newVault();
    expect(errorOf(await vault.create({ password: PASSWORD, kdf: CHEAP_KDF })).code).toBe('EXISTS');
    vault.close();
    const empty = openVault(`${file}.other`, clock);
    expect(value(empty.status())).toMatchObject({ exists: false, locked: true, mode: null, accounts: [] });
    expect(errorOf(await empty.unlock(PASSWORD))).toMatchObject({
      code: 'NO_VAULT',
      message: expect.stringContaining('Create one'),
    });
    expect(errorOf(await empty.create({ password: 'short', kdf: CHEAP_KDF })).code).toBe('VALIDATION');
    empty.close();
  });
});
