import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { heading, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

/** Issue 13 item 9 in Chromium through the web host: "abcdefgh" is refused until confirmed on purpose, in both languages. */
describe('a weak vault password needs a confirmation', { timeout: 4 * UI_TIMEOUT_MS }, () => {
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
        welcome: 'Welcome to Consortia',
        create: 'Create a new wallet',
        password: 'Password',
        repeat: 'Repeat the password',
        submit: 'Create the vault',
        weak: 'This password is weak.',
        accept: /Use it anyway/,
        only: 'Protect the vault with the password only',
        phrase: 'Your recovery phrase',
      },
    ],
    [
      'zh-CN',
      'zh',
      {
        welcome: '欢迎使用 Consortia',
        create: '创建新钱包',
        password: '密码',
        repeat: '再次输入密码',
        submit: '创建保险库',
        weak: '这个密码很弱。',
        accept: /仍然使用/,
        only: '只用密码保护保险库',
        phrase: '你的助记词',
      },
    ],
  ] as const) {
    it(`refuses "abcdefgh" until it is confirmed (${lang})`, async () => {
      const running = await startTestHost({ vaultKdf: CHEAP_KDF });
      hosts.push(running);
      const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale });
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      await page.goto(running.host.url);
      await heading(page, words.welcome);
      await page.getByRole('button', { name: words.create }).click();
      await page.getByLabel(words.password, { exact: true }).fill('abcdefgh');
      await page.getByLabel(words.repeat, { exact: true }).fill('abcdefgh');
      const passwordOnly = page.getByLabel(words.only);
      if (await passwordOnly.isVisible()) await passwordOnly.check();
      await page.getByRole('button', { name: words.submit }).click();
      await page.getByRole('alert').filter({ hasText: words.weak }).waitFor();
      if (lang === 'zh') expect(await untranslatedWords(page)).toEqual([]);
      await screenshot(page, `password-weak-${lang}-1024`);
      await page.setViewportSize({ width: 1440, height: 900 });
      await screenshot(page, `password-weak-${lang}-1440`);
      await page.getByRole('checkbox', { name: words.accept }).check();
      await page.getByRole('button', { name: words.submit }).click();
      await page.getByRole('heading', { name: words.phrase }).waitFor();
      await page.close();
    });
  }
});
