/**
 * Issue 15: the wallet re-broadcasts to a second endpoint after the first dies — in Chromium through the web
 * host, over a real four-producer network on 127.0.0.1.
 *
 * Staging "the first endpoint dies with the transfer in its pool": endpoint A is a proxy whose chain answers
 * come from producer 0 but whose pool (tx.submit, tx.status) is that of a real node started with no peers,
 * so a transfer it accepts reaches no other node (as in test/chain/mempool-gossip.test.ts). A plain producer
 * cannot stand in: it gossips the transfer at once, and its chain must stay current or the light node would
 * set it aside as behind and send through B from the start. Endpoint B is a pass-through proxy before
 * producer 1. The wallet's account is funded in genesis, so the peerless node knows its balance.
 *
 * The transfer is sent from the Send screen, seen pending in A's pool only; A (proxy and node) then dies, and
 * the wallet must find the transfer unknown through B, send it there, and follow it to final: the timeline
 * reads Submitted → Re-sent → Pending → Final. Once in English, once (with A back on its port before a new
 * peerless node) in Chinese. Screenshots: test-results/screens/renderer-rebroadcast-*.png.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import pino from 'pino';
import { ConsortiaNode } from '../../chain/node.ts';
import {
  addressBytes,
  addressFromPublicKey,
  deriveAccountKey,
  generateMnemonic,
  mnemonicToSeed,
} from '../../shared/core/crypto/index.ts';
import { devnetGenesis, genesisToJson } from '../../shared/core/genesis/index.ts';
import type { MethodInput, MethodName } from '../../shared/contract/ipc.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { eventually } from '../desktop/light/helpers.ts';
import { TamperProxy } from '../desktop/light/tamper-proxy.ts';
import { startTestNet, type TestNet } from '../chain/net/devnet-helpers.ts';
import { final } from '../chain/net/tx-helpers.ts';
import { heading, importFreshPhrase, openApp, screenshot, transactionFinal, UI_TIMEOUT_MS } from './e2e-helpers.ts';
import { channelValue } from '../helpers/registry.ts';

const PASSWORD = 'cobalt ferry whistle 58';
const BLOCK_MS = 1_000;
const TIMEOUT_MS = 6 * UI_TIMEOUT_MS;
const STEP_MS = 2 * UI_TIMEOUT_MS;

/** What the Send screen and the timeline say, per language. */
const UI = {
  en: {
    send: 'Send',
    available: /^Available: [1-9]/,
    recipient: 'Recipient address',
    amount: 'Amount (CNS)',
    review: 'Review',
    reviewTitle: 'Review before signing',
    sign: 'Sign and send',
    resentNote: /^Re-sent 1× by this wallet/,
    steps: ['Submitted', 'Re-sent', 'Pending', 'Final'],
    finalAt: /^✓ Final at height [\d,]+, proof checked\.$/,
  },
  zh: {
    send: '转账',
    available: /^可用：[1-9]/,
    recipient: '收款地址',
    amount: '金额（CNS）',
    review: '核对',
    reviewTitle: '签名前核对',
    sign: '签名并发送',
    resentNote: /^本钱包已重新发送 1 次/,
    steps: ['已提交', '已重新发送', '待确认', '已最终确认'],
    finalAt: /^✓ 已在高度 [\d,]+ 最终确认，证明已核验。$/,
  },
} as const;

