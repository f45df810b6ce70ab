import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { heading, screenshot, transactionFinal, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

const PASSWORD = 'violet harbour lantern 42';
const DEVNET_TIMEOUT_MS = 8 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 2 * UI_TIMEOUT_MS;
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;

/** Screenshots of the current screen at both sizes, named `<name>-<lang>-<width>`; ends at 1024×700. */
async function bothSizes(page: Page, name: string, lang: 'en' | 'zh'): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${lang}-${size.width}`);
  }
}

/**
 * Onboarding by import, as importFreshPhrase does, but also on a machine whose system keychain does not
 * answer (the Secret Service is shared and sometimes away): then it chooses password-only protection.
 */
async function importPhrase(page: Page, password: string): Promise<void> {
  await heading(page, 'Welcome to Consortia');
  await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  const passwordOnly = page.getByLabel('Protect the vault with the password only');
  if (await passwordOnly.isVisible()) await passwordOnly.check();
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByLabel('Recovery phrase', { exact: true }).fill(generateMnemonic(wordlist, 256));
  await page.getByRole('button', { name: 'Import' }).click();
  await heading(page, 'Overview');
}

/** Reviews the prepared draft, signs it and waits until it is final. */
async function signAndFollow(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Review before signing' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await transactionFinal(page, STEP_TIMEOUT_MS * 2);
  await page.getByRole('button', { name: 'Done' }).click();
}

/**
 * Issue 13, items 1, 3, 4, 8, 11 and 12 in Chromium through the web host over the embedded devnet: copy an
 * address from Receive and pay it from a second instance of the page; stake problems flagged as typed, in
 * tokens, in both languages; the vote cart by keyboard alone; generated names translated.
 */
describe('a wallet members like to use every day, over the embedded devnet', { timeout: DEVNET_TIMEOUT_MS }, () => {
  let running: RunningHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receivedAddress = '';

  beforeAll(async () => {
    running = await startTestHost({ network: 'devnet', vaultKdf: CHEAP_KDF });
    browser = await launchChromium();
    // One context: both instances of the page share its clipboard, as two windows on one desktop do.
    context = await browser.newContext({
      viewport: SIZES[0],
      locale: 'en-US',
      colorScheme: 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    page = await context.newPage();
    await page.goto(running.host.url);
  }, DEVNET_TIMEOUT_MS);
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) await screenshot(page, 'everyday-failure');
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  }, DEVNET_TIMEOUT_MS);

  it('labels the devnet account once, as imported, and offers a copy button beside each address', async () => {
    await importPhrase(page, PASSWORD);
    const devnet = page.locator('.account-row', { hasText: 'Devnet test funds' });
    await devnet.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await devnet.locator('.account-label').textContent()).toBe('Devnet test funds (not real money)');
    expect(await devnet.locator('.account-phrase').count()).toBe(0);
    expect(await devnet.locator('.tag').textContent()).toBe('Imported devnet account');
    await page.getByTestId('balance-liquid').waitFor({ timeout: STEP_TIMEOUT_MS });
    await bothSizes(page, 'everyday-overview', 'en');
  });

  it('copies the full address from Receive; a second instance pastes it into Send and the payment arrives', async () => {
    await page.getByRole('link', { name: 'Receive' }).click();
    await heading(page, 'Receive');
    const fresh = await page.locator('#receive-account option', { hasNotText: 'Devnet' }).first().getAttribute('value');
    await page.getByLabel('Account', { exact: true }).selectOption(fresh!);
    receivedAddress = (await page.getByTestId('receive-address').textContent())!;
    expect(receivedAddress).toMatch(/^[a-z]+1[02-9ac-hj-np-z]{20,}$/);
    await page.getByTestId('receive-qr').waitFor();
    await page.getByRole('button', { name: 'Copy the address' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Address copied.' }).waitFor();
    await bothSizes(page, 'everyday-receive', 'en');

    const second = await context.newPage();
    // A new tab starts without the first one's session: it opens the full link, as a second window would.
    await second.goto(running.host.url);
    await second.getByRole('link', { name: 'Send' }).click();
    await heading(second, 'Send');
    const devnetOption = await second.locator('#sending-account option', { hasText: 'Devnet' }).getAttribute('value');
    await second.getByLabel('Account', { exact: true }).selectOption(devnetOption!);
    await second.getByText(/^Available: [1-9]/).waitFor({ timeout: STEP_TIMEOUT_MS });
    await second.getByLabel('Recipient address').focus();
    await second.keyboard.press('Control+V');
    expect(await second.getByLabel('Recipient address').inputValue()).toBe(receivedAddress);
    await second.getByText('Valid address for this network.').waitFor();
    await second.getByLabel('Amount (CNS)').fill('1.5');
    await second.getByRole('button', { name: 'Review' }).click();
    await signAndFollow(second);
    await second.close();

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('.account-row', { hasNotText: 'Devnet' }).getByRole('radio').check();
    await page.getByTestId('balance-liquid').filter({ hasText: '1.5' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  });

  it('flags a stake over the balance before Review, in tokens; tells a non-member at once; Max leaves the fee', async () => {
    await page.getByRole('link', { name: 'Stake' }).click();
    await heading(page, 'Stake');
    // The fresh account holds 1.5 CNS but is not a member.
    await page.getByTestId('stake-members-only').waitFor({ timeout: STEP_TIMEOUT_MS });
    const devnetOption = await page.locator('#sending-account option', { hasText: 'Devnet' }).getAttribute('value');
    await page.getByLabel('Account', { exact: true }).selectOption(devnetOption!);
    await page.getByTestId('stake-liquid').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.getByLabel('Amount to stake (CNS)').fill('999999999');
    const hint = page.getByTestId('stake-amount-hint');
    await hint
      .filter({ hasText: /^999,999,999 CNS plus the fee 0\.001 CNS is more than the [\d,.]+ CNS available\.$/ })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Review staking' }).isDisabled()).toBe(true);
    await bothSizes(page, 'everyday-stake-over', 'en');
    await page.getByRole('button', { name: 'Max' }).first().click();
    const max = Number(await page.getByLabel('Amount to stake (CNS)').inputValue());
    const liquid = Number((await page.getByTestId('stake-liquid').locator('.amount').textContent())!.replace(/,/g, ''));
    expect(max).toBeCloseTo(liquid - 0.001, 6);
    await page.getByLabel('Amount to stake (CNS)').fill('10');
    await page.getByRole('button', { name: 'Review staking' }).click();
    await signAndFollow(page);
  });

  it('builds a vote in the cart by keyboard alone', async () => {
    await page.getByRole('link', { name: 'Vote' }).click();
    await heading(page, 'Vote');
    const devnetOption = await page.locator('#vote-account option', { hasText: 'Devnet' }).getAttribute('value');
    await page.getByLabel('Account', { exact: true }).selectOption(devnetOption!);
    await page.getByTestId('staked').filter({ hasText: /[1-9]/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const allocate = page.getByRole('button', { name: 'Allocate stake to producer-1' });
    await allocate.waitFor({ timeout: STEP_TIMEOUT_MS });
    await allocate.focus();
    await page.keyboard.press('Enter');
    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('data-candidate') ?? document.activeElement?.textContent ?? '',
      );
    expect(await focused()).not.toBe('');
    expect(await page.locator('.allocation-row input[aria-invalid="true"]').count()).toBe(0);
    await page.keyboard.type('4');
    await page
      .getByTestId('unallocated')
      .filter({ hasText: /^6 CNS$/ })
      .waitFor();
    await bothSizes(page, 'everyday-vote-cart', 'en');
    // Tab on to "Review the vote" and press it.
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Review the vote') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Review before signing' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Sign and send' }).focus();
    await page.keyboard.press('Enter');
    await transactionFinal(page, STEP_TIMEOUT_MS * 2);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('reads history as a statement and opens a row into its details', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await heading(page, 'History');
    const devnetOption = await page.locator('#sending-account option', { hasText: 'Devnet' }).getAttribute('value');
    await page.getByLabel('Account', { exact: true }).selectOption(devnetOption!);
    const vote = page.getByTestId('history-what').filter({ hasText: /^Voted 4 CNS for producer-1$/ });
    await vote.waitFor({ timeout: STEP_TIMEOUT_MS });
    await page
      .getByTestId('history-what')
      .filter({ hasText: /^Staked 10 CNS$/ })
      .waitFor();
    await page
      .getByTestId('history-what')
      .filter({ hasText: /^Sent 1\.5 CNS to Account 1$/ })
      .waitFor();
    await bothSizes(page, 'everyday-history', 'en');
    await vote.click();
    const drawer = page.getByTestId('history-details');
    await drawer.waitFor();
    expect(await drawer.getByTestId('detail-txid').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await drawer.locator('[data-verification="verified"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    await bothSizes(page, 'everyday-history-details', 'en');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('producer console: registration starts at pasting the server node’s key, states the fee in tokens and warns of a loopback endpoint', async () => {
    await page.getByRole('link', { name: 'Producer' }).click();
    await heading(page, 'Producer');
    const devnetOption = await page.locator('#producer-account option', { hasText: 'Devnet' }).getAttribute('value');
    await page.getByLabel('Account', { exact: true }).selectOption(devnetOption!);
    await page
      .getByRole('radio', { name: 'The public key of a key kept on the producer’s server' })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(
      await page.getByRole('radio', { name: 'The public key of a key kept on the producer’s server' }).isChecked(),
    ).toBe(true);
    await page
      .getByTestId('register-fee')
      .filter({ hasText: 'Registering costs the network fee of 0.001 CNS from this account.' })
      .waitFor();
    await page.getByLabel('Node endpoint').fill('http://127.0.0.1:26657');
    await page.getByTestId('register-endpoint-local').waitFor();
    await bothSizes(page, 'everyday-producer-register', 'en');
    await page.getByLabel('Node endpoint').fill('');
  });

  it('Settings starts at the network in use; Membership pre-selects no proposal', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await heading(page, 'Settings');
    const devnet = page.getByRole('radio', { name: /the embedded devnet/ });
    await devnet.waitFor();
    await expect.poll(() => devnet.isChecked(), { timeout: STEP_TIMEOUT_MS }).toBe(true);
    expect(await page.getByRole('button', { name: 'Use this network' }).isDisabled()).toBe(true);
    await bothSizes(page, 'everyday-settings', 'en');
    await page.getByRole('link', { name: 'Membership' }).click();
    await heading(page, 'Membership');
    // Proposals are for members: the devnet's funded account is one.
    const member = await page.locator('#membership-account option', { hasText: 'Devnet' }).getAttribute('value');
    await page.locator('#membership-account').selectOption(member!);
    const removal = page.getByRole('radio', { name: 'Remove a member' });
    await removal.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await removal.isChecked()).toBe(false);
    await bothSizes(page, 'everyday-membership', 'en');
  });

  it('shows every screen touched in 简体中文 with no English word, generated names included', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    for (const [link, name] of [
      ['概览', 'overview'],
      ['收款', 'receive'],
      ['质押', 'stake'],
      ['投票', 'vote'],
      ['历史', 'history'],
      ['出块节点', 'producer'],
      ['成员', 'membership'],
      ['设置', 'settings'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await heading(page, link === '概览' ? '概览' : link);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      if (name === 'overview') await page.getByTestId('balance-liquid').waitFor();
      if (name === 'stake') {
        await page.getByTestId('stake-liquid').waitFor();
        const devnetOption = await page.locator('#sending-account option', { hasText: '开发网' }).getAttribute('value');
        await page.getByLabel('账户', { exact: true }).selectOption(devnetOption!);
        await page.getByLabel('质押数额（CNS）', { exact: true }).fill('999999999');
        await page
          .getByTestId('stake-amount-hint')
          .filter({ hasText: /^999,999,999 CNS 加上手续费 0\.001 CNS，超过了可用的 [\d,.]+ CNS。$/ })
          .waitFor();
      }
      if (name === 'vote') await page.getByTestId('staked').waitFor();
      if (name === 'receive') await page.getByTestId('receive-qr').waitFor();
      if (name === 'producer') await page.getByTestId('register-fee').waitFor();
      if (name === 'history') await page.getByTestId('history-what').filter({ hasText: '质押了' }).first().waitFor();
      expect(await untranslatedWords(page)).toEqual([]);
      await bothSizes(page, `everyday-${name}`, 'zh');
    }
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByLabel('语言', { exact: true }).selectOption('en');
  });
});
