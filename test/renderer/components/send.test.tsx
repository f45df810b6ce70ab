// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { SendScreen } from '../../../renderer/src/features/send/SendScreen.tsx';
import { answer, failure, fakeMain, never, type FakeHandlers } from './fake-bridge.ts';
import { ADDRESS_1, ADDRESS_2, HASH, accountView, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const TX_ID = 'ef'.repeat(32);
const CONTACT = { address: ADDRESS_2, label: 'Alice' };

function draft(overrides: Partial<MethodOutput<'wallet.prepare'>> = {}): MethodOutput<'wallet.prepare'> {
  return {
    draftId: 'draft-1',
    accountId: 'acct-1',
    from: ADDRESS_1,
    type: 'transfer',
    nonce: 3,
    fee: '1000',
    expiryHeight: 1800,
    summary: [
      { label: 'Send', value: '12.5 CNS' },
      { label: 'To', value: ADDRESS_2 },
    ],
    verifiedAt: { height: 1200, blockHash: HASH },
    ...overrides,
  };
}
const tracked = (
  state: MethodOutput<'wallet.submit'>['state'],
  extra: Partial<MethodOutput<'wallet.submit'>> = {},
): MethodOutput<'wallet.submit'> => ({
  txId: TX_ID,
  from: ADDRESS_1,
  type: 'transfer',
  state,
  submittedAt: 1_700_000_000_000,
  ...extra,
});

/** A main process with one signing account, an address book, and an address check that knows ADDRESS_2. */
function sendMain(extra: FakeHandlers = {}) {
  let contacts = [CONTACT];
  let followed = tracked('submitted');
  const main = fakeMain({
    'vault.status': () => answer(vaultStatus()),
    'wallet.account': () => answer(accountView()),
    'wallet.contacts': () => answer(contacts),
    'wallet.saveContact': ({ address, label }) => answer((contacts = [...contacts, { address, label }])),
    'wallet.removeContact': ({ address }) =>
      answer((contacts = contacts.filter((contact) => contact.address !== address))),
    'network.checkAddress': ({ address }) =>
      answer(
        address === ADDRESS_2 || address === ADDRESS_1
          ? { valid: true }
          : { valid: false, reason: 'The checksum does not match; a character is mistyped.' },
      ),
    'wallet.prepare': ({ fee }) => answer(draft(fee ? { fee } : {})),
    'wallet.submit': () => answer(tracked('submitted')),
    'wallet.transaction': () => answer(followed),
    ...extra,
  });
  /** The transaction moves on in the main process: its answer to wallet.transaction and the event agree. */
  const advance = (tx: MethodOutput<'wallet.submit'>) => {
    followed = tx;
    main.emit('wallet.transaction', tx);
  };
  return { ...main, advance };
}

async function fillTransfer(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Send to Alice' }));
  expect(await screen.findByText('Valid address for this network.', { exact: false })).toBeInTheDocument();
  await user.type(screen.getByLabelText('Amount (CNS)'), '12.5');
  await user.type(screen.getByLabelText('Memo (optional)'), 'lunch');
  await user.click(screen.getByRole('button', { name: 'Review' }));
}

describe('send', () => {
  it('shows loading while the vault answers', async () => {
    renderScreen(<SendScreen />, fakeMain({ 'vault.status': never }).bridge);
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
  });

  it('says so when the vault holds no account and the address book is empty', async () => {
    renderScreen(
      <SendScreen />,
      fakeMain({ 'vault.status': () => answer(vaultStatus({ accounts: [] })), 'wallet.contacts': () => answer([]) })
        .bridge,
    );
    expect(await screen.findByText('There are no accounts in the vault yet.')).toBeInTheDocument();
    expect(await screen.findByText('No saved addresses yet. Save a recipient below to reuse it.')).toBeInTheDocument();
  });

  it('shows the vault error as the next step', async () => {
    renderScreen(
      <SendScreen />,
      fakeMain({ 'vault.status': () => failure('INTERNAL', 'The vault file could not be read.') }).bridge,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('The vault file could not be read.');
  });

  it('checks the recipient as it is typed, with the reason', async () => {
    const user = userEvent.setup();
    const main = sendMain();
    renderScreen(<SendScreen />, main.bridge);
    await user.type(await screen.findByLabelText('Recipient address'), 'cdev1typo');
    expect(await screen.findByText('The checksum does not match; a character is mistyped.')).toBeInTheDocument();
    expect(screen.getByLabelText('Recipient address')).toHaveAttribute('aria-invalid', 'true');
    // Debounced: the check is asked for what was typed once typing paused, not for every keystroke.
    expect(main.callsOf('network.checkAddress')).toEqual([{ address: 'cdev1typo' }]);
    expect(screen.getByRole('button', { name: 'Save to address book' })).toBeDisabled();
  });

  it('saves the current recipient to the address book and removes a contact', async () => {
    const user = userEvent.setup();
    const main = sendMain();
    renderScreen(<SendScreen />, main.bridge);
    await user.type(await screen.findByLabelText('Recipient address'), ADDRESS_1);
    await screen.findByText('Valid address for this network.', { exact: false });
    await user.type(screen.getByLabelText('Label for this recipient'), 'Savings');
    await user.click(screen.getByRole('button', { name: 'Save to address book' }));
    expect(await screen.findByRole('button', { name: 'Send to Savings' })).toBeInTheDocument();
    expect(main.callsOf('wallet.saveContact')).toEqual([{ address: ADDRESS_1, label: 'Savings' }]);
    await user.click(screen.getByRole('button', { name: 'Remove Alice' }));
    await screen.findByRole('button', { name: 'Send to Savings' });
    expect(screen.queryByRole('button', { name: 'Send to Alice' })).not.toBeInTheDocument();
  });

  it('fills in the most that leaves the fee', async () => {
    const user = userEvent.setup();
    renderScreen(<SendScreen />, sendMain().bridge);
    expect(await screen.findByText('Available: 1,234.5 CNS')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Max' }));
    // 1,234.5 CNS liquid minus the 0.001 CNS minimum fee.
    expect(await screen.findByDisplayValue('1234.499')).toBeInTheDocument();
    expect(screen.getByTestId('send-liquid')).toHaveTextContent('Max leaves the fee (0.001 CNS) in the account.');
  });

  it('refuses to review without a valid amount', async () => {
    const user = userEvent.setup();
    const main = sendMain();
    renderScreen(<SendScreen />, main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Send to Alice' }));
    await screen.findByText('Valid address for this network.', { exact: false });
    await user.type(screen.getByLabelText('Amount (CNS)'), '1.1234567');
    await user.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.getByText('Enter an amount above zero with at most 6 decimals.')).toBeInTheDocument();
    expect(main.callsOf('wallet.prepare')).toEqual([]);
  });

  it('counts the memo in bytes as the chain does: 22 Chinese characters are 66 bytes, over the 64 allowed', async () => {
    const user = userEvent.setup();
    const main = sendMain();
    renderScreen(<SendScreen />, main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Send to Alice' }));
    await screen.findByText('Valid address for this network.', { exact: false });
    await user.type(screen.getByLabelText('Amount (CNS)'), '1');
    const memo = screen.getByLabelText('Memo (optional)');
    await user.type(memo, '午'.repeat(22));
    expect(memo).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Too long: 66 of 64 bytes (a Chinese character counts as 3). Shorten it.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Review' }));
    expect(main.callsOf('wallet.prepare')).toEqual([]);

    // 21 characters are 63 bytes: the error goes and the transfer is reviewed with the memo whole.
    await user.type(memo, '{Backspace}');
    expect(memo).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText(/Too long/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await screen.findByRole('region', { name: 'Review before signing' });
    expect(main.callsOf('wallet.prepare')).toEqual([
      { accountId: 'acct-1', intent: { type: 'transfer', to: ADDRESS_2, amount: '1000000', memo: '午'.repeat(21) } },
    ]);
  });

  it('reviews the draft, raises the fee, signs, and follows the transaction to final', async () => {
    const user = userEvent.setup();
    const main = sendMain();
    renderScreen(<SendScreen />, main.bridge);
    await fillTransfer(user);
    const review = await screen.findByRole('region', { name: 'Review before signing' });
    expect(within(review).getByTestId('tx-summary')).toHaveTextContent(`To${ADDRESS_2}`);
    expect(within(review).getByTestId('tx-fee')).toHaveTextContent('0.001 CNS');
    expect(within(review).getByTestId('review-expiry')).toHaveTextContent('(height 1,800)');
    expect(within(review).getByText('Verified at final height 1,200')).toBeInTheDocument();
    expect(main.callsOf('wallet.prepare')).toEqual([
      { accountId: 'acct-1', intent: { type: 'transfer', to: ADDRESS_2, amount: '12500000', memo: 'lunch' } },
    ]);

    await user.clear(within(review).getByLabelText('Raise the fee (CNS)'));
    await user.type(within(review).getByLabelText('Raise the fee (CNS)'), '0.002');
    await user.click(within(review).getByRole('button', { name: 'Use this fee' }));
    expect(await screen.findByText('0.002 CNS')).toBeInTheDocument();
    expect(main.callsOf('wallet.prepare').at(-1)).toMatchObject({ fee: '2000' });

    await user.click(screen.getByRole('button', { name: 'Sign and send' }));
    expect(await screen.findByTestId('tx-state')).toHaveAttribute('data-state', 'submitted');
    expect(main.callsOf('wallet.submit')).toEqual([{ draftId: 'draft-1' }]);
    main.advance(tracked('pending'));
    await screen.findByText('Waiting for the network to include it…');
    expect(screen.getByRole('listitem', { current: 'step' })).toHaveTextContent('Pending');
    main.advance(tracked('final', { verifiedAt: { height: 1210, blockHash: HASH } }));
    expect(await screen.findByText('Final at height 1,210, proof checked.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByLabelText('Recipient address')).toHaveValue(ADDRESS_2);
  });

  it('shows a rejected transaction with the chain’s reason', async () => {
    const user = userEvent.setup();
    const main = sendMain();
    renderScreen(<SendScreen />, main.bridge);
    await fillTransfer(user);
    await user.click(await screen.findByRole('button', { name: 'Sign and send' }));
    await screen.findByTestId('tx-state');
    main.advance(tracked('rejected', { reason: 'The nonce 3 was already used.' }));
    expect(await screen.findByText('Rejected: It was not included.')).toBeInTheDocument();
    expect(screen.getByText('The nonce 3 was already used.')).toHaveAttribute('lang', 'en');
  });

  it('shows a refused draft as an error and goes back to edit', async () => {
    const user = userEvent.setup();
    renderScreen(
      <SendScreen />,
      sendMain({
        'wallet.prepare': () => failure('REJECTED', 'The balance 1,234.5 CNS does not cover 12.5 CNS and the fee.'),
      }).bridge,
    );
    await fillTransfer(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('does not cover 12.5 CNS');
    await user.click(screen.getByRole('button', { name: 'Back to edit' }));
    expect(screen.getByLabelText('Amount (CNS)')).toHaveValue('12.5');
  });

  it('leads to unlocking when the vault locked before signing', async () => {
    const user = userEvent.setup();
    const main = sendMain({ 'wallet.submit': () => failure('LOCKED', 'The vault is locked.') });
    renderScreen(<SendScreen />, main.bridge);
    await fillTransfer(user);
    await user.click(await screen.findByRole('button', { name: 'Sign and send' }));
    const alert = await screen.findByRole('alert');
    const before = main.callsOf('vault.status').length;
    await user.click(within(alert).getByRole('button'));
    expect(main.callsOf('vault.status').length).toBeGreaterThan(before);
  });

  it('sends a watch-only account to offline signing', async () => {
    const watch = vaultAccount({
      id: 'acct-w',
      kind: 'watch',
      label: 'Cold',
      address: ADDRESS_2,
      publicKey: null,
      mnemonicId: null,
      index: null,
      path: null,
    });
    renderScreen(<SendScreen />, sendMain({ 'vault.status': () => answer(vaultStatus({ accounts: [watch] })) }).bridge);
    expect(await screen.findByText(/This account is watch-only/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to offline signing' })).toHaveAttribute('href', '#/offline');
    expect(screen.getByRole('button', { name: 'Review' })).toBeDisabled();
  });
});