describe(
  'the wallet re-sends a transfer to the second endpoint after the first died with it, in Chromium',
  { timeout: TIMEOUT_MS },
  () => {
    let net: TestNet;
    let running: RunningHost;
    let browser: Browser;
    let page: Page;
    /** Endpoint A: producer 0's chain, the peerless node's pool. */
    let first: TamperProxy | undefined;
    let poolOnly: ConsortiaNode | undefined;
    /** Endpoint B: producer 1, passed through. */
    let second: TamperProxy;
    let recipient: string;
    /** A's port, kept for it to come back on (the light node's endpoint list is fixed at start). */
    let firstPort: number;
    const mnemonic = generateMnemonic();
    const walletKey = deriveAccountKey(mnemonicToSeed(mnemonic), 0);

    /** A node of this network with no peer at all, and endpoint A in front of it (on `port` when A comes back). */
    async function startFirstEndpoint(port = 0): Promise<void> {
      poolOnly = await ConsortiaNode.start({
        dataDir: mkdtempSync(join(tmpdir(), 'consortia-pool-only-')),
        genesis: net.devnet.doc,
        consensusSecretKey: new Uint8Array(randomBytes(32)),
        p2p: { peers: [] },
        rpc: {},
        observer: true,
        logger: pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' }),
      });
      first = await TamperProxy.start(net.nodes[0]!.rpc.url, port);
      for (const method of ['tx.submit', 'tx.status']) first.divert(method, poolOnly.rpc.url);
    }

    async function killFirstEndpoint(): Promise<void> {
      await first?.close();
      await poolOnly?.stop();
      first = poolOnly = undefined;
    }

    const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
      channelValue(running.services.registry, method, input);

    beforeAll(async () => {
      const devnet = devnetGenesis({
        producers: 4,
        seed: new Uint8Array([15]),
        genesisTime: BigInt(Date.now()),
        parameters: { blockIntervalMs: BLOCK_MS },
        fundedMembers: [{ address: addressBytes(walletKey.publicKey), name: 'Re-broadcast test wallet' }],
      });
      net = await startTestNet(4, { devnet });
      recipient = addressFromPublicKey(devnet.doc.addressPrefix, devnet.memberKeys[1]!.accountPublicKey);
      await startFirstEndpoint();
      firstPort = Number(new URL(first!.url).port);
      second = await TamperProxy.start(net.nodes[1]!.rpc.url);
      const genesisFile = join(net.dir, 'genesis.json');
      writeFileSync(genesisFile, genesisToJson(devnet.doc));
      running = await startTestHost({
        network: { genesisFile, endpoints: [first!.url, second.url] },
        vaultKdf: CHEAP_KDF,
      });
      browser = await launchChromium();
      page = await openApp(browser, running);
    }, TIMEOUT_MS);

    afterEach(async (context) => {
      if (context.task.result?.state === 'fail' && page) await screenshot(page, 'rebroadcast-failure');
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
      await killFirstEndpoint();
      await second?.close();
      await net?.stop();
    }, TIMEOUT_MS);

    /**
     * Sends `amount` from the Send screen through endpoint A; checks that only the peerless node holds it; kills
     * A; waits for the re-send through B and final. Screenshots `rebroadcast-{pending,resent,final}-<lang>`.
     */
    async function sendLoseAndResend(lang: keyof typeof UI, amount: string): Promise<void> {
      const ui = UI[lang];
      await page.getByRole('link', { name: ui.send, exact: true }).click();
      await heading(page, ui.send);
      await page.getByText(ui.available).waitFor({ timeout: STEP_MS });
      await page.getByLabel(ui.recipient, { exact: true }).fill(recipient);
      // "Review" does nothing until the typed address has been checked valid.
      await page.locator('[data-testid="address-check"] .ok-text').waitFor({ timeout: STEP_MS });
      await page.getByLabel(ui.amount, { exact: true }).fill(amount);
      await page.getByRole('button', { name: ui.review, exact: true }).click();
      await page.getByRole('heading', { name: ui.reviewTitle }).waitFor({ timeout: STEP_MS });
      const submitsThroughSecond = second.requests.filter((r) => r.method === 'tx.submit').length;
      await page.getByRole('button', { name: ui.sign, exact: true }).click();

      // Pending — in the peerless node's pool, and nowhere else.
      await page.locator('[data-testid="tx-state"][data-state="pending"]').waitFor({ timeout: STEP_MS });
      const txId = (await page.getByTestId('tx-id').textContent())!;
      expect(poolOnly!.mempool.has(txId)).toBe(true);
      for (const node of net.nodes) {
        expect(node.mempool.has(txId)).toBe(false);
        expect(node.chain.store.transactionLocation(Buffer.from(txId, 'hex'))).toBeUndefined();
      }
      expect(second.requests.filter((r) => r.method === 'tx.submit').length).toBe(submitsThroughSecond);
      expect(await page.locator('.tx-steps li').allTextContents()).toEqual([ui.steps[0], ui.steps[2], ui.steps[3]]);
      await screenshot(page, `rebroadcast-pending-${lang}`);

      // Endpoint A dies with the only copy.
      await killFirstEndpoint();

      // The wallet notices, re-sends through B; the note may be brief (B's producers include it within a block or two).
      const resentNote = page.getByTestId('tx-resent');
      await resentNote
        .or(page.locator('[data-testid="tx-state"][data-state="final"]'))
        .first()
        .waitFor({ timeout: STEP_MS });
      if (await resentNote.isVisible()) {
        expect(await resentNote.textContent()).toMatch(ui.resentNote);
        await screenshot(page, `rebroadcast-resent-${lang}`);
      }
      await transactionFinal(page, STEP_MS);
      expect(await page.locator('.tx-steps li').allTextContents()).toEqual([...ui.steps]);
      expect(await page.locator('.tx-steps li.done').count()).toBe(3);
      expect(await page.getByTestId('tx-state').textContent()).toMatch(ui.finalAt);
      await screenshot(page, `rebroadcast-final-${lang}`);

      // The re-send went through B, the wallet counted it, and the transfer is in a block of the chain.
      const resent = second.requests.filter((r) => r.method === 'tx.submit').slice(submitsThroughSecond);
      expect(resent.length).toBeGreaterThanOrEqual(1);
      expect(await call('wallet.transaction', { txId })).toMatchObject({ state: 'final', resent: 1 });
      expect((await final(net.nodes[2]!, txId, STEP_MS)).status).toBe('final');
    }

    it('English: pending only in the first endpoint’s pool; it dies; re-sent through the second; final', async () => {
      await importFreshPhrase(page, PASSWORD, mnemonic);
      await sendLoseAndResend('en', '3');
    });

    it('Chinese: the same, with the first endpoint back on its port before a new peerless node', async () => {
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
      await killFirstEndpoint(); // already dead unless the English run failed before killing it
      await startFirstEndpoint(firstPort);
      // The light node prefers A again once its retry pause is over: its reads then go through A.
      const back = first!;
      await eventually(
        'the light node to use the first endpoint again',
        () => back.requests.some((r) => r.method.startsWith('state.')),
        STEP_MS,
      );
      await sendLoseAndResend('zh', '2');
    });
  },
);
