import { afterAll, describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS } from '../../../electron/services/vault/index.ts';
import {
  CHAIN_ID,
  errorOf,
  FakeClock,
  forgetKeychainEntries,
  newVault,
  openVault,
  PASSWORD,
  realKeychain,
  tempVaultFile,
  unavailableKeychain,
  value,
} from './helpers.ts';

afterAll(forgetKeychainEntries);

describe('wrong-password back-off', () => {
  it('refuses attempts inside a doubling window, says how long to wait, and keeps it across reopening', async () => {
    const clock = new FakeClock();
    const { vault, file } = await newVault({ clock });
    vault.lock();
    expect(errorOf(await vault.unlock('guess one'))).toEqual({
      code: 'WRONG_PASSWORD',
      message: 'Wrong password. You can try again in 1 second.',
    });
    expect(value(vault.status()).backoffUntil).toBe(clock.now() + 1000);
    // Inside the window even the right password is refused.
    expect(errorOf(await vault.unlock(PASSWORD))).toEqual({
      code: 'BACKOFF',
      message: 'Too many wrong passwords. Try again in 1 second.',
      retryAt: clock.now() + 1000,
    });

    clock.advance(1000);
    expect(errorOf(await vault.unlock('guess two')).message).toContain('2 seconds');
    clock.advance(1000);
    expect(errorOf(await vault.unlock(PASSWORD)).message).toContain('Try again in 1 second');
    clock.advance(1000);
    expect(errorOf(await vault.unlock('guess three')).message).toContain('4 seconds');

    // A restart does not reset it.
    vault.close();
    const reopened = openVault(file, clock);
    expect(errorOf(await reopened.unlock(PASSWORD))).toEqual({
      code: 'BACKOFF',
      message: 'Too many wrong passwords. Try again in 4 seconds.',
      retryAt: clock.now() + 4000,
    });
    clock.advance(4000);
    value(await reopened.unlock(PASSWORD));
    // Success starts the count again.
    reopened.lock();
    expect(errorOf(await reopened.unlock('guess four')).message).toContain('1 second');
    reopened.close();
  });

  it('tells the page the very instant the window ends, though the clock moves on between readings', async () => {
    // Each reading of this clock is a millisecond later: a refusal that read it twice was off by one.
    const clock = new (class extends FakeClock {
      override now(): number {
        return this.time++;
      }
    })();
    const { vault } = await newVault({ clock });
    vault.lock();
    errorOf(await vault.unlock('wrong'));
    const until = value(vault.status()).backoffUntil;
    expect(errorOf(await vault.unlock(PASSWORD))).toMatchObject({ code: 'BACKOFF', retryAt: until });
    vault.close();
  });

  it('caps the window at 5 minutes', async () => {
    const clock = new FakeClock();
    const { vault } = await newVault({ clock });
    vault.lock();
    let message = '';
    for (let attempt = 0; attempt < 11; attempt++) {
      message = errorOf(await vault.unlock('wrong')).message;
      clock.advance(BACKOFF_CAP_MS);
    }
    expect(message).toBe('Wrong password. You can try again in 5 minutes.');
    // A clock set back by a day still waits at most the cap.
    errorOf(await vault.unlock('wrong'));
    clock.time -= 24 * 60 * 60 * 1000;
    expect(errorOf(await vault.unlock(PASSWORD)).message).toBe('Too many wrong passwords. Try again in 5 minutes.');
    clock.advance(BACKOFF_CAP_MS);
    value(await vault.unlock(PASSWORD));
    vault.close();
  });
});

describe('the OS keychain half of the key', () => {
  it('stores a 32-byte secret per vault in the real keychain, and cannot open without it, even with the right password', async () => {
    const { vault, file, clock, vaultId } = await newVault();
    const { account } = value(vault.createMnemonic());
    const stored = realKeychain.get(`vault-${vaultId}`);
    expect(stored.ok && stored.value?.length).toBe(32);
    vault.close();

    expect(realKeychain.delete(`vault-${vaultId}`)).toEqual({ ok: true, value: true });
    const reopened = openVault(file, clock);
    const error = errorOf(await reopened.unlock(PASSWORD));
    // UNAVAILABLE, told apart from a keychain that does not answer by its key (the page offers the restore).
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      key: 'vault.keychainSecretMissing',
      params: { service: 'Consortia', account: `vault-${vaultId}` },
    });
    expect(error.message).toContain(`service "Consortia", account "vault-${vaultId}"`);
    expect(error.message).toContain('cannot be opened, even with the right password');
    // Not the person's fault, so no back-off, and the public data is still there to see.
    expect(value(reopened.status())).toMatchObject({ locked: true, backoffUntil: null, accounts: [account] });
    reopened.close();
  });

  it('a keychain-mode vault reports an unreachable keychain plainly instead of opening on the password alone', async () => {
    const { vault, file, clock } = await newVault();
    vault.close();
    const offline = openVault(file, clock, unavailableKeychain());
    const error = errorOf(await offline.unlock(PASSWORD));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', key: 'vault.keychainUnavailable' });
    expect(error.message).toMatch(
      /^No OS keychain is reachable \(test: no Secret Service\)\. This vault keeps part of its key in the OS keychain/,
    );
    offline.close();
  });

  it('without a keychain, create fails with the keychain message and the password-only hint, writing nothing', async () => {
    const keychain = unavailableKeychain();
    const clock = new FakeClock();
    const vault = openVault(tempVaultFile(), clock, keychain);
    for (const mode of [undefined, 'keychain' as const]) {
      const error = errorOf(await vault.create({ password: PASSWORD, ...(mode ? { mode } : {}) }));
      expect(error).toMatchObject({ code: 'UNAVAILABLE', key: 'vault.keychainUnavailableCreate' });
      expect(error.message).toMatch(/^No OS keychain is reachable \(test: no Secret Service\)\. .*password-only mode/);
    }
    expect(value(vault.status()).exists).toBe(false);
    vault.close();
  });

  it('password-only mode, chosen explicitly, works without any keychain and says so', async () => {
    const keychain = unavailableKeychain();
    const clock = new FakeClock();
    const { vault, file } = await newVault({ keychain, clock, mode: 'password-only' });
    expect(value(vault.status()).mode).toBe('password-only');
    const { account } = value(vault.createMnemonic());
    vault.close();

    const reopened = openVault(file, clock, keychain);
    expect(value(reopened.status())).toMatchObject({ mode: 'password-only', locked: true });
    value(await reopened.unlock(PASSWORD));
    expect(value(reopened.signTransactionBytes(account.id, CHAIN_ID, new Uint8Array(2)))).toHaveLength(64);
    value(await reopened.changePassword(PASSWORD, 'another long password'));
    expect(keychain.calls).toBe(0);
    reopened.close();
  });
});
