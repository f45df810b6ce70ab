import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { devnetPage, heading, importFreshPhrase, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

const PASSWORD = 'violet harbour lantern 42';
/** The devnet's four producers start in a worker and the light node then verifies their chain: slow on a shared machine. */
const DEVNET_TIMEOUT_MS = 4 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 2 * UI_TIMEOUT_MS;

describe(
  'overview and settings over the embedded devnet, in Chromium through the web host',
  { timeout: DEVNET_TIMEOUT_MS },
  () => {
    let page: Page;
    devnetPage('overview-devnet', DEVNET_TIMEOUT_MS, (app) => ({ page } = app));

    it('shows the funded devnet account with verified balances, the sync state and healthy endpoints', async () => {
      await importFreshPhrase(page, PASSWORD);

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
      const finalHeight = async () =>
        Number((await page.getByTestId('final-height').textContent())?.replace(/\D/g, '') ?? 0);
      await expect.poll(finalHeight, { timeout: STEP_TIMEOUT_MS, interval: 500 }).toBeGreaterThan(0);
      await network.getByText('In sync', { exact: false }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'overview-devnet');

      await page.getByRole('link', { name: 'Settings' }).click();
      await heading(page, 'Settings');
      const endpoints = page.getByRole('region', { name: 'Network endpoints' });
      await endpoints
        .getByRole('button', { name: /^Remove / })
        .first()
        .waitFor();
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
  },
);
