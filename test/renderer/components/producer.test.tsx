// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { ProducerScreen } from '../../../renderer/src/features/producer/ProducerScreen.tsx';
import { answer, failure, fakeMain, never, type FakeHandlers } from './fake-bridge.ts';
import { ADDRESS_1, HASH, networkStatus, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

type ProducerView = MethodOutput<'producer.overview'>[number];
type Alert = MethodOutput<'producer.alerts'>[number];

function producerView(overrides: Partial<ProducerView> = {}): ProducerView {
  return {
    address: ADDRESS_1,
    accountId: 'acct-1',
    name: 'harbour-node',
    rank: 2,
    voteWeight: '7500000',
    share: 0.25,
    status: 'active',
    inSet: true,
    nextTurnAt: Date.UTC(2026, 10, 26, 12, 0, 30),
    rounds: [
      { round: 8, produced: 3, missed: 0 },
      { round: 9, produced: 2, missed: 1 },
      { round: 10, produced: 3, missed: 0 },
    ],
    producedBlocks: '120',
    missedBlocks: '4',
    ...overrides,
  };
}
const alert = (id: string, kind: Alert['kind'], message: string): Alert => ({
  id,
  kind,
  address: ADDRESS_1,
  name: 'harbour-node',
  message,
  at: Date.UTC(2026, 10, 26, 12),
  round: 9,
});
const DRAFT = {
  draftId: 'draft-1',
  accountId: 'acct-1',
  from: ADDRESS_1,
  type: 'candidate.register',
  nonce: 0,
  fee: '1000',
  expiryHeight: 1300,
  summary: [{ label: 'Register', value: 'harbour-node' }],
  verifiedAt: { height: 1200, blockHash: HASH },
};
const base = (extra: FakeHandlers): FakeHandlers => ({
  'vault.status': () => answer(vaultStatus()),
  'network.status': () => answer(networkStatus()),
  'producer.alerts': () => answer([]),
  'vault.consensusKeys': () => answer([]),
  ...extra,
});

describe('producer console', () => {
  it('shows loading while the overview and alerts are on their way', async () => {
    renderScreen(<ProducerScreen />, fakeMain(base({ 'producer.overview': never, 'producer.alerts': never })).bridge);
    await screen.findByRole('region', { name: 'Alerts' });
    expect(screen.getAllByText('Loading…')).toHaveLength(2);
  });

  it('shows an overview that cannot be read as an error, and the alerts that can', async () => {
    renderScreen(
      <ProducerScreen />,
      fakeMain(
        base({
          'producer.overview': () => failure('UNAVAILABLE', 'The light node is still catching up.'),
          'producer.alerts': () => answer([]),
        }),
      ).bridge,
    );
    expect(await screen.findByText('The light node is still catching up.')).toBeInTheDocument();
    expect(await screen.findByText(/No alerts\./)).toBeInTheDocument();
  });

  it('explains registering to an account that is not a candidate and registers it with a key generated in the vault', async () => {
    const user = userEvent.setup();
    const keys: MethodOutput<'vault.consensusKeys'> = [];
    const main = fakeMain(
      base({
        'producer.overview': () => answer([]),
        'vault.consensusKeys': () => answer([...keys]),
        'vault.generateConsensusKey': ({ label }) => {
          const key = { id: 'ck-1', label: label ?? '', publicKey: '12'.repeat(32) };
          keys.push(key);
          return answer(key);
        },
        'wallet.prepare': () => answer(DRAFT),
        'wallet.submit': () =>
          answer({
            txId: 'cd'.repeat(32),
            from: ADDRESS_1,
            type: 'candidate.register',
            state: 'submitted',
            submittedAt: Date.now(),
          }),
        'wallet.transaction': () =>
          answer({
            txId: 'cd'.repeat(32),
            from: ADDRESS_1,
            type: 'candidate.register',
            state: 'final',
            verifiedAt: { height: 1210, blockHash: HASH },
            submittedAt: Date.now(),
          }),
      }),
    );
    renderScreen(<ProducerScreen />, main.bridge);
    expect(await screen.findByRole('heading', { name: 'This account is not a candidate' })).toBeInTheDocument();
    expect(screen.getByText(/A candidate runs a block-producing node/)).toBeInTheDocument();
    const review = screen.getByRole('button', { name: 'Review the registration' });
    expect(review).toBeDisabled();
    await user.type(screen.getByLabelText('Candidate name'), 'harbour-node');
    await user.type(screen.getByLabelText('Node endpoint'), 'http://127.0.0.1:26690');
    expect(review).toBeDisabled();
    // Pasting the server node's key is the default; this test keeps the key in the vault instead.
    expect(screen.getByRole('radio', { name: 'The public key of a key kept on the producer’s server' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'A key kept in this vault' }));
    await user.click(screen.getByRole('button', { name: 'Generate a new key in the vault' }));
    expect(await screen.findByTestId('chosen-key')).toHaveTextContent('12'.repeat(32));
    expect(main.callsOf('vault.generateConsensusKey')).toEqual([{ label: 'harbour-node' }]);
    await user.click(review);
    expect(main.callsOf('wallet.prepare')).toEqual([
      {
        accountId: 'acct-1',
        intent: {
          type: 'candidate.register',
          name: 'harbour-node',
          consensusKey: { keyId: 'ck-1' },
          endpoint: 'http://127.0.0.1:26690',
        },
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Sign and send' }));
    main.emit('wallet.transaction', {
      txId: 'cd'.repeat(32),
      from: ADDRESS_1,
      type: 'candidate.register',
      state: 'final',
      verifiedAt: { height: 1210, blockHash: HASH },
      submittedAt: Date.now(),
    });
    expect(await screen.findByText('Final at height 1,210, proof checked.')).toBeInTheDocument();
  });

  it('checks the name against the chain’s rule and a pasted public key before the registration can be reviewed', async () => {
    const user = userEvent.setup();
    renderScreen(<ProducerScreen />, fakeMain(base({ 'producer.overview': () => answer([]) })).bridge);
    await user.click(await screen.findByRole('radio', { name: /public key of a key kept on the producer’s server/ }));
    await user.type(screen.getByLabelText('Candidate name'), 'Remote node');
    expect(screen.getByLabelText('Candidate name')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Candidate name'));
    await user.type(screen.getByLabelText('Candidate name'), 'remote');
    expect(screen.getByLabelText('Candidate name')).toHaveAttribute('aria-invalid', 'false');
    await user.type(screen.getByLabelText('Node endpoint'), 'http://10.0.0.2:26657');
    await user.type(screen.getByLabelText('Public key'), 'xyz');
    expect(screen.getByLabelText('Public key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Review the registration' })).toBeDisabled();
    await user.clear(screen.getByLabelText('Public key'));
    await user.type(screen.getByLabelText('Public key'), 'AB'.repeat(32));
    expect(screen.getByRole('button', { name: 'Review the registration' })).toBeEnabled();
  });

  it('shows a candidate with rank, weight, share, next turn and a chart with a text summary; alerts arrive live', async () => {
    const main = fakeMain(
      base({
        'producer.overview': () => answer([producerView()]),
        'producer.alerts': () => answer([alert('a-1', 'missed', 'harbour-node missed its slot at height 31.')]),
      }),
    );
    renderScreen(<ProducerScreen />, main.bridge);
    const card = await screen.findByTestId('producer-card');
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent('harbour-node');
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent('Producing blocks (in the set)');
    expect(within(card).getByTestId('producer-rank')).toHaveTextContent('2');
    expect(card).toHaveTextContent('7.5 CNS');
    expect(card).toHaveTextContent('25%');
    expect(within(card).getByTestId('chart-summary')).toHaveTextContent(
      'Rounds 8 to 10 (3 rounds): produced 8, missed 1.',
    );
    expect(card.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    expect(card.querySelectorAll('svg g')).toHaveLength(3);

    const alerts = screen.getByRole('region', { name: 'Alerts' });
    expect(await within(alerts).findByText('harbour-node missed its slot at height 31.')).toBeInTheDocument();
    main.emit('producer.alert', alert('a-2', 'recovered', 'harbour-node is producing again.'));
    expect(await within(alerts).findByText('harbour-node is producing again.')).toBeInTheDocument();
    expect(within(alerts).getAllByRole('listitem')[0]).toHaveTextContent('Producing again');
    main.emit('producer.alert', alert('a-2', 'recovered', 'harbour-node is producing again.'));
    expect(within(alerts).getAllByRole('listitem')).toHaveLength(2);
  });

  it('updates the endpoint, resigns only after a confirmation, and unjails only once the jail term has passed', async () => {
    const user = userEvent.setup();
    let jailedUntil = 1300;
    const main = fakeMain(
      base({
        'producer.overview': () =>
          answer([producerView({ status: 'jailed', inSet: false, rank: null, jailedUntil, nextTurnAt: undefined })]),
        'wallet.prepare': ({ intent }) => answer({ ...DRAFT, type: intent.type }),
      }),
    );
    renderScreen(<ProducerScreen />, main.bridge);
    expect(
      await screen.findByText('The candidate is jailed until final height 1,300; unjailing is possible from then.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unjail' })).toBeDisabled();
    expect(screen.getByText('Not scheduled this round')).toBeInTheDocument();

    await user.type(screen.getByLabelText('New node endpoint'), 'http://127.0.0.1:26700');
    await user.click(screen.getByRole('button', { name: 'Review the update' }));
    expect(main.callsOf('wallet.prepare').at(-1)).toEqual({
      accountId: 'acct-1',
      intent: { type: 'candidate.update', endpoint: 'http://127.0.0.1:26700' },
    });
    await user.click(await screen.findByRole('button', { name: 'Back to edit' }));

    await user.click(screen.getByRole('button', { name: 'Resign' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Resign harbour-node?' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep the candidate' }));
    expect(main.callsOf('wallet.prepare')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Resign' }));
    await user.click(screen.getByRole('button', { name: 'Yes, review the resignation' }));
    expect(main.callsOf('wallet.prepare').at(-1)).toEqual({
      accountId: 'acct-1',
      intent: { type: 'candidate.resign' },
    });
    await user.click(await screen.findByRole('button', { name: 'Back to edit' }));

    jailedUntil = 1150;
    main.emit('network.head', { height: 1201, hash: HASH, round: 40 });
    expect(await screen.findByText('The jail term is over: unjail to be eligible again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unjail' }));
    expect(main.callsOf('wallet.prepare').at(-1)).toEqual({
      accountId: 'acct-1',
      intent: { type: 'candidate.unjail' },
    });
  });
});
