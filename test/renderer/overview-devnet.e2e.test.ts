import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { heading, openApp, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

const PASSWORD = 'violet harbour lantern 42';
/** The devnet's four producers start in a worker and the light node then verifies their chain: slow on a shared machine. */
const DEVNET_TIMEOUT_MS = 4 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 2 * UI_TIMEOUT_MS;

describe('overview and settings over the embedded devnet, in Chromium through the web host', { timeout: DEVNET_TIMEOUT_MS }, () => {
  let running: RunningHost;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    running = await startTestHost({ network: 'devnet', vaultKdf: CHEAP_KDF });
    browser = await launchChromium();
    page = await openApp(browser, running);
  }, DEVNET_TIMEOUT_MS);
  afterEach(async (context) => {
    // A failure here is hard to read from a locator alone: keep what the page showed.
    if (context.task.result?.state === 'fail') await screenshot(page, 'overview-devnet-failure');
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  }, DEVNET_TIMEOUT_MS);

  it('shows the funded devnet account with verified balances, the sync state and healthy endpoints', async () => {
    await heading(page, 'Welcome to Consortia');
    await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await page.getByLabel('Recovery phrase', { exact: true }).fill(generateMnemonic(wordlist, 256));
    await page.getByRole('button', { name: 'Import' }).click();
    await heading(page, 'Overview');

    // The devnet puts its funded account into the unlocked vault; the list follows through vault.changed.
    const devnetAccount = page.getByRole('radio', { name: /Devnet test funds/ });
    await devnetAccount.waitFor({ timeout: STEP_TIMEOUT_MS });
    await devnetAccount.check();
    const verified = page.getByTestId('verified-mark');
    await verified.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await verified.textContent()).toMatch(/Verified at final height [\d,]+/);
    expect(await page.getByTestId('balance-liquid').textContent()).toMatch(/[1-9][\d,.]* CNS/);

    const network = page.getByRole('region', { name: 'Network' });
    await network.getByText('Development network').waitFor({ timeout: STEP_TIMEOUT_MS });
    await network.getByText('4 of 4 trusted', { exact: false }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const finalHeight = async () => Number((await page.getByTestId('final-height').textContent())?.replace(/\D/g, '') ?? 0);
    await expect.poll(finalHeight, { timeout: STEP_TIMEOUT_MS, interval: 500 }).toBeGreaterThan(0);
    await network.getByText('In sync', { exact: false }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await screenshot(page, 'overview-devnet');

    await page.getByRole('link', { name: 'Settings' }).click();
    await heading(page, 'Settings');
    const endpoints = page.getByRole('region', { name: 'Network endpoints' });
    await endpoints.getByRole('button', { name: /^Remove / }).first().waitFor();
    expect(await endpoints.getByRole('listitem').count()).toBe(4);
    await screenshot(page, 'settings-devnet');

    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await page.getByRole('link', { name: '概览' }).click();
    await heading(page, '概览');
    await page.getByText(/已在最终高度 [\d,]+ 验证/).waitFor();
    expect(await untranslatedWords(page)).toEqual([]);
    await screenshot(page, 'overview-devnet-zh');
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByLabel('语言', { exact: true }).selectOption('en');
  });
});
