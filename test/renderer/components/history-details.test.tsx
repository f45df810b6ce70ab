// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen.tsx';
import type { HistoryEntry } from '../../../renderer/src/features/history/HistoryTable.tsx';
import { answer, fakeMain } from './fake-bridge.ts';
import { ADDRESS_1, ADDRESS_2, HASH, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const CANDIDATE = 'cdev1cand001';
const TIME = Date.UTC(2026, 11, 6, 12, 30);
const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  txId: '11'.repeat(32),
  height: 742,
  position: 0,
  type: 'transfer',
  direction: 'out',
  fee: '1000',
  time: TIME,
  verification: 'verified',
  ...overrides,
});
const ENTRIES: HistoryEntry[] = [
  entry({
    txId: 'a1'.repeat(32),
    type: 'vote',
    votes: [{ candidate: CANDIDATE, increase: true, amount: '2000000000' }],
  }),
  entry({ txId: 'a2'.repeat(32), type: 'stake', amount: '5000000000' }),
  entry({ txId: 'a3'.repeat(32), type: 'transfer', direction: 'in', counterparty: ADDRESS_2, amount: '1500000' }),
  entry({ txId: 'a4'.repeat(32), type: 'unstake', amount: '3000000' }),
];

// jsdom lays nothing out: give the table's scroller the height it has in a browser, so rows render.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: (): number => 480 });
});

/** Issue 13 item 7: history reads like a statement, with names, long dates and a details drawer per row. */
describe('history as a statement', () => {
  const main = () =>
    fakeMain({
      'vault.status': () =>
        answer(
          vaultStatus({
            accounts: [
              vaultAccount({ address: ADDRESS_1 }),
              vaultAccount({ id: 'acct-2', address: ADDRESS_2, label: 'Account 2' }),
            ],
          }),
        ),
      'wallet.history': () => answer({ entries: ENTRIES }),
      'wallet.contacts': () => answer([]),
      'network.candidates': () =>
        answer([
          {
            address: CANDIDATE,
            name: 'producer-1',
            rank: 1,
            voteWeight: '1',
            share: 1,
            status: 'active',
            inSet: true,
            producedBlocks: '1',
            missedBlocks: '0',
            consecutiveMisses: 0,
            endpoint: 'http://127.0.0.1:1',
            consensusKey: 'ef'.repeat(32),
            verifiedAt: { height: 742, blockHash: HASH },
          } satisfies MethodOutput<'network.candidates'>[number],
        ]),
    });

  it('names what happened, with candidates and own accounts by name and dates in the long form', async () => {
    renderScreen(<HistoryScreen />, main().bridge);
    await screen.findAllByTestId('history-row');
    const lines = () => screen.getAllByTestId('history-what').map((node) => node.textContent);
    await screen.findByText('producer-1');
    expect(lines()).toEqual([
      'Voted 2,000 CNS for producer-1',
      'Staked 5,000 CNS',
      'Received 1.5 CNS from Account 2',
      'Unstaked 3 CNS',
    ]);
    expect(screen.getAllByTestId('history-row')[0]).toHaveTextContent('December 6, 2026');
    expect(screen.getAllByTestId('history-row')[3]).not.toHaveTextContent('Out');
  });

  it('opens a row into a drawer with its proof, block and a copyable id, and closes back to the row', async () => {
    const user = userEvent.setup();
    renderScreen(<HistoryScreen />, main().bridge);
    await screen.findByText('producer-1');
    await user.click(screen.getByRole('button', { name: 'Details of: Voted 2,000 CNS for producer-1' }));
    const drawer = screen.getByTestId('history-details');
    expect(within(drawer).getByRole('heading', { name: 'Transaction details' })).toHaveFocus();
    expect(within(drawer).getByText('Verified')).toBeInTheDocument();
    expect(within(drawer).getByTestId('detail-block')).toHaveTextContent('Block 742, transaction #1');
    expect(within(drawer).getByTestId('detail-txid')).toHaveTextContent('a1'.repeat(32));
    expect(within(drawer).getByRole('button', { name: 'Copy the id' })).toHaveAttribute('data-copy', 'a1'.repeat(32));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('history-details')).toBeNull();
  });
});
