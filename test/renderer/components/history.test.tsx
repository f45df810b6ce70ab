// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen.tsx';
import { HistoryTable, type HistoryEntry } from '../../../renderer/src/features/history/HistoryTable.tsx';
import { answer, failure, fakeMain, never, type FakeHandlers } from './fake-bridge.ts';
import { ADDRESS_2, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const VERIFICATIONS = ['verified', 'unverified', 'failed'] as const;
const TYPES = ['transfer', 'stake', 'unstake'] as const;

/** `count` entries, newest first, of rotating types, directions and verification states. */
function entries(count: number, from = 0): HistoryEntry[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = from + offset;
    return {
      txId: index.toString(16).padStart(64, '0'),
      height: 1_000_000 - index,
      position: 0,
      type: TYPES[index % 3]!,
      direction: index % 3 === 0 ? (index % 2 === 0 ? 'out' : 'in') : 'self',
      ...(index % 3 === 0 ? { counterparty: ADDRESS_2 } : {}),
      amount: String(1_000_000 + index),
      fee: '1000',
      time: 1_700_000_000_000 - index * 1000,
      verification: VERIFICATIONS[index % 3]!,
    };
  });
}

// jsdom lays nothing out, so every element is 0 px tall; give the table's scroller the height it has in a browser.
const SCROLLER_HEIGHT_PX = 480;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset['testid'] === 'history-scroll' ? SCROLLER_HEIGHT_PX : 0;
    },
  });
});
// The own property shadowed Element's; removing it brings jsdom's back.
afterAll(() => void Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight'));

function scrollTo(top: number) {
  const scroller = screen.getByTestId('history-scroll');
  scroller.scrollTop = top;
  fireEvent.scroll(scroller);
}

/** Pages of 500 out of `total` entries, with the cursor the contract describes. */
function pagedMain(total: number, extra: FakeHandlers = {}) {
  const all = entries(total);
  return fakeMain({
    'vault.status': () => answer(vaultStatus()),
    'wallet.history': ({ before, limit = 100 }): ReturnType<typeof answer<MethodOutput<'wallet.history'>>> => {
      const start = before ? all.findIndex((entry) => entry.height < before.height) : 0;
      const page = all.slice(start, start + limit);
      const last = page.at(-1);
      return answer(
        start + limit < all.length && last
          ? { entries: page, next: { height: last.height, position: last.position } }
          : { entries: page },
      );
    },
    ...extra,
  });
}

describe('history', () => {
  it('keeps only a window of 100,000 rows in the DOM, and follows the scroll', async () => {
    renderScreen(<HistoryTable entries={entries(100_000)} />, fakeMain({}).bridge);
    const table = await screen.findByRole('table', { name: 'Transactions' });
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    const shown = () => screen.getAllByTestId('history-row');
    expect(shown().length).toBeGreaterThan(5);
    expect(shown().length).toBeLessThan(60);
    expect(shown()[0]).toHaveAttribute('aria-rowindex', '2');
    scrollTo(50_000 * 40);
    await waitFor(() => expect(shown()[0]).not.toHaveAttribute('aria-rowindex', '2'));
    const indexes = shown().map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(Math.min(...indexes)).toBeGreaterThan(49_900);
    expect(Math.max(...indexes)).toBeLessThan(50_100);
    expect(shown().length).toBeLessThan(60);
  });

  it('shows loading while the first page is on its way', async () => {
    renderScreen(
      <HistoryScreen />,
      fakeMain({ 'vault.status': () => answer(vaultStatus()), 'wallet.history': never }).bridge,
    );
    await screen.findByLabelText('Account');
    expect(screen.getByText('Loading…')).toBeInTheDocument();
  });

  it('says so when the account has no transactions', async () => {
    renderScreen(<HistoryScreen />, pagedMain(0).bridge);
    expect(await screen.findByText('No transactions for this account yet.')).toBeInTheDocument();
  });

  it('shows a failed page as an error with a retry', async () => {
    renderScreen(
      <HistoryScreen />,
      pagedMain(0, { 'wallet.history': () => failure('UNAVAILABLE', 'No endpoint answers right now.') }).bridge,
    );
    expect(await screen.findByText('Not available yet')).toBeInTheDocument();
    expect(screen.getByText('No endpoint answers right now.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('shows each entry’s verification state with its meaning, and loads more pages on scroll', async () => {
    const main = pagedMain(1200);
    renderScreen(<HistoryScreen />, main.bridge);
    await screen.findByText('500 of 500 loaded transactions shown');
    const rows = screen.getAllByTestId('history-row');
    expect(within(rows[0]!).getByText('Verified')).toHaveAttribute(
      'title',
      'Its inclusion proof checked out against a verified final header.',
    );
    expect(within(rows[1]!).getByText('Unverified')).toHaveAttribute(
      'title',
      expect.stringContaining('Not checked yet'),
    );
    expect(within(rows[2]!).getByText('Failed')).toHaveAttribute(
      'title',
      expect.stringContaining('Do not rely on this entry'),
    );
    // An outgoing transfer reads as a statement line, with the amount signed.
    expect(rows[0]).toHaveTextContent('Sent 1 CNS to cdev1zzzzz…zzzzz2');
    expect(rows[0]).toHaveTextContent('−1 CNS');
    scrollTo(500 * 40);
    expect(await screen.findByText('1,000 of 1,000 loaded transactions shown')).toBeInTheDocument();
    expect(main.callsOf('wallet.history')[1]).toEqual({
      address: vaultStatus().accounts[0]!.address,
      limit: 500,
      before: { height: 1_000_000 - 499, position: 0 },
    });
  });

  it('filters by type, direction and text', async () => {
    const user = userEvent.setup();
    renderScreen(<HistoryScreen />, pagedMain(30).bridge);
    await screen.findByText('30 of 30 loaded transactions shown');
    await user.selectOptions(screen.getByLabelText('Type'), 'Stake');
    expect(screen.getByText('10 of 30 loaded transactions shown')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Type'), 'All types');
    await user.selectOptions(screen.getByLabelText('Direction'), 'In');
    expect(screen.getByText('5 of 30 loaded transactions shown')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Direction'), 'In and out');
    await user.type(screen.getByLabelText('Search counterparty or transaction id'), '000000001c');
    expect(screen.getByText('1 of 30 loaded transactions shown')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Search counterparty or transaction id'));
    await user.type(screen.getByLabelText('Search counterparty or transaction id'), 'nothing-like-this');
    expect(screen.getByText('No transactions match these filters.')).toBeInTheDocument();
  });

  it('exports the CSV as a download with the wallet’s file name', async () => {
    const user = userEvent.setup();
    const csv = '"time","height"\r\n"2026-01-01T00:00:00.000Z","5"\r\n';
    const main = pagedMain(3, {
      'wallet.historyCsv': () => answer({ fileName: 'consortia-history.csv', csv, rows: 1 }),
    });
    // jsdom has neither object URLs nor downloads; the browser's own part is checked by the Playwright test.
    const blobs: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), 'blob:history');
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('consortia-history.csv');
      expect(this.href).toBe('blob:history');
    });
    renderScreen(<HistoryScreen />, main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Saved 1 rows as consortia-history.csv.')).toBeInTheDocument();
    expect(click).toHaveBeenCalledOnce();
    expect(await blobs[0]!.text()).toBe(csv);
    click.mockRestore();
  });
});
