// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { RoundsScreen } from '../../../renderer/src/features/rounds/RoundsScreen.tsx';
import { answer, failure, fakeMain, never } from './fake-bridge.ts';
import { HASH, networkStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

type RoundView = MethodOutput<'network.round'>;
type SlotStatus = RoundView['slots'][number]['status'];

const PRODUCERS = ['Alpha', 'Bravo', 'Charlie', 'Delta'];
function roundView(round: number, statuses: readonly SlotStatus[], extra: Partial<RoundView> = {}): RoundView {
  const firstHeight = round * statuses.length + 1;
  return {
    round,
    firstHeight,
    lastHeight: firstHeight + statuses.length - 1,
    slots: statuses.map((status, index) => ({
      height: firstHeight + index,
      producer: `cdev1producer${index}`,
      name: PRODUCERS[index % 4]!,
      status,
      at: Date.UTC(2026, 10, 26, 12, 0, index * 2),
    })),
    verifiedHeight: firstHeight,
    headHeight: firstHeight + 1,
    ...extra,
  };
}
const tiles = () => screen.getAllByTestId('slot');

describe('rounds', () => {
  it('shows loading while the round and the network status are on their way', async () => {
    renderScreen(<RoundsScreen />, fakeMain({ 'network.round': never, 'network.status': never }).bridge);
    expect(await within(screen.getByTestId('round-card')).findByText('Loading…')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Finality' })).getByText('Loading…')).toBeInTheDocument();
  });

  it('says so when a round has no slots and its next set is not announced yet', async () => {
    renderScreen(
      <RoundsScreen />,
      fakeMain({ 'network.round': () => answer(roundView(3, [])), 'network.status': () => answer(networkStatus()) })
        .bridge,
    );
    expect(await screen.findByText('This round has no scheduled slots.')).toBeInTheDocument();
    expect(screen.getByText(/The next set is announced in the round’s last block/)).toBeInTheDocument();
  });

  it('shows a round that cannot be read as an error with a retry', async () => {
    renderScreen(
      <RoundsScreen />,
      fakeMain({
        'network.round': () => failure('UNVERIFIED', 'The endpoint’s header for round 3 did not verify.'),
        'network.status': () => answer(networkStatus()),
      }).bridge,
    );
    const alert = await within(screen.getByTestId('round-card')).findByRole('alert');
    expect(alert).toHaveTextContent('did not verify');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('shows each slot with its producer, status in words and time, the finality lag and the next set', async () => {
    const view = roundView(10, ['produced', 'missed', 'now', 'upcoming'], {
      nextSet: [{ address: 'cdev1producer9', name: 'Echo' }],
    });
    renderScreen(
      <RoundsScreen />,
      fakeMain({
        'network.round': () => answer(view),
        'network.status': () => answer(networkStatus({ verifiedHeight: 1200, headHeight: 1203 })),
      }).bridge,
    );
    expect(await screen.findByRole('heading', { name: /Round 10/ })).toHaveTextContent('Live');
    expect(tiles().map((tile) => tile.dataset.status)).toEqual(['produced', 'missed', 'now', 'upcoming']);
    expect(tiles()[0]).toHaveTextContent('Alpha');
    expect(tiles()[0]).toHaveTextContent('cdev1producer0');
    expect(tiles()[0]).toHaveTextContent('Produced');
    expect(tiles()[1]).toHaveTextContent('Missed');
    expect(tiles()[2]).toHaveTextContent('Producing now');
    expect(tiles()[2]).toHaveAttribute('aria-current', 'step');
    expect(tiles()[3]).toHaveTextContent('Upcoming');
    expect(screen.getByText('1 produced, 1 missed of 4 slots', { exact: false })).toBeInTheDocument();
    expect(await screen.findByTestId('finality-lag')).toHaveTextContent('3 blocks behind the head');
    expect(screen.getByTestId('rounds-final-height')).toHaveTextContent('1,200');
    expect(within(screen.getByTestId('next-set')).getByText('Echo')).toBeInTheDocument();
  });

  it('advances on a new head keeping the same tiles in place, and browses past rounds', async () => {
    const user = userEvent.setup();
    let current = roundView(10, ['produced', 'now', 'upcoming', 'upcoming']);
    const main = fakeMain({
      'network.round': ({ round }) =>
        answer(round === undefined ? current : roundView(round, ['produced', 'produced', 'missed', 'produced'])),
      'network.status': () => answer(networkStatus()),
    });
    renderScreen(<RoundsScreen />, main.bridge);
    await screen.findByRole('heading', { name: /Round 10/ });
    const firstTile = tiles()[0];
    current = roundView(10, ['produced', 'produced', 'now', 'upcoming']);
    main.emit('network.head', { height: 43, hash: HASH, round: 10 });
    await screen.findByText('2 produced, 0 missed of 4 slots', { exact: false });
    // The same element stays: the tile was updated in place, not replaced by a loading state.
    expect(tiles()[0]).toBe(firstTile);
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Previous round/ }));
    expect(await screen.findByRole('heading', { name: /Round 9/ })).toHaveTextContent('Past round');
    expect(main.callsOf('network.round')).toContainEqual({ round: 9 });
    expect(tiles().map((tile) => tile.dataset.status)).toEqual(['produced', 'produced', 'missed', 'produced']);
    await user.click(screen.getByRole('button', { name: /Previous round/ }));
    await screen.findByRole('heading', { name: /Round 8/ });
    await user.click(screen.getByRole('button', { name: /Next round/ }));
    await screen.findByRole('heading', { name: /Round 9/ });
    await user.click(screen.getByRole('button', { name: /Next round/ }));
    expect(await screen.findByRole('heading', { name: /Round 10/ })).toHaveTextContent('Live');
    expect(screen.getByRole('button', { name: /Next round/ })).toBeDisabled();
  });
});
