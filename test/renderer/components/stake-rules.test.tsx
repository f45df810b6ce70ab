// @vitest-environment jsdom
import { translateRefusal } from '../../../renderer/src/format/chainReason.ts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { StakeScreen } from '../../../renderer/src/features/stake/StakeScreen.tsx';
import { answer, failure, fakeMain } from './fake-bridge.ts';
import { accountView, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

/** Issue 13 item 3: the stake rules are checked as the person types, in tokens, before anything is prepared. */
describe('stake amounts checked before review', () => {
  const main = (view: Parameters<typeof accountView>[0]) =>
    fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'wallet.account': () => answer(accountView({ minFee: '1000', ...view })),
      'wallet.prepare': () =>
        failure(
          'REJECTED',
          'The network would refuse this stake: insufficient balance: 5000000000 plus the fee 1000 needs 5000001000, the account holds 1234500000.',
          {
            refusal: {
              code: 'INSUFFICIENT_BALANCE',
              reason:
                'insufficient balance: 5000000000 plus the fee 1000 needs 5000001000, the account holds 1234500000',
            },
          },
        ),
    });

  it('flags an amount over the balance in tokens as it is typed, and keeps Review off', async () => {
    const fake = main({ liquid: '1234500000', isMember: true });
    renderScreen(<StakeScreen />, fake.bridge);
    const input = await screen.findByLabelText('Amount to stake (CNS)');
    expect(input).not.toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(input, '5000');
    expect(screen.getByTestId('stake-amount-hint')).toHaveTextContent(
      '5,000 CNS plus the fee 0.001 CNS is more than the 1,234.5 CNS available.',
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Review staking' })).toBeDisabled();
    expect(fake.callsOf('wallet.prepare')).toEqual([]);
  });

  it('Max leaves the fee in the account', async () => {
    renderScreen(<StakeScreen />, main({ liquid: '1234500000', isMember: true }).bridge);
    await screen.findByLabelText('Amount to stake (CNS)');
    await userEvent.click(screen.getAllByRole('button', { name: 'Max' })[0]!);
    expect(screen.getByLabelText('Amount to stake (CNS)')).toHaveValue('1234.499');
    expect(screen.getByRole('button', { name: 'Review staking' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Review staking' })).toHaveClass('primary');
  });

  it('turns Max off on an empty account instead of offering an amount the fee makes impossible', async () => {
    renderScreen(<StakeScreen />, main({ liquid: '0', isMember: true }).bridge);
    await screen.findByLabelText('Amount to stake (CNS)');
    expect(screen.getAllByRole('button', { name: 'Max' })[0]).toBeDisabled();
  });

  it('says at once that only members may stake, with the way to apply', async () => {
    renderScreen(<StakeScreen />, main({ liquid: '1234500000', isMember: false }).bridge);
    expect(await screen.findByTestId('stake-members-only')).toHaveTextContent(
      'Only members of the consortium may stake.',
    );
    expect(screen.getByRole('link', { name: 'Apply for membership' })).toHaveAttribute('href', '#/membership');
    expect(screen.getByLabelText('Amount to stake (CNS)')).toBeDisabled();
  });

  it('unstaking more than the unallocated stake is flagged before review', async () => {
    renderScreen(
      <StakeScreen />,
      main({ liquid: '1234500000', staked: '2000000', allocated: '1500000', isMember: true }).bridge,
    );
    await userEvent.type(await screen.findByLabelText('Amount to unstake (CNS)'), '1');
    expect(screen.getByTestId('unstake-amount-hint')).toHaveTextContent(
      'Only 0.5 CNS of the stake is not allocated to candidates',
    );
  });

  it('a refusal from the chain is said in tokens, with the chain’s own sentence kept beside it', async () => {
    renderScreen(<StakeScreen />, main({ liquid: '1234500000', isMember: true }).bridge);
    await userEvent.type(await screen.findByLabelText('Amount to stake (CNS)'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Review staking' }));
    expect(await screen.findByTestId('chain-reason')).toHaveTextContent(
      'Not enough funds: this needs 5,000.001 CNS, the account holds 1,234.5 CNS.',
    );
  });
});

describe('chain refusals worded by their code', () => {
  const t = (key: string, params?: Record<string, string | number>) => `${key}${params ? JSON.stringify(params) : ''}`;
  const say = (code: string, reason: string) => translateRefusal(t as never, 'en', { code, reason });

  it('picks the message by code and reads its values from the reason', () => {
    expect(say('FEE_TOO_LOW', 'the fee 10 is below the network minimum 1000; raise the fee and sign again')).toBe(
      'reason.feeLow{"minimum":"0.001 CNS"}',
    );
    expect(say('NOT_A_MEMBER', 'only members may stake; apply for membership first')).toBe('reason.membersStake');
    expect(say('NOT_A_MEMBER', 'only members may vote on proposals')).toBe('reason.membersGovern');
    expect(say('WRONG_NONCE', 'wrong nonce: expected 3, got 5 (…)')).toBe('reason.nonce');
  });

  it('has no words for a code it does not know, nor for a refusal without data', () => {
    expect(say('SOMETHING_NEW', 'a rule added by a newer chain')).toBeNull();
    expect(translateRefusal(t as never, 'en', undefined)).toBeNull();
  });
});
