// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Overview } from '../../../renderer/src/features/overview/Overview.tsx';
import { answer, failure, fakeMain, never } from './fake-bridge.ts';
import { ADDRESS_2, HASH, accountView, networkStatus, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const balances = () => screen.getByRole('region', { name: 'Balances' });
const network = () => screen.getByRole('region', { name: 'Network' });

describe('overview', () => {
  it('shows loading while the vault, balances and network are on their way', async () => {
    renderScreen(
      <Overview />,
      fakeMain({ 'vault.status': () => answer(vaultStatus()), 'wallet.account': never, 'network.status': never })
        .bridge,
    );
    await screen.findByRole('region', { name: 'Balances' });
    expect(within(balances()).getByText('Loading…')).toBeInTheDocument();
    expect(within(network()).getByText('Loading…')).toBeInTheDocument();
  });

  it('says so when the vault holds no account', async () => {
    renderScreen(
      <Overview />,
      fakeMain({
        'vault.status': () => answer(vaultStatus({ accounts: [] })),
        'network.status': () => answer(networkStatus({ endpoints: [] })),
      }).bridge,
    );
    expect(await screen.findByText('There are no accounts in the vault yet.')).toBeInTheDocument();
    expect(within(balances()).getByText('Choose an account to see its balances.')).toBeInTheDocument();
    expect(await within(network()).findByText('No endpoints are configured.')).toBeInTheDocument();
  });

  it('shows areas that are not running yet calmly, with a retry', async () => {
    const user = userEvent.setup();
    const main = fakeMain({ 'vault.status': () => answer(vaultStatus()) });
    renderScreen(<Overview />, main.bridge);
    const notice = (
      await within(await screen.findByRole('region', { name: 'Balances' })).findByText('Not available yet')
    ).closest('[data-code]')!;
    expect(notice).toHaveAttribute('role', 'status');
    expect(notice).toHaveTextContent('wallet.account is not available in this build yet.');
    expect(await within(network()).findByText('Not available yet')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const before = main.callsOf('wallet.account').length;
    await user.click(within(balances()).getByRole('button', { name: 'Try again' }));
    expect(main.callsOf('wallet.account').length).toBeGreaterThan(before);
  });

  it('shows a refusal from the network as an error with its reason', async () => {
    renderScreen(
      <Overview />,
      fakeMain({
        'vault.status': () => answer(vaultStatus()),
        'wallet.account': () =>
          failure('UNVERIFIED', 'The endpoint’s proof for this account did not match the verified state root.'),
        'network.status': () => answer(networkStatus()),
      }).bridge,
    );
    const alert = await within(await screen.findByRole('region', { name: 'Balances' })).findByRole('alert');
    expect(alert).toHaveTextContent('An answer could not be verified');
    expect(alert).toHaveTextContent('did not match the verified state root');
  });

  it('shows the balances, where they were verified, the sync state and endpoint health; live status updates it', async () => {
    const user = userEvent.setup();
    const second = vaultAccount({
      id: 'acct-2',
      label: 'Cold storage',
      kind: 'watch',
      address: ADDRESS_2,
      publicKey: null,
      mnemonicId: null,
      index: null,
      path: null,
    });
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus({ accounts: [vaultAccount(), second] })),
      'wallet.account': ({ address }) =>
        answer(
          address === ADDRESS_2
            ? accountView({ address, liquid: '5', staked: '0', allocated: '0', unbonding: [], exists: false })
            : accountView(),
        ),
      'network.status': () => answer(networkStatus()),
    });
    renderScreen(<Overview />, main.bridge);
    expect(await screen.findByTestId('balance-liquid')).toHaveTextContent('1,234.5 CNS');
    expect(screen.getByTestId('balance-staked')).toHaveTextContent('2 CNS');
    expect(screen.getByTestId('balance-unbonding')).toHaveTextContent('1 CNS');
    expect(screen.getByTestId('balance-allocated')).toHaveTextContent('1.5 CNS');
    expect(screen.getByTestId('verified-mark')).toHaveTextContent('Verified at final height 1,200');

    expect(await within(network()).findByText('Development network')).toBeInTheDocument();
    expect(within(network()).getByText('Finality lags the head by 3 blocks.')).toBeInTheDocument();
    expect(within(network()).getByText('1 of 2 trusted', { exact: false })).toBeInTheDocument();
    expect(within(network()).getByText('It served a header whose certificate did not verify.')).toBeInTheDocument();

    main.emit('network.status', networkStatus({ verifiedHeight: 1300, headHeight: 1300 }));
    expect(await within(network()).findByText('1,300')).toBeInTheDocument();

    expect(screen.getByRole('radio', { name: /Account 1\s*Main/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /Cold storage/ }));
    expect(
      await screen.findByText('This account is not on chain yet; it appears once it receives funds.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('balance-liquid')).toHaveTextContent('0.000005 CNS');
    expect(main.callsOf('wallet.account')).toContainEqual({ address: ADDRESS_2 });
  });

  it('keeps the last proven balances and their out-of-date mark when a refresh reaches no endpoint', async () => {
    let reachable = true;
    const nobodyAnswers = networkStatus({
      verifiedTime: Date.now() - 120_000,
      freshness: { state: 'stale', cause: 'noAnswer', thresholdMs: 10_000, staleAfterBlocks: 10 },
    });
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'wallet.account': () =>
        reachable ? answer(accountView()) : failure('UNREACHABLE', 'No endpoint answered state.account.'),
      'network.status': () => answer(reachable ? networkStatus() : nobodyAnswers),
    });
    renderScreen(<Overview />, main.bridge);
    expect(await screen.findByTestId('balance-liquid')).toHaveTextContent('1,234.5 CNS');
    reachable = false;
    main.emit('network.status', nobodyAnswers);
    main.emit('network.head', { height: 1201, hash: HASH, round: 100 });
    expect(await within(balances()).findByText('No endpoint answered state.account.', { exact: false })).toBeVisible();
    expect(screen.getByTestId('balance-liquid')).toHaveTextContent('1,234.5 CNS');
    expect(screen.getByTestId('verified-mark')).toHaveAttribute('data-state', 'stale');
  });
});
