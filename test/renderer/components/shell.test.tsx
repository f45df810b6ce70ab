// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answer, failure, fakeMain } from './fake-bridge.ts';
import { vaultStatus } from './fixtures.ts';
import { renderApp } from './render.tsx';

const SCREENS = [
  'Overview',
  'Send',
  'Receive',
  'Stake',
  'Vote',
  'Rounds',
  'Producer',
  'Membership',
  'Offline signing',
  'History',
  'Settings',
];

describe('shell', () => {
  it('lists every screen and moves focus to the chosen one', async () => {
    const user = userEvent.setup();
    renderApp(fakeMain({ 'vault.status': () => answer(vaultStatus()) }).bridge);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    // Each link's text is its label; the icon beside it is decoration (aria-hidden).
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.querySelector('.nav-label')?.textContent),
    ).toEqual(SCREENS);
    await user.click(within(nav).getByRole('link', { name: 'Vote' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Vote' })).toHaveFocus();
    expect(within(nav).getByRole('link', { name: 'Vote' })).toHaveAttribute('aria-current', 'page');
  });

  it('locks from the navigation and shows the unlock screen', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'vault.lock': () => answer(vaultStatus({ locked: true })),
    });
    renderApp(main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock the vault' })).toBeInTheDocument();
    expect(main.callsOf('vault.lock')).toEqual([{}]);
  });

  it('shows the whole shell in Simplified Chinese', async () => {
    renderApp(fakeMain({ 'vault.status': () => answer(vaultStatus()) }).bridge, 'zh-CN');
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '离线签名' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '锁定' })).toBeInTheDocument();
  });

  it('shows the app identity and the live heartbeat in the footer', async () => {
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'app.info': () =>
        answer({
          name: 'Consortia',
          version: '9.9.9',
          platform: 'linux',
          dataDir: '/tmp/data',
          host: 'web',
          mode: 'online',
        }),
    });
    renderApp(main.bridge);
    expect(await screen.findByTestId('app-version')).toHaveTextContent('9.9.9');
    expect(screen.getByTestId('heartbeat')).toHaveTextContent('Waiting for the first heartbeat…');
    main.emit('app.heartbeat', { seq: 7, at: Date.now() });
    expect(await screen.findByText(/Heartbeat #7/)).toBeInTheDocument();
  });

  it('falls back to a retry when even the vault status cannot be read', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    renderApp(
      fakeMain({
        'vault.status': () =>
          ++attempts === 1 ? failure('UNAVAILABLE', 'The vault is starting.') : answer(vaultStatus()),
      }).bridge,
    );
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
  });
});
