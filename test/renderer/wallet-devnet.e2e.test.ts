import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { devnetPage, heading, importFreshPhrase, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

const PASSWORD = 'violet harbour lantern 42';
/** The devnet's four producers start in a worker and the light node then verifies their chain: slow on a shared machine. */
const DEVNET_TIMEOUT_MS = 8 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 2 * UI_TIMEOUT_MS;

/** Reviews the prepared draft, signs it, and waits until it is final; returns its transaction id. */
async function signAndFollow(page: Page, name: string): Promise<string> {
  await page.getByRole('heading', { name: 'Review before signing' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await screenshot(page, `${name}-review`);
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await page.locator('[data-testid="tx-state"][data-state="final"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  expect(await page.getByTestId('tx-state').textContent()).toMatch(/Final at height [\d,]+, proof checked\./);
  await screenshot(page, `${name}-final`);
  const txId = (await page.getByTestId('tx-id').textContent())!;
  await page.getByRole('button', { name: 'Done' }).click();
  return txId;
}

const tokens = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).textContent())!.replace(/[^\d.]/g, ''));

describe(
  'send, stake and history over the embedded devnet, in Chromium through the web host',
  { timeout: DEVNET_TIMEOUT_MS },
  () => {
    let page: Page;
    const txIds: string[] = [];
    devnetPage('wallet-devnet', DEVNET_TIMEOUT_MS, (app) => ({ page } = app));

    it('sends to an address from the address book until final', async () => {
      await importFreshPhrase(page, PASSWORD);
      const devnetAccount = page.getByRole('radio', { name: /Devnet test funds/ });
      await devnetAccount.waitFor({ timeout: STEP_TIMEOUT_MS });
      await devnetAccount.check();
      // The imported phrase's own first account is the recipient; its address is the title of its row.
      const recipient = (await page
        .locator('label.account', { hasText: 'Account 1', hasNotText: 'Devnet test funds' })
        .getAttribute('title'))!;

      await page.getByRole('link', { name: 'Send' }).click();
      await heading(page, 'Send');
      await page.getByText(/^Available: [1-9]/).waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.getByLabel('Recipient address').fill(recipient.slice(0, -1) + (recipient.endsWith('q') ? 'p' : 'q'));
      await page.getByText('This address is not valid:').waitFor();
      await screenshot(page, 'send-invalid');
      await page.getByLabel('Recipient address').fill(recipient);
      await page.getByText('Valid address for this network.').waitFor();
      await page.getByLabel('Label for this recipient').fill('Savings');
      await page.getByRole('button', { name: 'Save to address book' }).click();
      await page.getByRole('button', { name: 'Send to Savings' }).waitFor();
      await page.getByLabel('Recipient address').fill('');
      await page.getByRole('button', { name: 'Send to Savings' }).click();
      expect(await page.getByLabel('Recipient address').inputValue()).toBe(recipient);
      await page.getByLabel('Amount (CNS)').fill('2.5');
      await page.getByLabel('Memo (optional)').fill('first transfer');
      await screenshot(page, 'send');
      await page.getByRole('button', { name: 'Review' }).click();
      expect(await page.getByTestId('tx-summary').textContent()).toContain(recipient);
      txIds.push(await signAndFollow(page, 'send'));
    });

    it('stakes until final and the staked balance grows; unstaking shows an unbonding entry counting down', async () => {
      await page.getByRole('link', { name: 'Stake' }).click();
      await heading(page, 'Stake');
      await page.getByTestId('stake-staked').waitFor({ timeout: STEP_TIMEOUT_MS });
      const stakedBefore = await tokens(page, 'stake-staked');
      await page.getByLabel('Amount to stake (CNS)').fill('10');
      await page.getByRole('button', { name: 'Review staking' }).click();
      txIds.push(await signAndFollow(page, 'stake'));
      await expect
        .poll(() => tokens(page, 'stake-staked'), { timeout: STEP_TIMEOUT_MS, interval: 500 })
        .toBe(stakedBefore + 10);

      await page.getByLabel('Amount to unstake (CNS)').fill('3');
      await page.getByRole('button', { name: 'Review unstaking' }).click();
      txIds.push(await signAndFollow(page, 'unstake'));
      await page.getByTestId('unbonding-entry').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.getByTestId('unbonding-entry').first().textContent()).toContain('3 CNS');
      expect(await page.getByTestId('unbonding-countdown').first().textContent()).toMatch(/\d+s|Ready to withdraw/);
      await screenshot(page, 'stake');
      // The devnet's unbonding period is short: once it matures, withdraw turns on.
      const withdraw = page.getByRole('button', { name: 'Review withdrawal' });
      await expect.poll(() => withdraw.isEnabled(), { timeout: STEP_TIMEOUT_MS, interval: 1000 }).toBe(true);
      expect(await page.getByTestId('unbonding-countdown').first().textContent()).toBe('Ready to withdraw');
    });

    it('lists those transactions as verified, and exports a CSV whose rows match', async () => {
      await page.getByRole('link', { name: 'History' }).click();
      await heading(page, 'History');
      for (const txId of txIds) {
        await page
          .locator(`[data-testid="history-row"][data-txid="${txId}"] [data-verification="verified"]`)
          .waitFor({ timeout: STEP_TIMEOUT_MS });
      }
      await screenshot(page, 'history');
      const shownRows = await page.getByTestId('history-row').count();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true }) as Record<
        string,
        string
      >[];
      expect(rows.length).toBe(shownRows);
      for (const txId of txIds) expect(rows.find((row) => row['txId'] === txId)?.['verification']).toBe('verified');
      expect(rows.find((row) => row['txId'] === txIds[0])).toMatchObject({
        type: 'transfer',
        amount: '2500000',
        memo: 'first transfer',
      });
      expect(rows.find((row) => row['txId'] === txIds[1])).toMatchObject({ type: 'stake', amount: '10000000' });
      await page.getByText(/^Saved \d+ rows as /).waitFor();
    });

    it('shows the three screens fully in Chinese', async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
      for (const [link, title, name] of [
        ['转账', '转账', 'send'],
        ['质押', '质押', 'stake'],
        ['历史', '历史', 'history'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await heading(page, title);
        await page.getByLabel('账户', { exact: true }).waitFor();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        if (name === 'history') await page.getByTestId('history-row').first().waitFor();
        if (name === 'stake') await page.getByTestId('stake-staked').waitFor();
        expect(await untranslatedWords(page)).toEqual([]);
        await screenshot(page, `${name}-zh`);
      }
      await page.getByRole('link', { name: '设置' }).click();
      await page.getByLabel('语言', { exact: true }).selectOption('en');
    });
  },
);
