// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { MembershipScreen } from '../../../renderer/src/features/membership/MembershipScreen.tsx';
import { answer, failure, fakeMain, never, type FakeHandlers } from './fake-bridge.ts';
import { ADDRESS_1, ADDRESS_2, HASH, accountView, networkStatus, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

type Proposal = MethodOutput<'network.proposals'>[number];
const PROPOSAL_ID = 'cd'.repeat(32);
const TX_ID = 'ef'.repeat(32);
const ADDRESS_3 = 'cdev1yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy3';

function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: PROPOSAL_ID,
    proposer: ADDRESS_3,
    subject: 'Admit Acme Ltd',
    kind: 'admitMember',
    yes: 1,
    no: 0,
    members: 4,
    deadlineHeight: 1220,
    status: 'open',
    votes: [{ member: ADDRESS_2, approve: true }],
    ...overrides,
  };
}

const members = () =>
  answer({
    members: [
      { address: ADDRESS_1, name: 'Northwind' },
      { address: ADDRESS_2, name: 'Contoso' },
    ],
    verifiedAt: { height: 1200, blockHash: HASH },
  });

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    'vault.status': () => answer(vaultStatus()),
    'wallet.account': () => answer(accountView({ isMember: true })),
    'network.status': () => answer(networkStatus()),
    'network.proposals': () => answer([proposal()]),
    'network.members': members,
    ...overrides,
  };
}

const proposalsRegion = () => screen.getByRole('region', { name: 'Open proposals' });
const membersRegion = () => screen.getByRole('region', { name: 'Members' });

