import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import type { EventName } from '../../../shared/contract/channels.ts';
import { CHEAP_KDF, PASSWORD } from '../vault/helpers.ts';

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
