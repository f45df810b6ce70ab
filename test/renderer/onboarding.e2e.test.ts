import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF, unavailableKeychain } from '../desktop/vault/helpers.ts';
import { answerPhraseCheck, heading, openApp, phraseWords, screenshot, untranslatedWords } from './e2e-helpers.ts';

const PASSWORD = 'violet harbour lantern 42';
/** Navigation label → the screen's heading. */
const otherScreens: [string, string][] = [
  ['Send', 'Send'],
  ['Stake', 'Stake'],
  ['Vote', 'Vote'],
  ['Rounds', 'Rounds'],
  ['Producer', 'Producer console'],
  ['Membership', 'Membership'],
  ['Offline signing', 'Offline signing'],
  ['History', 'History'],
];

describe('renderer onboarding, lock and settings in Chromium through the web host', { timeout: 180_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('with the system keychain', () => {
    let running: RunningHost;
    let page: Page;
    beforeAll(async () => {
      running = await startTestHost({ vaultKdf: CHEAP_KDF });
      page = await openApp(browser, running);
    });
    afterAll(async () => {
      await page?.close();
      await running?.close();
    });

    it('creates a vault, shows a new phrase, checks it, and opens the overview', async () => {
      await heading(page, 'Welcome to Consortia');
      await screenshot(page, 'onboarding-welcome');
      await page.getByRole('button', { name: 'Create a new wallet' }).click();

      await heading(page, 'Set the vault password');
      // The keychain answers here, so the password-only choice is not offered.
      expect(await page.getByText('No system keychain was found').count()).toBe(0);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByTestId('strength-word').filter({ hasNotText: 'Checking' }).waitFor();
      await screenshot(page, 'onboarding-password');
      await page.getByRole('button', { name: 'Create the vault' }).click();

      await heading(page, 'Your recovery phrase');
      const words = await phraseWords(page);
      expect(words).toHaveLength(24);
      await screenshot(page, 'onboarding-phrase');
      await page.getByRole('button', { name: 'I have written the words down' }).click();

      await heading(page, 'Check your recovery phrase');
      await answerPhraseCheck(page, words, false);
      await page.getByRole('button', { name: 'Check and finish' }).click();
      await page.getByRole('alert').filter({ hasText: 'These words do not match' }).waitFor();
      await screenshot(page, 'onboarding-check-wrong');
      await answerPhraseCheck(page, words, true);
      await page.getByRole('button', { name: 'Check and finish' }).click();

      await heading(page, 'Overview');
      const status = await running.services.registry.call('vault.status', {});
      const address = status.ok ? (status.value as { accounts: { address: string }[] }).accounts[0]!.address : '';
      await page.locator(`label[title="${address}"]`).waitFor();
      // Balances settle into either verified values or a calm "not available yet": never a stack, never a spinner forever.
      await page.locator('[aria-labelledby="balances-title"] .notice, [data-testid="verified-mark"]').first().waitFor();
      await page.locator('[aria-labelledby="network-title"] .notice, [data-testid="final-height"]').first().waitFor();
      await screenshot(page, 'overview');
    });

    it('reaches every screen from the navigation; without a network each says so calmly', async () => {
      for (const [name, title] of otherScreens) {
        await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
        await heading(page, title);
        expect(await page.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
        await screenshot(page, `no-network-${name.toLowerCase().replace(/\s+/g, '-')}`);
      }
    });

    it('works by keyboard alone: navigation, focus on the new screen, and the skip link', async () => {
      // A navigation link's name is its label (its icon is aria-hidden); other elements by their text.
      const focused = () =>
        page.evaluate(
          () => document.activeElement?.querySelector('.nav-label')?.textContent ?? document.activeElement?.textContent,
        );
      // Start the Tab order just above the navigation (a click on the plain brand text focuses nothing).
      await page.locator('.sidebar .brand').click();
      for (const expected of ['Overview', 'Send', 'Receive', 'Stake']) {
        await page.keyboard.press('Tab');
        expect(await focused()).toBe(expected);
      }
      await screenshot(page, 'keyboard-focus');
      await page.keyboard.press('Enter');
      await heading(page, 'Stake');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      await page.locator('.sidebar .brand').click();
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await focused()).toBe('Stake');
    });

    it('switches the language to Simplified Chinese and back, and the theme to dark', async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      await heading(page, 'Settings');
      await page
        .locator('[aria-labelledby="endpoints-title"] .notice, [aria-labelledby="endpoints-title"] form')
        .first()
        .waitFor();
      await screenshot(page, 'settings');

      // The check below sees the page's text: in English it finds plenty.
      expect((await untranslatedWords(page)).length).toBeGreaterThan(10);
      await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
      await heading(page, '设置');
      expect(await page.getByRole('navigation').textContent()).toContain('概览');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await screenshot(page, 'settings-zh');
      // Every screen, checked for words left in English (not eyeballed).
      // Navigation label → the screen's heading.
      const zhScreens = [
        ['概览', '概览'],
        ['转账', '转账'],
        ['质押', '质押'],
        ['投票', '投票'],
        ['轮次', '轮次'],
        ['出块节点', '出块节点控制台'],
        ['成员', '成员'],
        ['离线签名', '离线签名'],
        ['历史', '历史'],
        ['设置', '设置'],
      ];
      for (const [name, title] of zhScreens as [string, string][]) {
        await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
        await heading(page, title);
        await page.waitForFunction(() => document.querySelector('.loading') === null); // a screen may show several at once
        expect(await untranslatedWords(page), name).toEqual([]);
      }
      await page.getByRole('link', { name: '概览' }).click();
      await heading(page, '概览');
      await screenshot(page, 'overview-zh');
      await page.getByRole('link', { name: '设置' }).click();
      await page.getByLabel('语言', { exact: true }).selectOption('en');
      await heading(page, 'Settings');

      await page.getByLabel('Dark').check();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await screenshot(page, 'settings-dark');
      await page.getByRole('link', { name: 'Overview' }).click();
      await heading(page, 'Overview');
      await screenshot(page, 'overview-dark');
      // The choice survives a reload.
      await page.reload();
      await heading(page, 'Overview');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Follow the system').check();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      await page.getByRole('link', { name: 'Overview' }).click();
      await heading(page, 'Overview');
    });

    it('locks from the shell, refuses a wrong password with its message, and unlocks', async () => {
      await page.getByRole('button', { name: 'Lock' }).click();
      await heading(page, 'Unlock the vault');
      await page.getByLabel('Password', { exact: true }).fill('not the password at all');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('alert').filter({ hasText: 'That password is not right' }).waitFor();
      await screenshot(page, 'unlock-wrong-password');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      // The button stays disabled through the vault's back-off; click() waits until it is enabled.
      await page.getByRole('button', { name: 'Unlock' }).click();
      await heading(page, 'Overview');
      await screenshot(page, 'overview-after-unlock');
    });

    it('goes back to the unlock screen when the vault locks itself while idle', async () => {
      // The shortest delay the Settings screen offers is a minute; the test sets a shorter one on the real vault.
      const set = await running.services.registry.call('vault.setAutoLock', { ms: 1500 });
      expect(set.ok).toBe(true);
      await heading(page, 'Unlock the vault');
      await page.getByText('The vault locked itself after a while without use.').waitFor();
      await screenshot(page, 'unlock-idle');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await heading(page, 'Overview');
      await running.services.registry.call('vault.setAutoLock', { ms: 0 });
    });
  });

  describe('without a system keychain (the OS keychain is a boundary we do not own; the helper answers as a machine without one)', () => {
    let running: RunningHost;
    let page: Page;
    beforeAll(async () => {
      running = await startTestHost({ vaultKdf: CHEAP_KDF, keychain: unavailableKeychain() });
      page = await openApp(browser, running);
    });
    afterAll(async () => {
      await page?.close();
      await running?.close();
    });

    it('asks for password-only protection on purpose, then imports a phrase', async () => {
      await heading(page, 'Welcome to Consortia');
      await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
      await heading(page, 'Set the vault password');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create the vault' }).click();
      await page.getByRole('alert').filter({ hasText: 'Confirm password-only protection' }).waitFor();
      await page.getByLabel('Protect the vault with the password only').check();
      await screenshot(page, 'onboarding-password-only');
      await page.getByRole('button', { name: 'Create the vault' }).click();

      await heading(page, 'Import a recovery phrase');
      await page.getByLabel('Recovery phrase', { exact: true }).fill('these are not the words of any wallet');
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('alert').filter({ hasText: 'Please check what you entered' }).waitFor();
      await screenshot(page, 'onboarding-import-invalid');
      await page.getByLabel('Recovery phrase', { exact: true }).fill(generateMnemonic(wordlist, 256));
      await page.getByLabel('Name of this wallet (optional)').fill('Imported savings');
      await page.getByRole('button', { name: 'Import' }).click();
      await heading(page, 'Overview');
      await page.getByRole('radio').first().waitFor();
      const status = await running.services.registry.call('vault.status', {});
      expect(status.ok && status.value).toMatchObject({
        mode: 'password-only',
        mnemonics: [{ label: 'Imported savings' }],
      });
    });
  });
});
