import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../shared/contract/security.ts';
import { launchChromium } from '../helpers/browser.ts';

const metaPolicy = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];

/**
 * The CSP also travels in a <meta http-equiv> tag of the page itself, so a copy of the page served without the
 * header (a misconfigured proxy, a saved file) is still locked down. Checked on the built page, in Chromium.
 */
describe('CSP meta tag in the renderer page', () => {
  let browser: Browser;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    // The built renderer served with no security header at all: only the meta tag can protect it.
    server = createServer((req, res) => {
      const path = normalize(new URL(req.url ?? '/', 'http://localhost').pathname).replace(/^\/+$/, '/index.html');
      readFile(join('out/renderer', path))
        .then((body) =>
          res
            .writeHead(200, {
              'content-type':
                extname(path) === '.js' ? 'text/javascript' : extname(path) === '.css' ? 'text/css' : 'text/html',
            })
            .end(body),
        )
        .catch(() => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('the source and the built page carry the header policy, less frame-ancestors (which a meta tag cannot carry)', () => {
    const header = CONTENT_SECURITY_POLICY.split('; ');
    expect(CONTENT_SECURITY_POLICY_META.split('; ')).toEqual(header.filter((d) => !d.startsWith('frame-ancestors')));
    expect(metaPolicy(readFileSync('renderer/index.html', 'utf8'))).toBe(CONTENT_SECURITY_POLICY_META);
    expect(metaPolicy(readFileSync('out/renderer/index.html', 'utf8'))).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('without the header the page still runs its own scripts, and an injected inline script is blocked', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`http://127.0.0.1:${port}/`);
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    // The app's bundle ran ('self'): with no token in the URL it tells the person how to start the web host.
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('npm run web');
    expect(violations).toEqual([]);

    const injectedRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(injectedRan).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations[0]).toMatch(/script/i);
    await page.close();
  });
});
