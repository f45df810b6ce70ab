// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { answer, fakeMain } from './fake-bridge.ts';
import { noVault, vaultStatus } from './fixtures.ts';
import { renderApp } from './render.tsx';

/** Issue 13 item 9: a weak password needs an explicit confirmation; Unlock shows the way back through the recovery phrase. */
describe('weak passwords and a forgotten one', () => {
  it('refuses "abcdefgh" until the person confirms it on purpose', async () => {
    const user = userEvent.setup();
    let status: MethodOutput<'vault.status'> = noVault();
    const main = fakeMain({
      'vault.status': () => answer(status),
      'vault.create': () => {
        status = { ...status, exists: true, locked: false, mode: 'keychain' };
        return answer(status);
      },
    });
    renderApp(main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Create a new wallet' }));
    await user.type(await screen.findByLabelText('Password'), 'abcdefgh');
    await user.type(screen.getByLabelText('Repeat the password'), 'abcdefgh');
    expect(await screen.findByText('Very weak')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create the vault' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This password is weak.');
    expect(main.callsOf('vault.create')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: /Use it anyway/ }));
    await user.click(screen.getByRole('button', { name: 'Create the vault' }));
    await waitFor(() => expect(main.callsOf('vault.create')).toEqual([{ password: 'abcdefgh' }]));
  });

  it('offers the recovery phrase on the unlock screen, naming the vault file', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus({ locked: true })),
      'app.info': () =>
        answer({
          name: 'Consortia',
          version: '0.1.0',
          platform: 'linux',
          dataDir: '/home/me/.consortia',
          host: 'web',
          mode: 'online',
        }),
    });
    renderApp(main.bridge);
    await user.click(await screen.findByText('Forgot the password? Restore from your recovery phrase'));
    expect(screen.getByTestId('forgot-password')).toHaveTextContent('The old vault file is kept as a backup');
    expect(screen.getByRole('button', { name: 'Restore from the recovery phrase' })).toBeInTheDocument();
    expect(await screen.findByText('/home/me/.consortia/vault.sqlite')).toBeInTheDocument();
  });
});
