// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { VoteScreen } from '../../../renderer/src/features/vote/VoteScreen.tsx';
import { answer, fakeMain } from './fake-bridge.ts';
import { ADDRESS_1, HASH, accountView, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

type Candidate = MethodOutput<'network.candidates'>[number];
const candidate = (index: number): Candidate => ({
  address: `cdev1cand${String(index).padStart(3, '0')}`,
  name: `Producer ${index}`,
  rank: index,
  voteWeight: '1000000',
  share: 0.25,
  status: 'active',
  inSet: true,
  producedBlocks: '10',
  missedBlocks: '0',
  consecutiveMisses: 0,
  endpoint: 'http://127.0.0.1:26601',
  consensusKey: 'ef'.repeat(32),
  verifiedAt: { height: 1200, blockHash: HASH },
});

/** Issue 13 item 4: choosing candidates fills a cart; focus moves to the new amount; Max and split; no error before input. */
describe('vote cart', () => {
  const main = () =>
    fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'network.candidates': () => answer([candidate(1), candidate(2), candidate(3)]),
      'wallet.account': () =>
        answer(accountView({ address: ADDRESS_1, staked: '10000000', allocated: '0', allocations: [] })),
      'wallet.prepare': ({ intent }) =>
        answer({
          draftId: 'd-1',
          accountId: 'acct-1',
          from: ADDRESS_1,
          type: intent.type,
          nonce: 1,
          fee: '1000',
          expiryHeight: 1300,
          summary: [],
          verifiedAt: { height: 1200, blockHash: HASH },
        }),
    });

  it('puts a chosen candidate in the cart with focus on its empty amount and no error shown', async () => {
    const user = userEvent.setup();
    renderScreen(<VoteScreen />, main().bridge);
    await user.click(await screen.findByRole('button', { name: 'Allocate stake to Producer 2' }));
    const amount = screen.getByLabelText(/Producer 2/, { selector: 'input' });
    expect(amount).toHaveFocus();
    expect(amount).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Enter an amount such as 12.5, with at most 6 decimal places.')).toBeNull();
    expect(screen.getByRole('button', { name: 'Review the vote' })).toBeDisabled();
    await user.keyboard('3');
    expect(screen.getByTestId('unallocated')).toHaveTextContent('7 CNS');
    expect(screen.getByRole('button', { name: 'Review the vote' })).toBeEnabled();
  });

  it('Max gives a row all the stake left; split shares the stake evenly', async () => {
    const user = userEvent.setup();
    renderScreen(<VoteScreen />, main().bridge);
    await user.click(await screen.findByRole('button', { name: 'Allocate stake to Producer 1' }));
    await user.keyboard('4');
    await user.click(screen.getByRole('button', { name: 'Allocate stake to Producer 3' }));
    await user.click(screen.getByRole('button', { name: 'All the stake left to Producer 3' }));
    expect(screen.getByLabelText(/Producer 3/, { selector: 'input' })).toHaveValue('6');
    expect(screen.getByTestId('unallocated')).toHaveTextContent('0 CNS');
    await user.click(screen.getByRole('button', { name: 'Allocate stake to Producer 2' }));
    await user.click(screen.getByRole('button', { name: 'Split the stake evenly' }));
    const values = within(screen.getByRole('region', { name: 'Your allocations' }))
      .getAllByRole('textbox')
      .map((input) => (input as HTMLInputElement).value);
    expect(values).toEqual(['3.333334', '3.333333', '3.333333']);
  });
});
