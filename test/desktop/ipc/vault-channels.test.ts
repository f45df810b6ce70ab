import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type ServicesOptions } from '../../../electron/services/index.ts';
import { EventHub } from '../../../electron/services/registry.ts';
import { ServiceError } from '../../../electron/services/errors.ts';
import { createVaultService } from '../../../electron/services/vault/service.ts';
import type { EventName } from '../../../shared/contract/channels.ts';
import {
  CHEAP_KDF,
  editFile,
  forgetKeychainEntries,
  forgetLater,
  PASSWORD,
  PREFIX,
  realKeychain,
  unavailableKeychain,
} from '../vault/helpers.ts';

afterAll(forgetKeychainEntries);

/** The vault through the contract edge: every answer is a Result, every error a code and a sentence. */
describe('vault.* channels', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'consortia-ipc-vault-'));
  const services = createServices({ dataDir, host: 'web', heartbeatMs: 60_000, network: 'none', vaultKdf: CHEAP_KDF });
  const pushed: { event: EventName; payload: unknown }[] = [];
  services.hub.listen((event, payload) => pushed.push({ event, payload }));
  const call = (method: string, input: unknown) => services.registry.call(method, input);
  const value = async (method: string, input: unknown) => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  afterAll(() => services.close());

  it('reports no vault before one is created, and refuses work that needs one', async () => {
    const status = await value('vault.status', {});
    expect(status).toMatchObject({ exists: false, locked: true, keychainAvailable: true });
    expect(await call('vault.unlock', { password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'NO_VAULT' },
    });
  });

  it('creates, shows a new phrase once, locks, refuses a wrong password with back-off, unlocks', async () => {
    expect(await call('vault.create', { password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const created = await value('vault.create', { password: PASSWORD });
    expect(created).toMatchObject({ exists: true, locked: false, mode: 'keychain' });
    const phrase = await value('vault.createMnemonic', { label: 'Main' });
    expect(String(phrase.words).split(' ')).toHaveLength(24);
    expect(phrase.account).toMatchObject({ kind: 'derived', index: 0 });
    expect((await value('vault.status', {})).mnemonics).toEqual([expect.objectContaining({ label: 'Main' })]);
    expect(JSON.stringify(await value('vault.status', {}))).not.toContain(String(phrase.words).split(' ')[0] + ' ');

    expect(await value('vault.lock', {})).toMatchObject({ locked: true });
    expect(await call('vault.createMnemonic', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await call('vault.unlock', { password: 'not the password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    const blocked = await call('vault.unlock', { password: PASSWORD });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'BACKOFF' } });
    if (!blocked.ok) expect(blocked.error.retryAt).toBeGreaterThan(Date.now());
    await new Promise((resolve) => setTimeout(resolve, (blocked.ok ? 0 : blocked.error.retryAt! - Date.now()) + 50));
    expect(await value('vault.unlock', { password: PASSWORD })).toMatchObject({ locked: false });

    const reasons = pushed
      .filter((p) => p.event === 'vault.changed')
      .map((p) => (p.payload as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(['unlocked', 'changed', 'locked']));
  });

  it('exports the phrase only with the password entered again', async () => {
    const { mnemonics } = (await value('vault.status', {})) as { mnemonics: { id: string }[] };
    const mnemonicId = mnemonics[0]!.id;
    expect(await call('vault.exportMnemonic', { mnemonicId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await call('vault.exportMnemonic', { mnemonicId, password: 'wrong password here' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the back-off after that wrong password
    const exported = await value('vault.exportMnemonic', { mnemonicId, password: PASSWORD });
    expect(String(exported.words).split(' ')).toHaveLength(24);
  });

  it('changes the password, keeps accounts, and watch-only addresses need no secret', async () => {
    await value('vault.changePassword', { oldPassword: PASSWORD, newPassword: 'a brand new pass phrase' });
    await value('vault.lock', {});
    expect(await value('vault.unlock', { password: 'a brand new pass phrase' })).toMatchObject({ locked: false });
    const { accounts } = (await value('vault.status', {})) as { accounts: { address: string }[] };
    const bad = accounts[0]!.address.slice(0, -1) + (accounts[0]!.address.endsWith('q') ? 'p' : 'q');
    const renamed = await value('vault.renameAccount', {
      accountId: (accounts[0] as unknown as { id: string }).id,
      label: 'Treasury',
    });
    expect(renamed).toMatchObject({ label: 'Treasury' });
    expect(await call('vault.renameAccount', { accountId: 'nope', label: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await value('vault.lock', {});
    expect(
      ((await value('vault.unlock', { password: 'a brand new pass phrase' })) as { accounts: { label: string }[] })
        .accounts[0]!.label,
    ).toBe('Treasury');
    const refused = await call('vault.addWatchOnly', { address: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!refused.ok) expect(refused.error.message.length).toBeGreaterThan(20);
  });
});

/**
 * Issue 12: a vault failure reaches the page as the contract's code, and where one code covers several causes, with
 * the key that tells them apart (the page words it, and offers the restore or the password-only mode from it).
 */
describe('vault failures through the registry', () => {
  const open = (dataDir: string, keychain?: ServicesOptions['keychain']) =>
    createServices({
      dataDir,
      host: 'web',
      heartbeatMs: 60_000,
      network: 'none',
      vaultKdf: CHEAP_KDF,
      ...(keychain ? { keychain } : {}),
    });
  const vaultIdIn = (dataDir: string) => {
    let id = '';
    editFile(join(dataDir, 'vault.sqlite'), (db) => {
      id = (db.prepare('SELECT vault_id FROM meta').get() as { vault_id: string }).vault_id;
    });
    return id;
  };

  it('a weak new password is VALIDATION with its key and limit; a wrong one WRONG_PASSWORD, then BACKOFF with its time', async () => {
    const services = open(mkdtempSync(join(tmpdir(), 'consortia-ipc-vault-')));
    try {
      expect(await services.registry.call('vault.create', { password: 'short' })).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'Choose a password of at least 8 characters.',
          key: 'password.short',
          params: { min: 8 },
        },
      });
      await services.registry.call('vault.create', { password: PASSWORD, mode: 'password-only' });
      await services.registry.call('vault.lock', {});
      expect(await services.registry.call('vault.unlock', { password: 'not the password' })).toEqual({
        ok: false,
        error: { code: 'WRONG_PASSWORD', message: 'Wrong password. You can try again in 1 second.' },
      });
      const before = Date.now();
      const blocked = await services.registry.call('vault.unlock', { password: PASSWORD });
      expect(blocked).toMatchObject({ ok: false, error: { code: 'BACKOFF', retryAt: expect.any(Number) } });
      if (!blocked.ok) expect(blocked.error.retryAt! - before).toBeLessThanOrEqual(1000);
    } finally {
      await services.close();
    }
  });

  it('a keychain that no longer holds the secret and one that does not answer are both UNAVAILABLE, told apart by key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'consortia-ipc-vault-'));
    const first = open(dataDir, realKeychain);
    await first.registry.call('vault.create', { password: PASSWORD });
    await first.close();
    const vaultId = vaultIdIn(dataDir);
    forgetLater(vaultId);

    const unreachable = open(dataDir, unavailableKeychain());
    try {
      expect(await unreachable.registry.call('vault.status', {})).toMatchObject({
        ok: true,
        value: { exists: true, locked: true, keychainAvailable: false },
      });
      expect(await unreachable.registry.call('vault.unlock', { password: PASSWORD })).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', key: 'vault.keychainUnavailable' },
      });
    } finally {
      await unreachable.close();
    }

    expect(realKeychain.delete(`vault-${vaultId}`)).toEqual({ ok: true, value: true });
    const missing = open(dataDir, realKeychain);
    try {
      expect(await missing.registry.call('vault.unlock', { password: PASSWORD })).toMatchObject({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          key: 'vault.keychainSecretMissing',
          params: { service: 'Consortia', account: `vault-${vaultId}` },
          message: expect.stringContaining('even with the right password'),
        },
      });
    } finally {
      await missing.close();
    }
  });

  it('a file that is not a vault is refused at start as TAMPERED with the key vault.damaged and the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'consortia-ipc-vault-')), 'vault.sqlite');
    writeFileSync(file, Buffer.alloc(4096, 7));
    let thrown: unknown;
    try {
      createVaultService({ file, keychain: realKeychain, addressPrefix: PREFIX, hub: new EventHub() }).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServiceError);
    expect((thrown as ServiceError).toResult()).toMatchObject({
      ok: false,
      error: { code: 'TAMPERED', key: 'vault.damaged', params: { file } },
    });
  });
});
