// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { ProducerScreen } from '../../../renderer/src/features/producer/ProducerScreen.tsx';
import { answer, fakeMain } from './fake-bridge.ts';
import { ADDRESS_1, ADDRESS_2, HASH, accountView, networkStatus, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

type Candidate = MethodOutput<'network.candidates'>[number];
const KEY = 'ef'.repeat(32);
const candidate = (address: string, name: string, weight: string, inSet: boolean, endpoint: string): Candidate => ({
  address,
  name,
  rank: inSet ? 1 : 2,
  voteWeight: weight,
  share: 0.5,
  status: 'active',
  inSet,
  producedBlocks: '0',
  missedBlocks: '0',
  consecutiveMisses: 0,
  endpoint,
  consensusKey: KEY,
  verifiedAt: { height: 10, blockHash: HASH },
});

/** Issue 13 items 5 and 6: a watch-only candidate followed; its standing, votes to enter, endpoint check and a local-endpoint warning. */
describe('producer dashboard', () => {
  it('follows a watch-only account and says what it needs, where it is reached and whether that answers', async () => {
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus({ accounts: [vaultAccount({ kind: 'watch', address: ADDRESS_1 })] })),
      'network.status': () => answer(networkStatus()),
      'producer.alerts': () => answer([]),
      'wallet.account': () => answer(accountView({ minFee: '1000' })),
      'network.candidates': () =>
        answer([
          candidate(ADDRESS_2, 'big-node', '9000000', true, 'http://203.0.113.9:26657'),
          candidate(ADDRESS_1, 'harbour-node', '2500000', false, 'http://127.0.0.1:26657'),
        ]),
      'producer.overview': () =>
        answer([
          {
            address: ADDRESS_1,
            accountId: 'acct-1',
            name: 'harbour-node',
            rank: 2,
            voteWeight: '2500000',
            share: 0.2,
            status: 'active',
            inSet: false,
            rounds: [],
            producedBlocks: '0',
            missedBlocks: '0',
          },
        ]),
      'producer.checkEndpoint': () =>
        answer({ reachable: true, chainId: 'consortia-devnet', height: 742, sameChain: true }),
    });
    renderScreen(<ProducerScreen />, main.bridge);
    expect(await screen.findByTestId('producer-standing')).toHaveTextContent('Candidate, not in the producer set yet');
    expect(screen.getByText('This account is watch-only', { exact: false })).toBeInTheDocument();
    expect(await screen.findByTestId('producer-needed')).toHaveTextContent('6.500001 CNS more than now');
    expect(await screen.findByTestId('endpoint-reach')).toHaveTextContent('Answers: consortia-devnet at height 742');
    expect(main.callsOf('producer.checkEndpoint')).toEqual([{ url: 'http://127.0.0.1:26657' }]);
    expect(screen.getByTestId('endpoint-local')).toHaveTextContent('other members cannot reach it');
    expect(screen.getByText(KEY)).toBeInTheDocument();
  });
});
