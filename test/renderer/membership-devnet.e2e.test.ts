import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MethodInput, MethodName } from '../../shared/contract/ipc.ts';
import { type RunningHost } from '../helpers/webhost.ts';
import {
  devnetPage,
  heading,
  importFreshPhrase,
  payFromDevnet,
  screenshot,
  UI_TIMEOUT_MS,
  untranslatedWords,
} from './e2e-helpers.ts';
import { channelValue } from '../helpers/registry.ts';

const PASSWORD = 'violet harbour lantern 42';
const DEVNET_TIMEOUT_MS = 6 * UI_TIMEOUT_MS;
const STEP_TIMEOUT_MS = 2 * UI_TIMEOUT_MS;

const call = <M extends MethodName>(running: RunningHost, method: M, input: MethodInput<M>) =>
  channelValue(running.services.registry, method, input);

describe(
  'membership over the embedded devnet, in Chromium through the web host',
  { timeout: DEVNET_TIMEOUT_MS },
  () => {
    let running: RunningHost;
    let page: Page;
    devnetPage('membership-devnet', DEVNET_TIMEOUT_MS, (app) => ({ running, page } = app));

    it('a fresh account applies; its admission proposal appears with its tally; a member votes yes; the member list is proven', async () => {
      await importFreshPhrase(page, PASSWORD);

      // Set-up: the devnet's funded member pays the fee money to the fresh account.
      const fresh = (await call(running, 'vault.status', {})).accounts.find((a) => !a.label.startsWith('Devnet'))!;
      const funder = await payFromDevnet(running, fresh.address, '5000000', STEP_TIMEOUT_MS);

      await page.getByRole('link', { name: 'Membership' }).click();
      await heading(page, 'Membership');
      const members = page.getByRole('region', { name: 'Members' });
      await members.getByTestId('verified-mark').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await members.getByTestId('verified-mark').textContent()).toMatch(/^✓ Verified at final height [\d,]+/);
      const verified = /^(\d+) members$/.exec((await members.getByTestId('members-count').textContent()) ?? '');
      expect(verified).not.toBeNull();
      const memberCount = Number(verified![1]);
      expect(await members.getByRole('listitem').count()).toBe(memberCount);
      await page.getByLabel('Act as').selectOption(fresh.id);
      await page.getByTestId('member-status').filter({ hasText: 'Not a member' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'membership-devnet');

      const apply = page.getByRole('region', { name: 'Apply for membership' });
      await apply.getByLabel('Organisation name').fill('Acme Logistics');
      await apply.getByLabel('About the organisation').fill('Freight forwarding, Rotterdam');
      await apply.getByRole('button', { name: 'Review the application' }).click();
      const review = page.getByRole('region', { name: 'Review before signing' });
      const followed = page.getByRole('region', { name: 'Transaction status' });
      await review.getByTestId('review-facts').waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'membership-review');
      await review.getByRole('button', { name: 'Sign and send' }).click();
      await followed.locator('[data-testid="tx-state"][data-state="final"]').waitFor({ timeout: STEP_TIMEOUT_MS });

      // The devnet's proposal period is 20 blocks: the proposal is looked at while it is open.
      const proposal = page
        .getByTestId('proposal')
        .filter({ has: page.getByRole('heading', { name: 'Admit Acme Logistics' }) });
      await proposal.waitFor({ timeout: STEP_TIMEOUT_MS });
      const tally = await proposal.getByTestId('tally').textContent();
      expect(tally).toContain(`Yes: 0 of ${memberCount}`);
      expect(tally).toContain(`passes at ${Math.floor((2 * memberCount) / 3) + 1} yes (more than 2/3)`);
      expect(tally).toContain(`fails at ${Math.ceil(memberCount / 3)} no (1/3 against)`);
      expect(await proposal.getByRole('button', { name: 'Vote yes' }).isDisabled()).toBe(true);
      await screenshot(page, 'membership-proposal');

      // The devnet's funded account is a member: it votes yes, and the tally follows.
      await followed.getByRole('button', { name: 'Done' }).click();
      await page.getByLabel('Act as').selectOption(funder.id);
      await page
        .getByTestId('member-status')
        .filter({ hasText: /^Member$/ })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await proposal.getByRole('button', { name: 'Vote yes' }).click();
      await review.getByRole('button', { name: 'Sign and send' }).click();
      await followed.locator('[data-testid="tx-state"][data-state="final"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      await proposal
        .getByTestId('tally')
        .filter({ hasText: `Yes: 1 of ${memberCount}` })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await proposal.getByText('This account has already voted on this proposal.').waitFor();
      await proposal.getByText('How each member voted').click();
      await screenshot(page, 'membership-voted');

      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
      await page.getByRole('link', { name: '成员' }).click();
      await heading(page, '成员');
      await page.getByTestId('members-count').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await untranslatedWords(page)).toEqual([]);
      await screenshot(page, 'membership-zh');
    });
  },
);
