// @vitest-environment jsdom
/** The three words on the page: verified at a height (with its age), not verified (who lied, what they did), out of date. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../renderer/src/data/contract.ts';
import { ErrorNotice } from '../../../renderer/src/errors/ErrorNotice.tsx';
import { VerifiedMark } from '../../../renderer/src/components/VerifiedMark.tsx';
import { NetworkCard } from '../../../renderer/src/features/overview/NetworkCard.tsx';
import { StalenessSetting } from '../../../renderer/src/features/status/StalenessSetting.tsx';
import { answer, fakeMain } from './fake-bridge.ts';
import { HASH, networkStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const LIAR = 'http://127.0.0.1:26658';
const now = Date.now();
const fresh = { state: 'fresh' as const, thresholdMs: 10_000, staleAfterBlocks: 10 };

function withStatus(overrides: Parameters<typeof networkStatus>[0]) {
  return fakeMain({ 'network.status': () => answer(networkStatus(overrides)) }).bridge;
}

describe('VerifiedMark', () => {
  it('says the height and the certified age while fresh', async () => {
    renderScreen(
      <VerifiedMark height={1200} blockHash={HASH} />,
      withStatus({ verifiedTime: now - 3_000, freshness: fresh }),
    );
    expect(await screen.findByText(/Verified at final height 1,200, \d+ seconds? ago/)).toHaveAttribute(
      'data-state',
      'fresh',
    );
  });

  it('turns into a warning when the view is stale: true then, nothing newer since', async () => {
    renderScreen(
      <VerifiedMark height={1200} blockHash={HASH} />,
      withStatus({ verifiedTime: now - 180_000, freshness: { ...fresh, state: 'stale', cause: 'noAnswer' } }),
    );
    const mark = await screen.findByText(
      /Verified 3 minutes ago \(height 1,200\) — no newer block has reached this app/,
    );
    expect(mark).toHaveAttribute('data-state', 'stale');
    expect(mark.textContent).not.toContain('✓');
  });
});

describe('a caught lie', () => {
  it('is "not verified", naming the endpoint and what it did in plain words, never "starting up"', async () => {
    const bridge = withStatus({
      verifiedTime: now,
      freshness: fresh,
      endpoints: [
        { url: 'http://127.0.0.1:26657', trusted: true, active: true, lastSeenHeight: 1203 },
        {
          url: LIAR,
          trusted: false,
          active: false,
          lastSeenHeight: 900,
          lie: 'alteredState',
          reason:
            'Its answer to state.account failed verification: the proof does not show key 1a2b3c4d… holding this value.',
        },
      ],
    });
    renderScreen(
      <ErrorNotice error={new ContractFailure({ code: 'UNVERIFIED', message: 'Could not read the account.' })} />,
      bridge,
    );
    const notice = await screen.findByTestId('not-verified');
    expect(notice).toHaveAttribute('role', 'alert');
    expect(
      await screen.findByText(/sent account or state data that does not match the network’s certified state/),
    ).toBeInTheDocument();
    expect(notice.textContent).toContain(`${LIAR} is no longer trusted.`);
    expect(notice.textContent).not.toMatch(/starting up|Not available yet/);
  });

  it('makes the network card say "Not verified" instead of "In sync" when every endpoint lied', async () => {
    const bridge = withStatus({
      verifiedTime: now,
      freshness: { ...fresh, state: 'stale', cause: 'allUntrusted' },
      endpoints: [
        {
          url: LIAR,
          trusted: false,
          active: false,
          lastSeenHeight: 900,
          lie: 'missingSignatures',
          reason: 'Its answer to chain.header failed verification: only 2 of 4 validators signed; 3 needed.',
        },
      ],
    });
    renderScreen(<NetworkCard />, bridge);
    const phase = await screen.findByTestId('light-phase');
    expect(phase).toHaveTextContent('Light node: Not verified');
    expect(phase).toHaveAttribute('data-state', 'unverified');
    expect(screen.getByText(/without enough producer signatures to prove it final/)).toBeInTheDocument();
    expect(screen.getByTestId('stale-notice')).toHaveAttribute('data-cause', 'allUntrusted');
    expect(screen.getByTestId('one-endpoint')).toBeInTheDocument();
  });
});

describe('a withholding endpoint', () => {
  it('is tagged "Behind" in the endpoint list', async () => {
    renderScreen(
      <NetworkCard />,
      withStatus({
        verifiedTime: now,
        freshness: fresh,
        endpoints: [
          {
            url: 'http://127.0.0.1:26657',
            trusted: true,
            active: false,
            lastSeenHeight: 1000,
            behind: true,
            announcedHeight: 1000,
          },
          { url: LIAR, trusted: true, active: true, lastSeenHeight: 1200, behind: false, announcedHeight: 1200 },
        ],
      }),
    );
    expect(await screen.findByTestId('endpoint-behind')).toHaveTextContent('Behind');
    expect(screen.getByTestId('light-phase')).toHaveTextContent('Light node: In sync');
    expect(screen.queryByTestId('one-endpoint')).toBeNull();
    expect(screen.getByTestId('endpoint-behind-reason')).toHaveTextContent('another endpoint’s certified one');
  });

  it('says so in its own words when its node reports its peers ahead', async () => {
    renderScreen(
      <NetworkCard />,
      withStatus({
        verifiedTime: now,
        freshness: fresh,
        endpoints: [
          {
            url: LIAR,
            trusted: true,
            active: true,
            lastSeenHeight: 1000,
            behind: true,
            announcedHeight: 1000,
            peersHeight: 1250,
          },
        ],
      }),
    );
    expect(await screen.findByTestId('endpoint-behind-reason')).toHaveTextContent(
      'its peers have reached block 1,250, but it offers only block 1,000',
    );
  });
});

describe('an endpoint that cannot answer', () => {
  it('says why in the person’s words, with the client’s English sentence folded as the technical detail', async () => {
    renderScreen(
      <NetworkCard />,
      withStatus({
        verifiedTime: now,
        freshness: fresh,
        endpoints: [
          {
            url: LIAR,
            trusted: true,
            active: true,
            lastSeenHeight: 1000,
            problem: 'The connection to ws://127.0.0.1:26657/ closed (1006).',
            problemKind: 'closed',
          },
        ],
      }),
    );
    const problem = await screen.findByTestId('endpoint-problem');
    expect(problem).toHaveTextContent('It closed the connection.');
    expect(problem.querySelector('details [lang="en"]')).toHaveTextContent('closed (1006)');
  });
});

describe('the staleness setting', () => {
  it('shows the threshold in blocks and time, and saves a new one', async () => {
    const main = fakeMain({
      'network.status': () => answer(networkStatus({ verifiedTime: now, freshness: fresh })),
      'network.setStaleness': ({ staleAfterBlocks }) =>
        answer(
          networkStatus({
            verifiedTime: now,
            freshness: { ...fresh, staleAfterBlocks, thresholdMs: staleAfterBlocks * 1_000 },
          }),
        ),
    });
    renderScreen(<StalenessSetting />, main.bridge);
    const select = await screen.findByLabelText(/Mark what is shown as out of date/);
    expect(select).toHaveValue('10');
    expect(screen.getByText(/after 10 block intervals \(10 seconds\)/)).toBeInTheDocument();
    await userEvent.setup().selectOptions(select, '30');
    expect(main.callsOf('network.setStaleness')).toEqual([{ staleAfterBlocks: 30 }]);
    expect(await screen.findByText(/after 30 block intervals \(30 seconds\)/)).toBeInTheDocument();
  });
});
