import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { MethodInput, MethodName } from '../../shared/contract/ipc.ts';
import { devnetGenesis, genesisToJson } from '../../shared/core/genesis/index.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { heading, screenshot, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';
import { channelValue } from '../helpers/registry.ts';

const PASSWORD = 'violet harbour lantern 42';

/** A loopback port nothing listens on: taken from the OS, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Issue 13 item 11 in Chromium through the web host, in 简体中文: the errors a person meets most (wrong
 * password and its back-off, a phrase that is not accepted, no endpoint answering, an endpoint added
 * twice, a memo over the chain's byte limit) are worded in Chinese — no English detail, no English word on the screen.
 */
describe('the common errors in 简体中文', { timeout: 4 * UI_TIMEOUT_MS }, () => {
  let browser: Browser;
  let running: RunningHost;
  let page: Page;
  let deadEndpoint: string;

  const scan = async (name: string) => {
    // Shown in error notices (folded technical details aside); the network card’s endpoint diagnostics come from network.status, not keyed yet.
    expect(
      await page.locator('.notice[data-code] > .notice-detail[lang="en"]').count(),
      'an English error detail',
    ).toBe(0);
    expect(await untranslatedWords(page)).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, `errors-${name}-zh-1024`);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, `errors-${name}-zh-1440`);
    await page.setViewportSize({ width: 1024, height: 700 });
  };

  beforeAll(async () => {
    const devnet = devnetGenesis({ producers: 1, seed: new Uint8Array([21]), genesisTime: BigInt(Date.now()) });
    const genesisFile = join(mkdtempSync(join(tmpdir(), 'consortia-genesis-')), 'genesis.json');
    writeFileSync(genesisFile, genesisToJson(devnet.doc));
    deadEndpoint = `http://127.0.0.1:${await deadPort()}`;
    running = await startTestHost({ vaultKdf: CHEAP_KDF, network: { genesisFile, endpoints: [deadEndpoint] } });
    const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
      channelValue(running.services.registry, method, input);
    await call('vault.create', { password: PASSWORD });
    await call('vault.importMnemonic', { words: generateMnemonic(wordlist, 256) });
    await call('vault.lock', {});
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale: 'zh-CN' });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(running.host.url);
  }, UI_TIMEOUT_MS);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, 'errors-zh-failure');
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('a wrong password and the wait it imposes', async () => {
    await heading(page, '解锁保险库');
    await page.getByLabel('密码', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByRole('alert').filter({ hasText: '密码不正确' }).waitFor();
    await scan('wrong-password');
  });

  it('a recovery phrase that is not accepted, on the restore page', async () => {
    await page.getByText('忘记密码？用助记词恢复').click();
    await page.getByRole('button', { name: '用助记词恢复' }).click();
    await page.getByLabel('助记词', { exact: true }).fill('these are not the words');
    await page.getByRole('button', { name: '检查助记词' }).click();
    await page.getByRole('alert').filter({ hasText: '助记词未被接受' }).waitFor();
    await scan('phrase-invalid');
    await page.getByRole('button', { name: '返回解锁' }).click();
  });

  it('no endpoint answering, and an endpoint added twice', async () => {
    await heading(page, '解锁保险库');
    const unlock = page.getByRole('button', { name: '解锁' });
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await unlock.waitFor();
    await expect.poll(() => unlock.isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true); // the back-off ends
    await unlock.click();
    await heading(page, '概览');
    await scan('overview-unreachable');

    await page.getByRole('link', { name: '设置' }).click();
    await page.getByLabel('端点地址').fill(deadEndpoint);
    await page.getByRole('button', { name: '添加节点端点' }).click();
    await page.getByRole('alert').filter({ hasText: '已经是端点之一' }).waitFor();
    await scan('endpoint-exists');
    // Refused by the channel's schema, and by the service's own rule (a URL, but not a node's).
    await page.getByLabel('端点地址').fill('node-at-home');
    await page.getByRole('button', { name: '添加节点端点' }).click();
    await page.getByRole('alert').filter({ hasText: '以下值未被接受' }).waitFor();
    await scan('endpoint-not-url');
    await page.getByLabel('端点地址').fill('ftp://node-at-home');
    await page.getByRole('button', { name: '添加节点端点' }).click();
    await page.getByRole('alert').filter({ hasText: '不是有效的节点端点地址' }).waitFor();
    await scan('endpoint-invalid');
  });

  it('a memo too long in bytes, though short in characters', async () => {
    await page.getByRole('link', { name: '转账' }).click();
    const memo = page.getByLabel('备注（可选）');
    await memo.fill('午'.repeat(22));
    await page.getByText('太长：66 字节，上限 64 字节').waitFor();
    expect(await memo.getAttribute('aria-invalid')).toBe('true');
    await scan('memo-too-long');
  });
});
