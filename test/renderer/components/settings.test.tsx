// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../../renderer/src/features/settings/Settings.tsx';
import { answer, failure, fakeMain, never } from './fake-bridge.ts';
import { networkStatus, vaultStatus } from './fixtures.ts';
import { renderScreen } from './render.tsx';

const endpoints = () => screen.getByRole('region', { name: 'Network endpoints' });
const PASSWORD = 'violet harbour lantern 42';

describe('settings', () => {
  it('shows loading while the vault and network answer', async () => {
    renderScreen(<Settings />, fakeMain({ 'vault.status': never, 'network.status': never }).bridge);
    expect(within(await screen.findByRole('region', { name: 'Auto-lock' })).getByText('Loading…')).toBeInTheDocument();
    expect(within(endpoints()).getByText('Loading…')).toBeInTheDocument();
  });

  it('says when no endpoint is configured, and adds one', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'network.status': () => answer(networkStatus({ endpoints: [] })),
      'network.addEndpoint': ({ url }) =>
        answer(networkStatus({ endpoints: [{ url, trusted: true, active: false, lastSeenHeight: 0 }] })),
    });
    renderScreen(<Settings />, main.bridge);
    expect(await within(endpoints()).findByText('No endpoints are configured.')).toBeInTheDocument();
    await user.type(within(endpoints()).getByLabelText('Endpoint address'), 'http://10.0.0.7:26657');
    await user.click(within(endpoints()).getByRole('button', { name: 'Add an endpoint' }));
    expect(await within(endpoints()).findByText('http://10.0.0.7:26657')).toBeInTheDocument();
    expect(main.callsOf('network.addEndpoint')).toEqual([{ url: 'http://10.0.0.7:26657' }]);
  });

  it('shows the network area calmly while it is not available', async () => {
    renderScreen(<Settings />, fakeMain({ 'vault.status': () => answer(vaultStatus()) }).bridge);
    const notice = (await within(endpoints()).findByText('Not available yet')).closest<HTMLElement>('[data-code]')!;
    expect(notice).toHaveAttribute('role', 'status');
    expect(within(notice).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('lists endpoints with their health; removes one and trusts another again', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'network.status': () => answer(networkStatus()),
      'network.trustAgain': ({ url }) =>
        answer(
          networkStatus({
            endpoints: networkStatus().endpoints.map((e) =>
              e.url === url ? { ...e, trusted: true, reason: undefined } : e,
            ),
          }),
        ),
      'network.removeEndpoint': ({ url }) =>
        answer(networkStatus({ endpoints: networkStatus().endpoints.filter((e) => e.url !== url) })),
    });
    renderScreen(<Settings />, main.bridge);
    expect(
      await within(endpoints()).findByText('It served a header whose certificate did not verify.'),
    ).toBeInTheDocument();
    await user.click(within(endpoints()).getByRole('button', { name: 'Trust again' }));
    expect(main.callsOf('network.trustAgain')).toEqual([{ url: 'http://127.0.0.1:26658' }]);
    await user.click(await within(endpoints()).findByRole('button', { name: 'Remove http://127.0.0.1:26657' }));
    expect(main.callsOf('network.removeEndpoint')).toEqual([{ url: 'http://127.0.0.1:26657' }]);
  });

  it('sets the auto-lock delay on the vault', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'vault.setAutoLock': ({ ms }) => answer(vaultStatus({ autoLockMs: ms })),
    });
    renderScreen(<Settings />, main.bridge);
    const select = await screen.findByLabelText('Lock the vault after this long without use.');
    expect(select).toHaveValue(String(5 * 60_000));
    await user.selectOptions(select, 'Never');
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(main.callsOf('vault.setAutoLock')).toEqual([{ ms: 0 }]);
  });

  it('changes the password, and says so when the current one is wrong', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'vault.changePassword': ({ oldPassword }) =>
        oldPassword === PASSWORD ? answer(vaultStatus()) : failure('WRONG_PASSWORD', 'The password is not right.'),
    });
    renderScreen(<Settings />, main.bridge);
    const form = await screen.findByRole('region', { name: 'Vault password' });
    await user.type(within(form).getByLabelText('Current password'), 'wrong one');
    await user.type(within(form).getByLabelText('New password'), 'a brand new pass phrase');
    await user.type(within(form).getByLabelText('Repeat the new password'), 'a brand new pass phrase!');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('The two passwords differ.');
    await user.clear(within(form).getByLabelText('Repeat the new password'));
    await user.type(within(form).getByLabelText('Repeat the new password'), 'a brand new pass phrase');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('That password is not right');

    await user.clear(within(form).getByLabelText('Current password'));
    await user.type(within(form).getByLabelText('Current password'), PASSWORD);
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('The password was changed.')).toBeInTheDocument();
    expect(main.callsOf('vault.changePassword').at(-1)).toEqual({
      oldPassword: PASSWORD,
      newPassword: 'a brand new pass phrase',
    });
  });

  it('switches language and theme, and remembers both', async () => {
    const user = userEvent.setup();
    renderScreen(
      <Settings />,
      fakeMain({ 'vault.status': () => answer(vaultStatus()), 'network.status': () => answer(networkStatus()) }).bridge,
    );
    await user.click(await screen.findByLabelText('Dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('consortia.theme')).toBe('dark');
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('consortia.locale')).toBe('zh-CN');
    await user.click(screen.getByLabelText('跟随系统'));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});

describe('settings: the network for the next start', () => {
  const region = () => screen.getByRole('region', { name: 'Network' });

  it('keeps a network given by its genesis file and endpoints, and says a restart switches to it', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'network.status': () => answer(networkStatus()),
      'network.choose': () => answer({ kind: 'custom', chainId: 'bank-consortium-1', restartRequired: true }),
    });
    renderScreen(<Settings />, main.bridge);
    expect(await within(region()).findByTestId('network-current')).toHaveTextContent(
      /Now following the embedded devnet/,
    );
    const save = within(region()).getByRole('button', { name: 'Use this network' });
    expect(save).toBeDisabled();
    // The choice starts at the network in use (the devnet); another network is picked on purpose.
    await user.click(within(region()).getByRole('radio', { name: /another network/ }));
    const genesis = new File(['{"chainId":"bank-consortium-1"}'], 'genesis.json', { type: 'application/json' });
    await user.upload(within(region()).getByLabelText('Genesis document'), genesis);
    await user.type(
      within(region()).getByLabelText('Endpoints, one per line'),
      'https://a.example:26657/{enter}https://b.example:26657/',
    );
    await user.click(save);
    expect(await within(region()).findByRole('status')).toHaveTextContent(
      'Saved. Restart the app to switch to bank-consortium-1.',
    );
    expect(main.callsOf('network.choose')).toEqual([
      {
        kind: 'custom',
        genesis: '{"chainId":"bank-consortium-1"}',
        endpoints: ['https://a.example:26657/', 'https://b.example:26657/'],
      },
    ]);
  });

  it('shows why a genesis document was refused', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'network.status': () => answer(networkStatus()),
      'network.choose': () => failure('VALIDATION', 'This genesis document is not valid: chainId: expected a string.'),
    });
    renderScreen(<Settings />, main.bridge);
    await user.click(
      await within(await screen.findByRole('region', { name: 'Network' })).findByRole('radio', {
        name: /another network/,
      }),
    );
    await user.upload(within(region()).getByLabelText('Genesis document'), new File(['{}'], 'g.json'));
    await user.type(within(region()).getByLabelText('Endpoints, one per line'), 'https://a.example:26657/');
    await user.click(within(region()).getByRole('button', { name: 'Use this network' }));
    expect(await within(region()).findByText(/This genesis document is not valid/)).toBeInTheDocument();
  });

  it('goes back to the embedded devnet', async () => {
    const user = userEvent.setup();
    const main = fakeMain({
      'vault.status': () => answer(vaultStatus()),
      'network.status': () => answer(networkStatus({ kind: 'custom', chainId: 'bank-consortium-1' })),
      'network.choose': () => answer({ kind: 'devnet', restartRequired: true }),
    });
    renderScreen(<Settings />, main.bridge);
    expect(
      await within(await screen.findByRole('region', { name: 'Network' })).findByTestId('network-current'),
    ).toHaveTextContent('Now following bank-consortium-1.');
    await user.click(within(region()).getByLabelText(/the embedded devnet/));
    await user.click(within(region()).getByRole('button', { name: 'Use this network' }));
    expect(await within(region()).findByRole('status')).toHaveTextContent(
      'Saved. Restart the app to switch to the embedded devnet.',
    );
    expect(main.callsOf('network.choose')).toEqual([{ kind: 'devnet' }]);
  });
});
