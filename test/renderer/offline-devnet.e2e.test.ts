import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MethodInput, MethodName } from '../../shared/contract/ipc.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import {
  answerPhraseCheck,
  heading,
  openApp,
  phraseWords,
  screenshot,
  UI_TIMEOUT_MS,
  untranslatedWords,
  importFreshPhrase,
  payFromDevnet,
} from './e2e-helpers.ts';
import { channelValue } from '../helpers/registry.ts';

const PASSWORD = 'violet harbour lantern 42';
/** Four producers in a worker plus a light node catching up, and two browsers, on a shared 2-core machine. */
const DEVNET_TIMEOUT_MS = 6 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 2 * UI_TIMEOUT_MS;
const FUNDING = '50000000';

/** A call straight to the online host's services: set-up the UI under test does not cover (funding the offline account). */
const call = <M extends MethodName>(running: RunningHost, method: M, input: MethodInput<M>) =>
  channelValue(running.services.registry, method, input);

/** Every frame of the animated QR code shown in `scope`, written as PNG files, stepping with the Next button. */
async function saveFrames(page: Page, scope: string, dir: string, prefix: string): Promise<string[]> {
  const out = page.getByTestId(scope);
  const pause = out.getByRole('button', { name: 'Pause' });
  if (await pause.count()) await pause.click();
  const count = Number(/of (\d+)/.exec((await out.getByTestId('qr-counter').textContent()) ?? '')![1]);
  const files: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const src = (await out.getByTestId('qr-frame').getAttribute('src'))!;
    expect(src).toMatch(/^data:image\/png;base64,/);
    const file = join(dir, `${prefix}-${i}.png`);
    writeFileSync(file, Buffer.from(src.split(',')[1]!, 'base64'));
    files.push(file);
    await out.getByRole('button', { name: 'Next frame' }).click();
  }
  return files;
}

