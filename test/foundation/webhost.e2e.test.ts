import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('renderer in Chromium through the web host', () => {
  let running: RunningHost;
  let browser: Browser;
  beforeAll(async () => {
    running = await startTestHost({ heartbeatMs: 250 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('reads app.info through the contract, shows it, and receives pushed events', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(running.host.url);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(version);
    expect(await page.getByTestId('app-data-dir').textContent()).toBe(running.dataDir);
    expect(await page.getByTestId('app-host').textContent()).toContain('web host');
    // The token leaves the address bar once taken.
    expect(page.url()).not.toContain('token=');

    const firstBeat = await page.getByTestId('heartbeat').textContent();
    await expect
      .poll(async () => (await page.getByTestId('heartbeat').textContent()) !== firstBeat, { timeout: 5000 })
      .toBe(true);
    expect(await page.getByTestId('heartbeat').textContent()).toMatch(/Heartbeat #\d+/);
    // The page has no generic path to the main process.
    expect(await page.evaluate(() => typeof (window as unknown as { consortia?: unknown }).consortia)).toBe(
      'undefined',
    );
    expect(cspViolations).toEqual([]);
    await page.screenshot({ path: screenshotPath('foundation-app-info') });
    await page.close();
  });

  it('tells the person what to do when the token is missing', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${running.host.port}/`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('npm run web');
    await page.close();
  });
});
