import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  addressBytes,
  deriveAccountKey,
  encodeAddress,
  generateMnemonic,
  generateSecretKey,
  mnemonicToSeed,
  publicKeyFromSecret,
} from '../../shared/core/crypto/index.ts';
import { devnetGenesis, genesisToJson } from '../../shared/core/genesis/index.ts';
import { ConsortiaNode } from '../../chain/node.ts';
import { pickFreePorts } from '../../chain/devnet/index.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { CHEAP_KDF } from '../desktop/vault/helpers.ts';
import { eventually } from '../desktop/light/helpers.ts';
import { startTestNet, type TestNet } from '../chain/net/devnet-helpers.ts';
import { heading, openApp, screenshot, transactionFinal, UI_TIMEOUT_MS, untranslatedWords } from './e2e-helpers.ts';

const PASSWORD = 'violet harbour lantern 42';
/** Four producers and a fifth node in this process, a light node verifying them, and an election to wait for: slow on a shared machine. */
const LIFECYCLE_TIMEOUT_MS = 12 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 3 * UI_TIMEOUT_MS;
const CANDIDATE_NAME = 'lantern-node';
/** More than a genesis producer's 100,000 self-vote, so the election lifts the candidate into the set of four. */
const STAKE_TOKENS = '300000';

describe(
  'a candidate’s life on a real devnet: registered, staked for, voted into the set, producing, then missing turns',
  { timeout: LIFECYCLE_TIMEOUT_MS },
  () => {
    // The person's own phrase; genesis funds its first account, so every step goes through the screens.
    const mnemonic = generateMnemonic();
    const memberAddress = addressBytes(deriveAccountKey(mnemonicToSeed(mnemonic), 0).publicKey);
    // The consensus key lives "on the producer's server" (this test): only its public half is pasted into the app.
    const consensusSecretKey = generateSecretKey();
    const consensusPublicKey = bytesToHex(publicKeyFromSecret(consensusSecretKey));
    let net: TestNet;
    let candidateNode: ConsortiaNode | undefined;
    let candidatePorts: { p2p: number; rpc: number };
    let running: RunningHost;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      const devnet = devnetGenesis({
        producers: 4,
        seed: new Uint8Array([61]),
        genesisTime: BigInt(Date.now()),
        parameters: { blockIntervalMs: 400 },
        fundedMembers: [{ address: memberAddress, name: 'Lantern operator' }],
      });
      net = await startTestNet(4, { devnet });
      const [p2p, rpc] = await pickFreePorts(2);
      candidatePorts = { p2p: p2p!, rpc: rpc! };
      const genesisFile = join(mkdtempSync(join(tmpdir(), 'consortia-genesis-')), 'genesis.json');
      writeFileSync(genesisFile, genesisToJson(devnet.doc));
      running = await startTestHost({
        network: { genesisFile, endpoints: net.nodes.map((node) => node.rpc.url) },
        vaultKdf: CHEAP_KDF,
      });
      browser = await launchChromium();
      page = await openApp(browser, running);
    }, LIFECYCLE_TIMEOUT_MS);
    afterEach(async (context) => {
      if (context.task.result?.state === 'fail') await screenshot(page, 'producer-lifecycle-failure');
    });
    afterAll(async () => {
      await browser?.close();
      await running?.close();
      await candidateNode?.stop();
      await net?.stop();
    }, LIFECYCLE_TIMEOUT_MS);

    /** Reviews the prepared draft, signs it, and waits until it is final. */
    const signAndWaitForFinal = async () => {
      await page.getByRole('button', { name: 'Sign and send' }).click({ timeout: STEP_TIMEOUT_MS });
      await transactionFinal(page, STEP_TIMEOUT_MS);
      await page.getByRole('button', { name: 'Done' }).click();
    };

    it('imports the phrase genesis funds, and registers a candidate with a pasted consensus key', async () => {
      await heading(page, 'Welcome to Consortia');
      await page.getByRole('button', { name: 'Import a recovery phrase' }).click();
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create the vault' }).click();
      await page.getByLabel('Recovery phrase', { exact: true }).fill(mnemonic);
      await page.getByRole('button', { name: 'Import' }).click();
      await heading(page, 'Overview');

      await page.getByRole('link', { name: 'Producer' }).click();
      await heading(page, 'Producer console');
      await page
        .getByRole('heading', { name: 'This account is not a candidate' })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.getByLabel('Candidate name').fill(CANDIDATE_NAME);
      await page.getByRole('radio', { name: 'The public key of a key kept on the producer’s server' }).check();
      await page.getByLabel('Public key', { exact: true }).fill(consensusPublicKey);
      await page.getByLabel('Node endpoint').fill(`http://127.0.0.1:${candidatePorts.rpc}`);
      await page.getByRole('button', { name: 'Review the registration' }).click();
      // The review step lists the intent's fields as the candidates module describes them.
      const consensusKeyRow = page.getByTestId('review-field-consensusKey');
      await consensusKeyRow.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await consensusKeyRow.textContent()).toBe(consensusPublicKey);
      await screenshot(page, 'producer-lifecycle-review');
      await signAndWaitForFinal();
      const card = page.getByTestId('producer-card');
      await card.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await card.textContent()).toContain(CANDIDATE_NAME);
      // Issue 13 item 6: its recent rounds start at its registration, and without turns yet the chart says why in words.
      await card
        .getByTestId('chart-empty')
        .filter({ hasText: /No turns since it registered in round \d+: it was not among the producers elected/ })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'producer-lifecycle-registered-1024');
      await page.setViewportSize({ width: 1440, height: 900 });
      await screenshot(page, 'producer-lifecycle-registered-1440');
      await page.setViewportSize({ width: 1024, height: 700 });
      // The same state in Chinese, at both sizes, with no English left.
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
      await page.getByRole('link', { name: '出块节点', exact: true }).click();
      await heading(page, '出块节点控制台');
      await page.getByTestId('producer-card').getByTestId('chart-empty').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await untranslatedWords(page)).toEqual([]);
      await screenshot(page, 'producer-lifecycle-registered-zh-1024');
      await page.setViewportSize({ width: 1440, height: 900 });
      await screenshot(page, 'producer-lifecycle-registered-zh-1440');
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.getByRole('link', { name: '设置' }).click();
      await page.getByLabel('语言', { exact: true }).selectOption('en');
      await page.getByRole('link', { name: 'Producer', exact: true }).click();
      await heading(page, 'Producer console');

      // Registered on chain, its key is now admitted by the producers' P2P: the candidate's node can join them.
      candidateNode = await ConsortiaNode.start({
        dataDir: join(net.dir, 'candidate'),
        genesis: net.devnet.doc,
        consensusSecretKey,
        p2p: { port: candidatePorts.p2p, peers: net.nodes.map((node) => node.p2p.url) },
        rpc: { port: candidatePorts.rpc },
        logger: pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' }),
      });
    });

    it('stakes, votes the stake for the candidate, and the rounds view shows it producing', async () => {
      await page.getByRole('link', { name: 'Stake' }).click();
      await heading(page, 'Stake');
      await page.getByTestId('stake-staked').waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.getByLabel('Amount to stake (CNS)').fill(STAKE_TOKENS);
      await page.getByRole('button', { name: 'Review staking' }).click();
      await page.getByRole('heading', { name: 'Review before signing' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await signAndWaitForFinal();

      await page.getByRole('link', { name: 'Vote' }).click();
      await heading(page, 'Vote');
      await page.getByTestId('staked').filter({ hasText: '300,000 CNS' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      const address = encodeAddress(net.devnet.doc.addressPrefix, memberAddress);
      const row = page.getByTestId(`candidate-${address}`);
      await row
        .getByRole('button', { name: `Allocate stake to ${CANDIDATE_NAME}` })
        .click({ timeout: STEP_TIMEOUT_MS });
      await page.getByLabel(new RegExp(CANDIDATE_NAME)).and(page.locator('input')).fill(STAKE_TOKENS);
      await page.getByRole('button', { name: 'Review the vote' }).click();
      await page.getByRole('heading', { name: 'Review before signing' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await signAndWaitForFinal();

      await page.getByRole('link', { name: 'Rounds' }).click();
      await heading(page, 'Rounds');
      // Elected at a round's end, it takes its turns from the round after next, once its node has caught up.
      await page
        .locator('[data-testid="slot"][data-status="produced"]', {
          has: page.locator('.slot-name', { hasText: CANDIDATE_NAME }),
        })
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'producer-lifecycle-rounds');
    });

    it('shows a missed turn in the producer console once the candidate’s node stops', async () => {
      await candidateNode!.stop();
      candidateNode = undefined;
      await page.getByRole('link', { name: 'Producer' }).click();
      await heading(page, 'Producer console');
      await page
        .locator('.alert-row[data-kind="missed"]', { hasText: CANDIDATE_NAME })
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      // The lifetime count, not the chart's: the chart keeps only recent rounds, and a loaded machine may scroll the miss out of it.
      const missedTotal = page
        .getByTestId('producer-card')
        .locator('dt', { hasText: 'Missed in total' })
        .locator('+ dd');
      await eventually(
        'the console to count a missed slot',
        async () => Number((await missedTotal.textContent())?.replace(/[^\d]/g, '')) > 0,
        STEP_TIMEOUT_MS,
      );
      await screenshot(page, 'producer-lifecycle-missed');
    });
  },
);