describe(
  'offline signing round trip between an online and an offline instance, in Chromium through two web hosts',
  { timeout: DEVNET_TIMEOUT_MS },
  () => {
    let online: RunningHost;
    let offline: RunningHost;
    let browser: Browser;
    let onlinePage: Page;
    let offlinePage: Page;
    const framesDir = mkdtempSync(join(tmpdir(), 'consortia-qr-frames-'));
    beforeAll(async () => {
      [online, offline] = await Promise.all([
        startTestHost({ network: 'devnet', vaultKdf: CHEAP_KDF }),
        startTestHost({ mode: 'offline', vaultKdf: CHEAP_KDF }),
      ]);
      browser = await launchChromium();
      [onlinePage, offlinePage] = await Promise.all([openApp(browser, online), openApp(browser, offline)]);
    }, DEVNET_TIMEOUT_MS);
    afterEach(async (context) => {
      if (context.task.result?.state === 'fail') {
        await screenshot(onlinePage, 'offline-devnet-failure-online');
        await screenshot(offlinePage, 'offline-devnet-failure-offline');
      }
    });
    afterAll(async () => {
      await browser?.close();
      await Promise.all([online?.close(), offline?.close()]);
    }, DEVNET_TIMEOUT_MS);

    it('makes a request online, signs it offline, carries both by QR pictures, broadcasts and sees it final', async () => {
      // Offline: a new vault and phrase; the signer shows its address and public key.
      await heading(offlinePage, 'Welcome to Consortia');
      await offlinePage.getByRole('button', { name: 'Create a new wallet' }).click();
      await offlinePage.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await offlinePage.getByLabel('Repeat the password').fill(PASSWORD);
      await offlinePage.getByTestId('strength-word').filter({ hasNotText: 'Checking' }).waitFor();
      await offlinePage.getByRole('button', { name: 'Create the vault' }).click();
      const words = await phraseWords(offlinePage);
      await offlinePage.getByRole('button', { name: 'I have written the words down' }).click();
      await answerPhraseCheck(offlinePage, words, true);
      await offlinePage.getByRole('button', { name: 'Check and finish' }).click();
      await heading(offlinePage, 'Offline signer');
      expect(await offlinePage.getByTestId('offline-badge').textContent()).toBe('Offline mode — no network');
      const signerAddress = (await offlinePage.getByTestId('signer-address').first().textContent())!;
      const signerKey = (await offlinePage.getByTestId('signer-public-key').first().textContent())!;
      expect(signerKey).toMatch(/^[0-9a-f]{64}$/);
      await screenshot(offlinePage, 'offline-signer-empty');

      // Online: a vault, the devnet's funded account, and the offline address watched with its public key.
      await importFreshPhrase(onlinePage, PASSWORD);
      await onlinePage.getByRole('link', { name: 'Offline signing' }).click();
      await heading(onlinePage, 'Offline signing');
      await onlinePage.getByText('Add a watch-only address').click();
      await onlinePage.getByLabel('Address', { exact: true }).fill(signerAddress);
      await onlinePage.getByLabel('Public key').fill(signerKey);
      await onlinePage.getByLabel('Name (optional)').fill('Air-gapped signer');
      await onlinePage.getByRole('button', { name: 'Add the address' }).click();
      await expect.poll(() => onlinePage.getByLabel('Account', { exact: true }).inputValue()).not.toBe('');
      await screenshot(onlinePage, 'offline-online-empty');

      // Set-up: the devnet account pays the watched address, followed to final.
      const funder = await payFromDevnet(online, signerAddress, FUNDING, STEP_TIMEOUT_MS);

      // Online: the request, as an animated QR code.
      const requestCard = onlinePage.getByRole('region', { name: 'Make a signing request' });
      await requestCard.getByLabel('Recipient address').fill(funder.address);
      await requestCard.getByLabel(/Amount/).fill('1.25');
      await requestCard.getByLabel('Memo (optional)').fill('carried by QR');
      await requestCard.getByRole('button', { name: 'Make the request' }).click();
      await onlinePage.getByTestId('request-out').waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(onlinePage, 'offline-online-request');
      const requestFrames = await saveFrames(onlinePage, 'request-out', framesDir, 'request');
      expect(requestFrames.length).toBeGreaterThan(1);

      // Offline: the pictures are read with jsQR in the page, the summary computed there, then signed.
      await offlinePage.getByTestId('request-images').setInputFiles(requestFrames);
      const requestIn = offlinePage.getByTestId('request-in');
      await requestIn.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await requestIn.getByTestId('tx-summary').textContent()).toContain('carried by QR');
      await screenshot(offlinePage, 'offline-signer-request');
      await requestIn.getByRole('button', { name: 'Sign' }).click();
      await offlinePage.getByTestId('reply-out').waitFor();
      await screenshot(offlinePage, 'offline-signer-reply');
      const replyFrames = await saveFrames(offlinePage, 'reply-out', framesDir, 'reply');

      // Online: the reply's pictures, its summary, broadcast, final.
      await onlinePage.getByTestId('reply-images').setInputFiles(replyFrames);
      const replyIn = onlinePage.getByTestId('reply-in');
      await replyIn.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await replyIn.textContent()).toContain(signerAddress);
      await screenshot(onlinePage, 'offline-online-reply');
      await replyIn.getByRole('button', { name: 'Broadcast' }).click();
      await replyIn.locator('[data-testid="tx-state"][data-state="final"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(onlinePage, 'offline-online-final');
      const account = await call(online, 'wallet.account', { address: signerAddress });
      expect(account.nonce).toBe(1);

      // The offline window in Chinese: nothing left in English.
      await offlinePage.getByRole('link', { name: 'Settings' }).click();
      await offlinePage.getByLabel('Language', { exact: true }).selectOption('zh-CN');
      await offlinePage.getByRole('link', { name: '离线签名' }).click();
      await heading(offlinePage, '离线签名机');
      expect(await untranslatedWords(offlinePage)).toEqual([]);
      await screenshot(offlinePage, 'offline-signer-zh');
    });
  },
);
