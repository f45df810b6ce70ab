import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { eventually } from '../desktop/light/helpers.ts';
import { channelValue } from '../helpers/registry.ts';

/** Generous: the machine is shared, and the first paint waits for the build's chunks and the vault's KDF. */
export const UI_TIMEOUT_MS = 90_000;

export async function openApp(
  browser: Browser,
  running: RunningHost,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1024, height: 700 },
    locale: 'en-US',
    colorScheme: options.colorScheme ?? 'light',
  });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  await page.goto(running.host.url);
  return page;
}

/**
 * For a describe block: a web host over the embedded devnet and one Chromium page on it, handed to `use`
 * once they run; a failing test leaves a screenshot named `<name>-failure`.
 */
export function devnetPage(
  name: string,
  timeoutMs: number,
  use: (app: { running: RunningHost; page: Page }) => void,
): void {
  let running: RunningHost | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    running = await startTestHost({ network: 'devnet', vaultKdf: CHEAP_KDF });
    browser = await launchChromium();
    page = await openApp(browser, running);
    use({ running, page });
  }, timeoutMs);
  afterEach(async (context) => {
    // A failure is hard to read from a locator alone: keep what the page showed.
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `${name}-failure`);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  }, timeoutMs);
}

/** Waits until the followed transaction is final; a rejected or expired one fails at once with its reason. */
export async function transactionFinal(page: Page, timeoutMs: number): Promise<void> {
  const state = page.getByTestId('tx-state');
  await eventually(
    'the transaction to be final',
    async () => {
      const reached = await state.getAttribute('data-state');
      if (reached === 'rejected' || reached === 'expired')
        throw new Error(`The transaction was ${reached}: ${await state.textContent()}`);
      return reached === 'final';
    },
    timeoutMs,
  );
}

/** Onboarding by import: a new vault with `password`, holding `phrase` (default a fresh random one); ends on the overview. */
export async function importFreshPhrase(
  page: Page,
  password: string,
  phrase = generateMnemonic(wordlist, 256),
): Promise<void> {
  await heading(page, 'Welcome to Consortia');
  await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByLabel('Recovery phrase', { exact: true }).fill(phrase);
  await page.getByRole('button', { name: 'Import' }).click();
  await heading(page, 'Overview');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`renderer-${name}`), fullPage: true });
}

/** Waits until the page's main heading reads `text`. */
export async function heading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

/** The words of the phrase on the "Your recovery phrase" step, in order. */
export async function phraseWords(page: Page): Promise<string[]> {
  await page.getByTestId('phrase').waitFor();
  return page.locator('[data-testid="phrase"] .phrase-word').allTextContents();
}

/** Fills the phrase check: every asked position with its word, or each with a wrong one. */
export async function answerPhraseCheck(page: Page, words: string[], correctly: boolean): Promise<void> {
  const inputs = page.locator('input[data-position]');
  await inputs.first().waitFor();
  for (const input of await inputs.all()) {
    const position = Number(await input.getAttribute('data-position'));
    await input.fill(correctly ? words[position - 1]! : 'notaword');
  }
}

/** Names that stay as they are in every language. */
const UNTRANSLATED_NAMES = new Set(['Consortia', 'CNS', 'Electron', 'CSV']);

/**
 * Latin words in the page's text outside what is marked as not for translation: elements with
 * lang="en" (sentences written by the main process) or translate="no" (addresses, labels the person
 * or the vault chose, URLs). Empty on a screen fully shown in Chinese.
 */
export async function untranslatedWords(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('[lang="en"]:not(html), [translate="no"], script, style')) continue;
      found.push(...(node.textContent?.match(/[A-Za-z]{2,}/g) ?? []));
    }
    return found;
  });
  return words.filter((word) => !UNTRANSLATED_NAMES.has(word));
}

/**
 * Set-up through the channels: the embedded devnet's funded account (imported into the vault at its first unlock) pays
 * `amount` base units to `to`, followed to final. Returns the payer.
 */
export async function payFromDevnet(
  running: RunningHost,
  to: string,
  amount: string,
  stepTimeoutMs: number,
): Promise<{ id: string; address: string }> {
  const { registry } = running.services;
  let funder: { id: string; address: string } | undefined;
  await eventually(
    'the devnet account in the vault',
    async () => {
      funder = (await channelValue(registry, 'vault.status', {})).accounts.find((a) => a.label.startsWith('Devnet'));
      if (!funder) throw new Error(`devnet: ${JSON.stringify(await channelValue(registry, 'devnet.status', {}))}`);
      return true;
    },
    2 * stepTimeoutMs,
  );
  const payer = funder!;
  let draftId = '';
  await eventually(
    'a verified network to prepare the funding',
    async () =>
      Boolean(
        (draftId = (
          await channelValue(registry, 'wallet.prepare', {
            accountId: payer.id,
            intent: { type: 'transfer', to, amount },
          })
        ).draftId),
      ),
    stepTimeoutMs,
  );
  const { txId } = await channelValue(registry, 'wallet.submit', { draftId });
  await eventually(
    'the funding final',
    async () => (await channelValue(registry, 'wallet.transaction', { txId })).state === 'final',
    stepTimeoutMs,
  );
  return payer;
}
