// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { StakeScreen } from '../../../renderer/src/features/stake/StakeScreen.tsx';
import { answer, failure, fakeMain, never, type FakeHandlers } from './fake-bridge.ts';
import { ADDRESS_1, HASH, accountView, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const TX_ID = 'ef'.repeat(32);

function stakeMain(extra: FakeHandlers = {}) {
  let followed: MethodOutput<'wallet.submit'> = {
    txId: TX_ID,
    from: ADDRESS_1,
    type: 'stake',
    state: 'submitted',
    submittedAt: 1,
  };
  const main = fakeMain({
    'vault.status': () => answer(vaultStatus()),
    'wallet.account': () => answer(accountView()),
    'wallet.prepare': ({ intent }) =>
      answer({
        draftId: 'd-1',
        accountId: 'acct-1',
        from: ADDRESS_1,
        type: intent.type,
        nonce: 3,
        fee: '1000',
        expiryHeight: 1800,
        summary: [{ label: 'Action', value: intent.type }],
        verifiedAt: { height: 1200, blockHash: HASH },
      }),
    'wallet.submit': () => answer(followed),
    'wallet.transaction': () => answer(followed),
    ...extra,
  });
  const advance = (tx: Partial<MethodOutput<'wallet.submit'>>) => {
    followed = { ...followed, ...tx };
    main.emit('wallet.transaction', followed);
  };
  return { ...main, advance };
}

describe('stake', () => {
  it('shows loading while the vault and the balances answer', async () => {
    renderScreen(
      <StakeScreen />,
      fakeMain({ 'vault.status': () => answer(vaultStatus()), 'wallet.account': never }).bridge,
    );
    expect(await screen.findByLabelText('Account')).toBeInTheDocument();
    expect(screen.getByText('Loading…')).toBeInTheDocument();
  });

  it('says so when the vault holds no account', async () => {
    renderScreen(<StakeScreen />, fakeMain({ 'vault.status': () => answer(vaultStatus({ accounts: [] })) }).bridge);
    expect(await screen.findByText('There are no accounts in the vault yet.')).toBeInTheDocument();
  });

  it('shows a balance that could not be verified as an error with a retry', async () => {
    renderScreen(
      <StakeScreen />,
      fakeMain({
        'vault.status': () => answer(vaultStatus()),
        'wallet.account': () => failure('UNVERIFIED', 'The proof did not match the verified state root.'),
      }).bridge,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An answer could not be verified');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says when nothing is unbonding, and keeps withdraw off', async () => {
    renderScreen(<StakeScreen />, stakeMain({ 'wallet.account': () => answer(accountView({ unbonding: [] })) }).bridge);
    expect(
      await screen.findByText('Nothing is unbonding. Unstaked tokens appear here until they can be withdrawn.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Review withdrawal' })).toBeDisabled();
    expect(screen.getByTestId('withdrawable')).toHaveTextContent('Nothing has matured yet.');
  });

  it('shows the balances and each unbonding entry counting down to its release', async () => {
    renderScreen(<StakeScreen />, stakeMain().bridge);
    expect(await screen.findByTestId('stake-liquid')).toHaveTextContent('1,234.5 CNS');
    expect(screen.getByTestId('stake-staked')).toHaveTextContent('2 CNS');
    expect(screen.getByTestId('stake-allocated')).toHaveTextContent('1.5 CNS');
    expect(screen.getByTestId('stake-unallocated')).toHaveTextContent('0.5 CNS');
    expect(screen.getByTestId('verified-mark')).toHaveTextContent('Verified at final height 1,200');
    const entries = screen.getAllByTestId('unbonding-entry');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('0.25 CNS');
    expect(entries[0]).toHaveTextContent('1,300');
    const countdown = within(entries[0]!).getByTestId('unbonding-countdown');
    const first = countdown.textContent;
    expect(first).toMatch(/\d+s/);
    await waitFor(() => expect(countdown.textContent).not.toBe(first), { timeout: 10_000 });
    expect(screen.getByRole('button', { name: 'Review withdrawal' })).toBeDisabled();
  });

  it('withdraws what has matured', async () => {
    const user = userEvent.setup();
    const matured = accountView({
      withdrawable: '250000',
      unbonding: [{ amount: '250000', releaseHeight: 1100, releaseAt: Date.now() - 1000 }],
    });
    const main = stakeMain({ 'wallet.account': () => answer(matured) });
    renderScreen(<StakeScreen />, main.bridge);
    expect(await screen.findByTestId('unbonding-countdown')).toHaveTextContent('Ready to withdraw');
    expect(screen.getByTestId('withdrawable')).toHaveTextContent('Withdrawable now: 0.25 CNS');
    await user.click(screen.getByRole('button', { name: 'Review withdrawal' }));
    await screen.findByRole('region', { name: 'Review before signing' });
    expect(main.callsOf('wallet.prepare')).toEqual([{ accountId: 'acct-1', intent: { type: 'withdraw' } }]);
  });

  it('stakes through review, sign and follow until final', async () => {
    const user = userEvent.setup();
    const main = stakeMain();
    renderScreen(<StakeScreen />, main.bridge);
    await user.type(await screen.findByLabelText('Amount to stake (CNS)'), '100');
    await user.click(screen.getByRole('button', { name: 'Review staking' }));
    expect(await screen.findByTestId('tx-summary')).toHaveTextContent('stake');
    expect(main.callsOf('wallet.prepare')).toEqual([
      { accountId: 'acct-1', intent: { type: 'stake', amount: '100000000' } },
    ]);
    await user.click(screen.getByRole('button', { name: 'Sign and send' }));
    await screen.findByTestId('tx-state');
    main.advance({ state: 'final', verifiedAt: { height: 1201, blockHash: HASH } });
    expect(await screen.findByText('Final at height 1,201, proof checked.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByTestId('stake-staked')).toBeVisible();
  });

  it('unstakes, and refuses an amount that is not one', async () => {
    const user = userEvent.setup();
    const main = stakeMain();
    renderScreen(<StakeScreen />, main.bridge);
    const field = await screen.findByLabelText('Amount to unstake (CNS)');
    await user.type(field, 'abc');
    await user.click(screen.getByRole('button', { name: 'Review unstaking' }));
    expect(screen.getByText('Enter an amount above zero with at most 6 decimals.')).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, '0.5');
    await user.click(screen.getByRole('button', { name: 'Review unstaking' }));
    await screen.findByRole('region', { name: 'Review before signing' });
    expect(main.callsOf('wallet.prepare')).toEqual([
      { accountId: 'acct-1', intent: { type: 'unstake', amount: '500000' } },
    ]);
  });
});
