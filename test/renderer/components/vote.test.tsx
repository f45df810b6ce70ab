// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { VoteScreen } from '../../../renderer/src/features/vote/VoteScreen.tsx';
import { answer, failure, fakeMain, never } from './fake-bridge.ts';
import { ADDRESS_1, HASH, accountView, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

type Candidate = MethodOutput<'network.candidates'>[number];

function candidate(index: number, overrides: Partial<Candidate> = {}): Candidate {
  return {
    address: `cdev1cand${String(index).padStart(3, '0')}`,
    name: `Producer ${index}`,
    rank: index,
    voteWeight: String((20 - index) * 1_000_000),
    share: 0.05,
    status: 'active',
    inSet: index <= 4,
    producedBlocks: String(100 + index),
    missedBlocks: String(index),
    consecutiveMisses: 0,
    endpoint: `http://127.0.0.1:${26600 + index}`,
    consensusKey: 'ef'.repeat(32),
    verifiedAt: { height: 1200, blockHash: HASH },
    ...overrides,
  };
}
const candidates = (count: number) => Array.from({ length: count }, (_, index) => candidate(index + 1));
const table = () => screen.getByRole('table');
const rowNames = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]!.textContent);
const vault = () => answer(vaultStatus());

describe('vote', () => {
  it('shows loading while the candidates and the account are on their way', async () => {
    renderScreen(
      <VoteScreen />,
      fakeMain({ 'vault.status': vault, 'network.candidates': never, 'wallet.account': never }).bridge,
    );
    const candidatesCard = await screen.findByRole('region', { name: 'Candidates' });
    expect(within(candidatesCard).getByText('Loading…')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Your allocations' })).getByText('Loading…')).toBeInTheDocument();
  });

  it('says so when no candidate has registered and the account has nothing staked', async () => {
    renderScreen(
      <VoteScreen />,
      fakeMain({
        'vault.status': vault,
        'network.candidates': () => answer([]),
        'wallet.account': () => answer(accountView({ staked: '0', allocated: '0' })),
      }).bridge,
    );
    expect(await screen.findByText('No candidate has registered yet.')).toBeInTheDocument();
    expect(await screen.findByText(/This account has nothing staked/)).toBeInTheDocument();
  });

  it('shows a refused candidate list as an error with a retry', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const main = fakeMain({
      'vault.status': vault,
      'network.candidates': () =>
        ++calls === 1
          ? failure('UNVERIFIED', 'The endpoint’s candidate list did not match the verified state root.')
          : answer(candidates(2)),
      'wallet.account': () => answer(accountView()),
    });
    renderScreen(<VoteScreen />, main.bridge);
    const alert = await within(await screen.findByRole('region', { name: 'Candidates' })).findByRole('alert');
    expect(alert).toHaveTextContent('did not match the verified state root');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Producer 2')).toBeInTheDocument();
  });

  it('lists candidates with weight, share and set; searches, filters and sorts by keyboard with aria-sort', async () => {
    const user = userEvent.setup();
    const list = [
      candidate(1, { share: 0.125 }),
      candidate(2, { status: 'jailed', rank: null, inSet: false }),
      candidate(3, { name: 'Acme node' }),
    ];
    renderScreen(
      <VoteScreen />,
      fakeMain({
        'vault.status': vault,
        'network.candidates': () => answer(list),
        'wallet.account': () => answer(accountView()),
      }).bridge,
    );
    await screen.findByText('Acme node');
    const first = within(table()).getAllByRole('row')[1]!;
    expect(first).toHaveTextContent('Producer 1');
    expect(first).toHaveTextContent('19');
    expect(first).toHaveTextContent('12.5%');
    expect(first).toHaveTextContent('In set');
    expect(rowNames()).toEqual([
      expect.stringContaining('Producer 1'),
      expect.stringContaining('Acme node'),
      expect.stringContaining('Producer 2'),
    ]);
    expect(screen.getByRole('columnheader', { name: /Rank/ })).toHaveAttribute('aria-sort', 'ascending');

    const nameSort = within(screen.getByRole('columnheader', { name: /Name/ })).getByRole('button');
    nameSort.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /Rank/ })).toHaveAttribute('aria-sort', 'none');
    expect(rowNames()[0]).toContain('Acme node');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()[0]).toContain('Producer 2');

    await user.type(screen.getByLabelText('Search by name or address'), 'cand003');
    expect(rowNames()).toEqual([expect.stringContaining('Acme node')]);
    await user.clear(screen.getByLabelText('Search by name or address'));
    await user.selectOptions(screen.getByLabelText('Status'), 'jailed');
    expect(rowNames()).toEqual([expect.stringContaining('Producer 2')]);
    await user.selectOptions(screen.getByLabelText('Producer set'), 'in');
    expect(screen.getByText('No candidate matches the search and filters.')).toBeInTheDocument();
  });

  it('edits allocations with the unallocated stake updating live, refuses more than the stake and more than 10 candidates', async () => {
    const user = userEvent.setup();
    const account = accountView({
      staked: '10000000',
      allocated: '2000000',
      allocations: [{ candidate: 'cdev1cand001', name: 'Producer 1', amount: '2000000' }],
    });
    renderScreen(
      <VoteScreen />,
      fakeMain({
        'vault.status': vault,
        'network.candidates': () => answer(candidates(12)),
        'wallet.account': () => answer(account),
      }).bridge,
    );
    expect(await screen.findByLabelText(/Producer 1/, { selector: 'input' })).toHaveValue('2');
    expect(screen.getByTestId('staked')).toHaveTextContent('10 CNS');
    expect(screen.getByTestId('unallocated')).toHaveTextContent('8 CNS');

    await user.click(screen.getByRole('button', { name: 'Allocate stake to Producer 2' }));
    await user.type(screen.getByLabelText(/Producer 2/, { selector: 'input' }), '3.5');
    expect(screen.getByTestId('unallocated')).toHaveTextContent('4.5 CNS');
    await user.clear(screen.getByLabelText(/Producer 2/, { selector: 'input' }));
    await user.type(screen.getByLabelText(/Producer 2/, { selector: 'input' }), '35');
    expect(screen.getByRole('alert')).toHaveTextContent('The allocations are 27 CNS more than the stake.');
    expect(screen.getByRole('button', { name: 'Review the vote' })).toBeDisabled();
    await user.clear(screen.getByLabelText(/Producer 2/, { selector: 'input' }));
    await user.type(screen.getByLabelText(/Producer 2/, { selector: 'input' }), '1.2345678');
    expect(screen.getByText(/Enter an amount such as 12.5/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Review the vote' })).toBeDisabled();
    await user.clear(screen.getByLabelText(/Producer 2/, { selector: 'input' }));

    for (let index = 3; index <= 10; index++)
      await user.click(screen.getByRole('button', { name: `Allocate stake to Producer ${index}` }));
    expect(
      screen.getByText('An account can vote for at most 10 candidates. Remove one to choose another.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Allocate stake to Producer 11' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Remove the allocation to Producer 10' }));
    expect(screen.getByRole('button', { name: 'Allocate stake to Producer 11' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByTestId('unallocated')).toHaveTextContent('8 CNS');
  });

  it('reviews the draft, submits a vote intent with the target allocations and follows it to final', async () => {
    const user = userEvent.setup();
    const followed = { txId: 'cd'.repeat(32), from: ADDRESS_1, type: 'vote', submittedAt: Date.now() };
    let state: MethodOutput<'wallet.transaction'> = { ...followed, state: 'pending' };
    const main = fakeMain({
      'vault.status': vault,
      'network.candidates': () => answer(candidates(3)),
      'wallet.account': () => answer(accountView({ staked: '5000000', allocations: [] })),
      'wallet.prepare': () =>
        answer({
          draftId: 'draft-1',
          accountId: 'acct-1',
          from: ADDRESS_1,
          type: 'vote',
          nonce: 3,
          fee: '1000',
          expiryHeight: 1300,
          summary: [{ label: 'Vote for', value: 'Producer 2: 4 CNS' }],
          verifiedAt: { height: 1200, blockHash: HASH },
        }),
      'wallet.submit': () =>
        answer({ txId: 'cd'.repeat(32), from: ADDRESS_1, type: 'vote', state: 'submitted', submittedAt: Date.now() }),
      'wallet.transaction': () => answer(state),
    });
    renderScreen(<VoteScreen />, main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Allocate stake to Producer 2' }));
    await user.type(screen.getByLabelText(/Producer 2/, { selector: 'input' }), '4');
    await user.click(screen.getByRole('button', { name: 'Review the vote' }));
    expect(main.callsOf('wallet.prepare')).toEqual([
      {
        accountId: 'acct-1',
        intent: { type: 'vote', allocations: [{ candidate: 'cdev1cand002', amount: '4000000' }] },
      },
    ]);
    const review = await screen.findByRole('region', { name: 'Review before signing' });
    expect(within(review).getByTestId('tx-summary')).toHaveTextContent('Producer 2: 4 CNS');
    expect(within(review).getByTestId('tx-fee')).toHaveTextContent('0.001 CNS');
    await user.click(within(review).getByRole('button', { name: 'Sign and send' }));
    expect(main.callsOf('wallet.submit')).toEqual([{ draftId: 'draft-1' }]);
    await screen.findByText('Waiting for the network to include it…');
    state = { ...followed, state: 'final', verifiedAt: { height: 1210, blockHash: HASH } };
    main.emit('wallet.transaction', state);
    expect(await screen.findByText('Final at height 1,210, proof checked.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByRole('button', { name: 'Review the vote' })).toBeInTheDocument();
  });

  it('shows a refused preparation as the next step and keeps the edits', async () => {
    const user = userEvent.setup();
    renderScreen(
      <VoteScreen />,
      fakeMain({
        'vault.status': vault,
        'network.candidates': () => answer(candidates(2)),
        'wallet.account': () => answer(accountView({ staked: '5000000' })),
        'wallet.prepare': () =>
          failure('REJECTED', 'The fee of 0.001 CNS is more than the 0 CNS this account can spend.'),
      }).bridge,
    );
    await user.click(await screen.findByRole('button', { name: 'Allocate stake to Producer 1' }));
    await user.type(screen.getByLabelText(/Producer 1/, { selector: 'input' }), '1');
    await user.click(screen.getByRole('button', { name: 'Review the vote' }));
    expect(await screen.findByText(/The fee of 0.001 CNS is more than/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Producer 1/, { selector: 'input' })).toHaveValue('1');
  });
});
