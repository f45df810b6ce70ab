// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { TransactionProgress } from '../../../renderer/src/components/TransactionProgress.tsx';
import { answer, fakeMain } from './fake-bridge.ts';
import { ADDRESS_2 } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const TX_ID = 'cd'.repeat(32);

describe('the transaction timeline: re-sent and expired', () => {
  it('shows a "Re-sent" step once the wallet sent it again, then "Expired — nothing was spent"', async () => {
    let followed: MethodOutput<'wallet.transaction'> = {
      txId: TX_ID,
      from: ADDRESS_2,
      type: 'transfer',
      state: 'pending',
      submittedAt: 1,
      resent: 1,
    };
    const main = fakeMain({ 'wallet.transaction': () => answer(followed) });
    renderScreen(<TransactionProgress txId={TX_ID} />, main.bridge);
    expect(await screen.findByTestId('tx-resent')).toHaveTextContent('Re-sent 1× by this wallet');
    const steps = screen.getByRole('list', { name: 'Transaction status' });
    expect([...steps.querySelectorAll('li')].map((li) => [li.textContent, li.className])).toEqual([
      ['Submitted', 'done'],
      ['Re-sent', 'done'],
      ['Pending', 'now pending'],
      ['Final', 'later'],
    ]);
    followed = {
      ...followed,
      state: 'expired',
      reason:
        'It was not included by height 90, its last valid height (verified height is now 91), so nothing was spent.',
    };
    main.emit('wallet.transaction', followed);
    expect(await screen.findByText('Expired — nothing was spent.')).toBeInTheDocument();
    expect(screen.getByTestId('tx-state')).toHaveAttribute('data-state', 'expired');
  });
});