describe('membership screen', () => {
  it('shows loading while proposals and members are on their way', async () => {
    renderScreen(
      <MembershipScreen />,
      fakeMain(handlers({ 'network.proposals': never, 'network.members': never })).bridge,
    );
    await screen.findByRole('region', { name: 'Open proposals' });
    expect(within(proposalsRegion()).getByText('Loading…')).toBeInTheDocument();
    expect(within(membersRegion()).getByText('Loading…')).toBeInTheDocument();
  });

  it('says so when nothing is open and nobody is a member, and offers to apply', async () => {
    renderScreen(
      <MembershipScreen />,
      fakeMain(
        handlers({
          'network.proposals': () => answer([]),
          'network.members': () => answer({ members: [], verifiedAt: { height: 5, blockHash: HASH } }),
          'wallet.account': () => answer(accountView({ isMember: false })),
        }),
      ).bridge,
    );
    expect(
      await within(await screen.findByRole('region', { name: 'Open proposals' })).findByText(
        'No proposal is open right now.',
      ),
    ).toBeInTheDocument();
    expect(await within(membersRegion()).findByText('The consortium has no members yet.')).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Apply for membership' })).toBeInTheDocument();
    expect(screen.getByTestId('member-status')).toHaveTextContent('Not a member');
  });

  it('shows errors as next steps, with a retry', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      handlers({
        'network.proposals': () =>
          failure('UNVERIFIED', 'The endpoint’s proof for a proposal did not match the verified state root.'),
      }),
    );
    renderScreen(<MembershipScreen />, main.bridge);
    const alert = await within(await screen.findByRole('region', { name: 'Open proposals' })).findByRole('alert');
    expect(alert).toHaveTextContent('did not match the verified state root');
    const before = main.callsOf('network.proposals').length;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(main.callsOf('network.proposals').length).toBeGreaterThan(before);
  });

  it('shows a proposal in plain words with its tally, thresholds, deadline and each member’s vote; the member list with where it was verified', async () => {
    renderScreen(<MembershipScreen />, fakeMain(handlers()).bridge);
    const card = await within(await screen.findByRole('region', { name: 'Open proposals' })).findByTestId('proposal');
    expect(within(card).getByRole('heading', { name: 'Admit Acme Ltd' })).toBeInTheDocument();
    expect(within(card).getByTestId('tally')).toHaveTextContent('Yes: 1 of 4');
    expect(within(card).getByTestId('tally')).toHaveTextContent('passes at 3 yes (more than 2/3)');
    expect(within(card).getByTestId('tally')).toHaveTextContent('No: 0 of 4');
    expect(within(card).getByTestId('tally')).toHaveTextContent('fails at 2 no (1/3 against)');
    expect(card).toHaveTextContent('deadline at height 1,220, in 20 blocks');
    const votes = within(card)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(votes).toEqual(['Northwind not yet', 'Contoso yes']);
    expect(await within(membersRegion()).findByText('Northwind')).toBeInTheDocument();
    expect(within(membersRegion()).getByText(ADDRESS_2)).toBeInTheDocument();
    expect(within(membersRegion()).getByTestId('members-count')).toHaveTextContent('2 members');
    expect(within(membersRegion()).getByTestId('verified-mark')).toHaveTextContent('Verified at final height 1,200');
    expect(screen.getByRole('region', { name: 'Propose a change' })).toBeInTheDocument();
  });

  it('shows a proposal opened meanwhile even when blocks come faster than the proposals are read', async () => {
    // Each proven listing takes longer than a block: a refresh on every head that cancelled the one still running
    // left the screen on its first answer (the devnet e2e never saw the application it had just made).
    let opened = false;
    const main = fakeMain(
      handlers({
        'network.proposals': () =>
          new Promise((resolve) => setTimeout(() => resolve(answer(opened ? [proposal()] : [])), 60)),
      }),
    );
    renderScreen(<MembershipScreen />, main.bridge);
    await screen.findByText('No proposal is open right now.');
    opened = true;
    let height = 1201;
    const heads = setInterval(() => main.emit('network.head', { height: height++, hash: HASH, round: 100 }), 15);
    try {
      expect(await within(proposalsRegion()).findByRole('heading', { name: 'Admit Acme Ltd' })).toBeInTheDocument();
    } finally {
      clearInterval(heads);
    }
  });

  it('says in plain words what removal and parameter proposals decide', async () => {
    renderScreen(
      <MembershipScreen />,
      fakeMain(
        handlers({
          'network.proposals': () =>
            answer([
              proposal({ id: 'aa'.repeat(32), kind: 'removeMember', subject: `Remove the member ${ADDRESS_2}` }),
              proposal({ id: 'bb'.repeat(32), kind: 'changeParameter', subject: 'Set minFee to 25' }),
            ]),
        }),
      ).bridge,
    );
    expect(await screen.findByRole('heading', { name: /^Remove the member cdev1zzzzz/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Set minFee to 25' })).toBeInTheDocument();
  });

  it('disables voting with the reason for a non-member and for a member who already voted', async () => {
    const { unmount } = renderScreen(
      <MembershipScreen />,
      fakeMain(handlers({ 'wallet.account': () => answer(accountView({ isMember: false })) })).bridge,
    );
    const yes = await screen.findByRole('button', { name: 'Vote yes' });
    await within(proposalsRegion()).findByText('Only members vote. Apply for membership below.');
    expect(yes).toBeDisabled();
    expect(yes).toHaveAccessibleDescription('Only members vote. Apply for membership below.');
    unmount();

    const voted = vaultAccount({ address: ADDRESS_2 });
    renderScreen(
      <MembershipScreen />,
      fakeMain(handlers({ 'vault.status': () => answer(vaultStatus({ accounts: [voted] })) })).bridge,
    );
    expect(await screen.findByText('This account has already voted on this proposal.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Vote no' })).toBeDisabled();
  });

  it('votes yes: review with the summary, sign and submit, then follow the transaction to final', async () => {
    const user = userEvent.setup();
    let followed: MethodOutput<'wallet.transaction'> = {
      txId: TX_ID,
      from: ADDRESS_1,
      type: 'member.vote',
      state: 'pending',
      submittedAt: 1,
    };
    const main = fakeMain(
      handlers({
        'wallet.prepare': () =>
          answer({
            draftId: 'd-1',
            accountId: 'acct-1',
            from: ADDRESS_1,
            type: 'member.vote',
            nonce: 3,
            fee: '1000',
            expiryHeight: 1800,
            summary: [{ label: 'Vote', value: 'yes on Admit Acme Ltd' }],
            verifiedAt: { height: 1200, blockHash: HASH },
          }),
        'wallet.submit': () =>
          answer({ txId: TX_ID, from: ADDRESS_1, type: 'member.vote', state: 'submitted', submittedAt: 1 }),
        'wallet.transaction': () => answer(followed),
      }),
    );
    renderScreen(<MembershipScreen />, main.bridge);
    const yes = await screen.findByRole('button', { name: 'Vote yes' });
    await within(proposalsRegion()).findByText('Yes: 1 of 4');
    await screen.findByText('Member');
    expect(yes).toBeEnabled();
    await user.click(yes);
    expect(main.callsOf('wallet.prepare')).toEqual([
      { accountId: 'acct-1', intent: { type: 'member.vote', proposalId: PROPOSAL_ID, approve: true } },
    ]);
    const review = await screen.findByRole('region', { name: 'Review before signing' });
    expect(await within(review).findByText('yes on Admit Acme Ltd')).toBeInTheDocument();
    expect(screen.getByLabelText('Act as')).toBeDisabled();
    await user.click(within(review).getByRole('button', { name: 'Sign and send' }));
    expect(main.callsOf('wallet.submit')).toEqual([{ draftId: 'd-1' }]);
    const status = await screen.findByRole('region', { name: 'Transaction status' });
    expect(await within(status).findByRole('status')).toHaveAttribute('data-state', 'submitted');
    main.emit('wallet.transaction', followed);
    await waitFor(() => expect(within(status).getByRole('listitem', { current: 'step' })).toHaveTextContent('Pending'));
    expect(within(status).getByText('Waiting for the network to include it…')).toBeInTheDocument();
    followed = { ...followed, state: 'final', verifiedAt: { height: 1203, blockHash: HASH } };
    main.emit('wallet.transaction', followed);
    expect(await within(status).findByText('Final at height 1,203, proof checked.')).toBeInTheDocument();
    await user.click(within(status).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'Transaction status' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Act as')).toBeEnabled();
  });

  it('applies for membership, and shows the chain’s refusal as a next step', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      handlers({
        'wallet.account': () => answer(accountView({ isMember: false })),
        'wallet.prepare': () => failure('REJECTED', 'This account already has an open application.'),
      }),
    );
    renderScreen(<MembershipScreen />, main.bridge);
    const form = await screen.findByRole('region', { name: 'Apply for membership' });
    await user.type(within(form).getByLabelText('Organisation name'), 'Acme Ltd');
    await user.type(within(form).getByLabelText('About the organisation'), 'Logistics, Rotterdam');
    await user.click(within(form).getByRole('button', { name: 'Review the application' }));
    expect(main.callsOf('wallet.prepare')).toEqual([
      { accountId: 'acct-1', intent: { type: 'member.apply', name: 'Acme Ltd', info: 'Logistics, Rotterdam' } },
    ]);
    const review = await screen.findByRole('region', { name: 'Review before signing' });
    expect(await within(review).findByRole('alert')).toHaveTextContent('This account already has an open application.');
  });

  it('proposes removing a member or changing a parameter', async () => {
    const user = userEvent.setup();
    const main = fakeMain(handlers({ 'wallet.prepare': never }));
    renderScreen(<MembershipScreen />, main.bridge);
    const form = await screen.findByRole('region', { name: 'Propose a change' });
    await within(membersRegion()).findByText('Contoso');
    // Nothing is pre-selected: removing a member is chosen on purpose.
    expect(within(form).getByRole('button', { name: 'Review the proposal' })).toBeDisabled();
    await user.click(within(form).getByRole('radio', { name: 'Remove a member' }));
    await user.click(within(form).getByRole('button', { name: 'Review the proposal' }));
    expect(main.callsOf('wallet.prepare').at(-1)).toEqual({
      accountId: 'acct-1',
      intent: { type: 'member.proposeRemoval', member: ADDRESS_2 },
    });
  });

  it('proposes a parameter change with a whole-number value', async () => {
    const user = userEvent.setup();
    const main = fakeMain(handlers({ 'wallet.prepare': never }));
    renderScreen(<MembershipScreen />, main.bridge);
    const form = await screen.findByRole('region', { name: 'Propose a change' });
    await user.click(within(form).getByRole('radio', { name: 'Change a network parameter' }));
    await user.selectOptions(within(form).getByLabelText('Parameter'), 'minFee');
    await user.type(within(form).getByLabelText('New value'), '2.5');
    expect(within(form).getByRole('button', { name: 'Review the proposal' })).toBeDisabled();
    await user.clear(within(form).getByLabelText('New value'));
    await user.type(within(form).getByLabelText('New value'), '25');
    await user.click(within(form).getByRole('button', { name: 'Review the proposal' }));
    expect(main.callsOf('wallet.prepare').at(-1)).toEqual({
      accountId: 'acct-1',
      intent: { type: 'member.proposeParameter', name: 'minFee', value: '25' },
    });
  });
});
