import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { MethodInput, MethodName } from '../../shared/contract/ipc.ts';
import { addressFromPublicKey, publicKeyFromSecret } from '../../shared/core/crypto/index.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { heading, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';
import { channelValue } from '../helpers/registry.ts';

const OLD_PASSWORD = 'a password nobody remembers';
const NEW_PASSWORD = 'violet harbour lantern 42';

/** A locked vault holding a phrase (two accounts) and a watch-only address, made through the real vault channels. */
async function lockedVault(running: RunningHost, phrase: string): Promise<void> {
  const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
    channelValue(running.services.registry, method, input);
  await call('vault.create', { password: OLD_PASSWORD });
  const { mnemonicId } = await call('vault.importMnemonic', { words: phrase });
  await call('vault.addAccount', { mnemonicId });
  const status = await call('vault.status', {});
  const prefix = status.accounts[0]!.address.split('1')[0]!;
  await call('vault.addWatchOnly', {
    address: addressFromPublicKey(prefix, publicKeyFromSecret(new Uint8Array(32).fill(4))),
    label: 'Server node',
  });
  await call('vault.lock', {});
}

/** Issue 13 item 9 in Chromium through the web host: a forgotten password, and the vault restored from its phrase. */
describe('restore the vault from its recovery phrase', { timeout: 4 * UI_TIMEOUT_MS }, () => {
  let browser: Browser;
  const hosts: RunningHost[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.close();
  });

  for (const [locale, lang, words] of [
    [
      'en-US',
      'en',
      {
        unlock: 'Unlock the vault',
        forgot: 'Forgot the password? Restore from your recovery phrase',
        start: 'Restore from the recovery phrase',
        phrase: 'Recovery phrase',
        check: 'Check the phrase',
        notVault: 'not the phrase of this vault',
        password: 'New password',
        repeat: 'Repeat the new password',
        acknowledge: /I understand/,
        submit: 'Restore the vault',
        done: 'Vault restored',
        open: 'Open the wallet',
        overview: 'Overview',
      },
    ],
    [
      'zh-CN',
      'zh',
      {
        unlock: '解锁保险库',
        forgot: '忘记密码？用助记词恢复',
        start: '用助记词恢复',
        phrase: '助记词',
        check: '检查助记词',
        notVault: '不是本保险库的助记词',
        password: '新密码',
        repeat: '再次输入新密码',
        acknowledge: /我明白/,
        submit: '恢复保险库',
        done: '保险库已恢复',
        open: '打开钱包',
        overview: '概览',
      },
    ],
  ] as const) {
    it(`restores a locked vault from its phrase under a new password, keeping the old file (${lang})`, async () => {
      const running = await startTestHost({ vaultKdf: CHEAP_KDF });
      hosts.push(running);
      const phrase = generateMnemonic(wordlist, 256);
      await lockedVault(running, phrase);
      const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale });
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      const shoot = async (name: string) => {
        if (lang === 'zh') expect(await untranslatedWords(page)).toEqual([]);
        await page.setViewportSize({ width: 1024, height: 700 });
        await screenshot(page, `restore-${name}-${lang}-1024`);
        await page.setViewportSize({ width: 1440, height: 900 });
        await screenshot(page, `restore-${name}-${lang}-1440`);
        await page.setViewportSize({ width: 1024, height: 700 });
      };
      await page.goto(running.host.url);
      await heading(page, words.unlock);
      await page.getByText(words.forgot).click();
      await page.getByRole('button', { name: words.start }).click();

      // Another vault's phrase is refused in words, and nothing changes.
      await page.getByLabel(words.phrase, { exact: true }).fill(generateMnemonic(wordlist, 256));
      await page.getByRole('button', { name: words.check }).click();
      await page.getByRole('alert').filter({ hasText: words.notVault }).waitFor();
      await shoot('wrong-phrase');

      await page.getByLabel(words.phrase, { exact: true }).fill(phrase);
      await page.getByRole('button', { name: words.check }).click();
      await page.getByTestId('restore-plan').waitFor();
      expect(await page.getByTestId('restore-back').locator('li').count()).toBe(2);
      expect(await page.getByTestId('restore-not-back').textContent()).toContain('Server node');
      await page.getByLabel(words.password, { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel(words.repeat, { exact: true }).fill(NEW_PASSWORD);
      await shoot('plan');
      const submit = page.getByRole('button', { name: words.submit });
      expect(await submit.isDisabled()).toBe(true);
      await page.getByRole('checkbox', { name: words.acknowledge }).check();
      await submit.click();

      await heading(page, words.done);
      const backup = (await page.getByTestId('restore-backup').textContent())!.trim();
      expect(existsSync(backup)).toBe(true);
      expect(dirname(backup)).toBe(running.dataDir);
      await shoot('done');
      await page.getByRole('button', { name: words.open }).click();
      await heading(page, words.overview);

      const status = await running.services.registry.typedCall('vault.status', {});
      expect(status.ok && status.value.accounts.map((a) => a.kind)).toEqual(['derived', 'derived']);
      await page.close();
    });
  }
});
