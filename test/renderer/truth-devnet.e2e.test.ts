/**
 * Verified truth, said truly — in Chromium through the web host, with a tampering proxy between the
 * app and a real four-node devnet. Each of four lies reads "not verified" with its reason in plain
 * words, in English and Chinese, never "starting up"; a proxy that withholds new heads makes the
 * view stale within the threshold, and with a second honest endpoint it is marked behind while the
 * view keeps advancing; with every node stopped the view is stale, and started again it clears.
 * Screenshots of each state go to test-results/screens/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { eventually } from '../desktop/light/helpers.ts';
import { TamperProxy, type Rewrite } from '../desktop/light/tamper-proxy.ts';
import { alterStateRoot, droppedSignature, inflateBalance } from '../desktop/light/tampering.ts';
import { startTestNet, waitFor, type TestNet } from '../chain/net/devnet-helpers.ts';
import { final, submit } from '../chain/net/tx-helpers.ts';
import { parseAddress } from '../../shared/core/crypto/index.ts';
import { genesisToJson } from '../../shared/core/genesis/index.ts';
import { heading, importFreshPhrase, openApp, screenshot, UI_TIMEOUT_MS } from './e2e-helpers.ts';

const PASSWORD = 'amber quarry signal 17';
const BLOCK_MS = 1_000;
const TIMEOUT_MS = 12 * UI_TIMEOUT_MS;
const STEP_MS = 2 * UI_TIMEOUT_MS;

describe('what the app says about what it verified, over a tampering proxy', { timeout: TIMEOUT_MS }, () => {
  let net: TestNet;
  let running: RunningHost;
  let browser: Browser;
  let page: Page;
  let proxy: TamperProxy;
  let honestProxy: TamperProxy | undefined;

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: BLOCK_MS });
    await waitFor(() => net.nodes[0]!.chain.height() >= 2n, 60_000, 'the devnet to produce blocks');
    proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    const genesisFile = join(net.dir, 'genesis.json');
    writeFileSync(genesisFile, genesisToJson(net.devnet.doc));
    running = await startTestHost({ network: { genesisFile, endpoints: [proxy.url] }, vaultKdf: CHEAP_KDF });
    browser = await launchChromium();
    page = await openApp(browser, running);
  }, TIMEOUT_MS);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, 'truth-failure');
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await proxy?.close();
    await honestProxy?.close();
    await net?.stop();
  }, TIMEOUT_MS);

  const call = async <T>(
    pending: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ): Promise<T> => {
    const result = await pending;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  const mark = () => page.getByTestId('verified-mark');
  const markState = () => mark().getAttribute('data-state');
  const overview = async () => {
    await page.getByRole('link', { name: /^(Overview|概览)$/ }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
  };
  const setLanguage = async (locale: 'en' | 'zh-CN') => {
    await page.getByRole('link', { name: /^(Settings|设置)$/ }).click();
    await page.getByLabel(/^(Language|语言)$/).selectOption(locale);
    await overview();
  };
  /** Never "starting up" while the app knows an endpoint lied or nothing newer arrives. */
  const neverStartingUp = async () => {
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/starting up|正在启动/);
  };

  /** The state shown in English and in Chinese, each checked and photographed. */
  async function inBothLanguages(name: string, en: RegExp, zh: RegExp): Promise<void> {
    await page.locator('main').filter({ hasText: en }).waitFor({ timeout: STEP_MS });
    await neverStartingUp();
    await screenshot(page, `truth-${name}-en`);
    await setLanguage('zh-CN');
    await page.locator('main').filter({ hasText: zh }).waitFor({ timeout: STEP_MS });
    await neverStartingUp();
    await screenshot(page, `truth-${name}-zh`);
    await setLanguage('en');
  }

  const trustAgain = async () => {
    proxy.clear();
    await call(running.services.registry.typedCall('network.trustAgain', { url: proxy.url }));
    await eventually('the view to be verified and fresh again', async () => (await markState()) === 'fresh', STEP_MS);
  };

  it('shows a funded account’s balance verified at a height, with its age', async () => {
    await importFreshPhrase(page, PASSWORD);
    const status = await call(running.services.registry.typedCall('vault.status', {}));
    const address = status.accounts[0]!.address;
    const member = net.devnet.memberKeys[0]!;
    const id = await submit(net.nodes[0]!, member.accountSecretKey, {
      type: 'transfer',
      to: addressBytes(address),
      amount: 5_000_000n,
      memo: '',
    });
    await final(net.nodes[0]!, id, STEP_MS);
    await eventually(
      'the verified balance',
      async () =>
        (await markState()) === 'fresh' && /5 CNS/.test((await page.getByTestId('balance-liquid').textContent()) ?? ''),
      STEP_MS,
    );
    expect(await mark().textContent()).toMatch(/Verified at final height [\d,]+, (now|\d+ seconds? ago)/);
    await inBothLanguages('verified', /Verified at final height/, /已在最终高度 [\d,]+ 验证/);
  });

  it('(1) a flipped balance in state.account: "not verified", the endpoint named, the lie in plain words', async () => {
    proxy.rewrite('state.account', inflateBalance(1n));
    await page.getByTestId('not-verified').waitFor({ timeout: STEP_MS });
    expect(await page.getByTestId('not-verified').textContent()).toContain(proxy.url);
    expect(await page.locator('[data-testid="lie"][data-lie="alteredState"]').count()).toBeGreaterThan(0);
    await inBothLanguages(
      'lie-balance',
      /sent account or state data that does not match/,
      /它发送的账户或状态数据与网络已认证的状态不符/,
    );
    await trustAgain();
  });

  async function headerLie(name: string, rewrites: Record<string, Rewrite>, kind: string, en: RegExp, zh: RegExp) {
    for (const [method, rewrite] of Object.entries(rewrites)) proxy.rewrite(method, rewrite);
    await page.locator(`[data-testid="lie"][data-lie="${kind}"]`).first().waitFor({ timeout: STEP_MS });
    await eventually(
      'the light node to say "not verified"',
      async () => (await page.getByTestId('light-phase').getAttribute('data-state')) === 'unverified',
      STEP_MS,
    );
    expect(await markState()).toBe('stale'); // no newer block can be verified: the mark says so at once
    await inBothLanguages(name, en, zh);
    await trustAgain();
  }

  it('(2) a flipped state-root byte in a header', () =>
    headerLie(
      'lie-header',
      { 'chain.header': alterStateRoot },
      'alteredHeader',
      /block header that was changed after the producers signed it/,
      /区块头在出块者签名之后被改动过/,
    ));

  it('(3) a certificate with one signature dropped', () =>
    headerLie(
      'lie-signature',
      { 'chain.header': droppedSignature, 'chain.handOffs': droppedSignature },
      'missingSignatures',
      /without enough producer signatures/,
      /缺少足够的出块者签名/,
    ));

  it('(4) an old header served as the newest', () => {
    let old: unknown;
    return headerLie(
      'lie-old-header',
      { 'chain.header': (result) => (old ??= result) },
      'oldHeader',
      /served an old block/,
      /把旧区块冒充为/,
    );
  });

  it('withholding new heads with one endpoint: the view turns stale within the threshold and a second endpoint is suggested', async () => {
    proxy.withhold();
    await eventually('the mark to turn stale', async () => (await markState()) === 'stale', STEP_MS);
    await page.getByTestId('stale-notice').waitFor();
    expect(await page.getByTestId('stale-notice').getAttribute('data-cause')).toBe('behind');
    await page.getByTestId('one-endpoint').waitFor();
    expect(await mark().textContent()).toMatch(/no newer block has reached this app/);
    await inBothLanguages('stale-withheld', /no newer block has reached this app/, /没有更新的区块到达本应用/);
  });

  it('with a second, honest endpoint the withholding one is marked behind and the view keeps advancing', async () => {
    honestProxy = await TamperProxy.start(net.nodes[0]!.rpc.url);
    await call(running.services.registry.typedCall('network.addEndpoint', { url: honestProxy.url }));
    await page
      .locator(`[data-testid="endpoint-health"][data-url="${proxy.url}"] [data-testid="endpoint-behind"]`)
      .waitFor({ timeout: STEP_MS });
    await eventually('the view to be fresh again', async () => (await markState()) === 'fresh', STEP_MS);
    const height = async () =>
      Number(((await page.getByTestId('final-height').textContent()) ?? '').replace(/[^\d]/g, ''));
    const before = await height();
    await eventually('the view to keep advancing', async () => (await height()) > before + 2, STEP_MS);
    await inBothLanguages('behind', /Behind/, /落后/);
  });

  it('with every node stopped the view is stale ("no endpoint answers"); started again, it clears', async () => {
    // The nodes themselves stop (the proxies in front of them stay up and can reach nothing).
    await net.stop();
    await eventually(
      'the view to be stale, nobody answering',
      async () =>
        (await page
          .getByTestId('stale-notice')
          .getAttribute('data-cause')
          .catch(() => null)) === 'noAnswer',
      STEP_MS,
    );
    expect(await markState()).toBe('stale');
    await inBothLanguages('stale-no-answer', /No endpoint answers/, /没有任何节点端点响应/);
    // The rounds view and the producer console follow the same rule.
    for (const [link, title, shot] of [
      ['Rounds', 'Rounds', 'rounds'],
      ['Producer', 'Producer console', 'producer'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await heading(page, title);
      expect(await page.getByTestId('stale-notice').getAttribute('data-cause')).toBe('noAnswer');
      await neverStartingUp();
      await screenshot(page, `truth-stale-${shot}-en`);
    }
    await overview();
    await net.restart();
    await eventually('the view to be fresh again', async () => (await markState()) === 'fresh', STEP_MS);
    expect(await page.getByTestId('stale-notice').count()).toBe(0);
    await screenshot(page, 'truth-recovered-en');
    await heading(page, 'Overview');
  });
});

function addressBytes(address: string): Uint8Array {
  const parsed = parseAddress(address.slice(0, address.indexOf('1')), address);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
