import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServices, type Services } from '../../electron/services/index.ts';
import { startWebHost, type WebHost } from '../../electron/webhost/server.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { heading, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

/**
 * Issue 13 item 2: a tab holding the token of an earlier launch. The host is started again on the same
 * port with a new token (as a restarted app is); the old tab must say why it cannot connect, and
 * pasting the new link into it (only the fragment changes) must connect it without a manual reload.
 */
describe('a tab with a stale access link, in Chromium through the web host', { timeout: 4 * UI_TIMEOUT_MS }, () => {
  let services: Services;
  let host: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    services = createServices({
      network: 'none',
      heartbeatMs: 200,
      dataDir: mkdtempSync(join(tmpdir(), 'consortia-link-')),
      host: 'web',
      vaultKdf: CHEAP_KDF,
    });
    host = await startWebHost({ services, rendererDir: 'out/renderer' });
    browser = await launchChromium();
  }, UI_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await services?.close();
  });

  const restartHost = async () => {
    const port = host.port;
    await host.close();
    host = await startWebHost({ services, rendererDir: 'out/renderer', port });
  };

  for (const [viewport, locale, size] of [
    [{ width: 1024, height: 700 }, 'en-US', '1024'],
    [{ width: 1440, height: 900 }, 'en-US', '1440'],
    [{ width: 1024, height: 700 }, 'zh-CN', '1024'],
    [{ width: 1440, height: 900 }, 'zh-CN', '1440'],
  ] as const) {
    it(`explains the stale link and recovers when the new one is pasted (${locale}, ${size})`, async () => {
      const page: Page = await browser.newPage({ viewport, locale });
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      await page.goto(host.url);
      const welcome = locale === 'en-US' ? 'Welcome to Consortia' : '欢迎使用 Consortia';
      await heading(page, welcome);

      await restartHost();
      // The open tab loses its socket and is refused with its old token.
      await page.locator('[data-testid="link-problem"][data-problem="refused"]').waitFor();
      // A reload keeps the old token (sessionStorage): still explained, never "Loading…" forever.
      await page.reload();
      const problem = page.locator('[data-testid="link-problem"][data-problem="refused"]');
      await problem.waitFor();
      expect(await problem.textContent()).toContain(
        locale === 'en-US' ? 'This link is from an earlier launch' : '此链接来自上一次启动',
      );
      if (locale === 'zh-CN') expect(await untranslatedWords(page)).toEqual([]);
      await screenshot(page, `link-stale-${locale === 'en-US' ? 'en' : 'zh'}-${size}`);

      await page.goto(host.url);
      await heading(page, welcome);
      expect(await page.getByTestId('link-problem').count()).toBe(0);
      await page.close();
    });
  }

  it('explains a page opened without any link token', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${host.port}/`);
    await page.locator('[data-testid="link-problem"][data-problem="missing"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.goto(host.url);
    await heading(page, 'Welcome to Consortia');
    await page.close();
  });
});
