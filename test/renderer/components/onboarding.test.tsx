// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { answer, failure, fakeMain, never } from './fake-bridge.ts';
import { noVault, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderApp } from './render.tsx';

const WORDS = Array.from({ length: 24 }, (_, i) => `word${String.fromCharCode(97 + i)}`);
const PASSWORD = 'violet harbour lantern 42';

/** A vault that starts empty and changes as the onboarding calls it, pushing vault.changed as the real one does. */
function emptyVault(overrides: Partial<MethodOutput<'vault.status'>> = {}) {
  let status = { ...noVault(), ...overrides };
  const main = fakeMain({
    'vault.status': () => answer(status),
    'vault.create': ({ mode }) => {
      status = { ...status, exists: true, locked: false, mode: mode ?? 'keychain' };
      main.emit('vault.changed', { status, reason: 'unlocked' });
      return answer(status);
    },
    'vault.createMnemonic': () => {
      const account = vaultAccount();
      status = { ...status, accounts: [account] };
      main.emit('vault.changed', { status, reason: 'changed' });
      return answer({ mnemonicId: 'm-1', words: WORDS.join(' '), account });
    },
    'vault.importMnemonic': ({ words, label }) => {
      if (words.split(' ').length !== 24)
        return failure('VALIDATION', 'A recovery phrase has 12 or 24 words from the BIP-39 list.');
      const account = vaultAccount({ label: label ?? 'Account 1' });
      status = { ...status, accounts: [account] };
      main.emit('vault.changed', { status, reason: 'changed' });
      return answer({ mnemonicId: 'm-1', account });
    },
  });
  return main;
}

describe('onboarding', () => {
  it('shows loading while the vault status is on its way', async () => {
    renderApp(fakeMain({ 'vault.status': never }).bridge);
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
  });

  it('shows a vault error as a next step with a retry, never a stack', async () => {
    renderApp(
      fakeMain({ 'vault.status': () => failure('TAMPERED', 'The vault file failed its integrity check.') }).bridge,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Stored data failed its integrity check');
    expect(alert).toHaveTextContent('Restore the vault from a backup');
    expect(alert).not.toHaveTextContent(/at \w+ \(/);
  });

  it('creates a vault, shows the new phrase, and finishes only when asked words match', async () => {
    const user = userEvent.setup();
    const main = emptyVault();
    renderApp(main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Create a new wallet' }));

    expect(await screen.findByRole('heading', { name: 'Set the vault password' })).toBeInTheDocument();
    expect(screen.queryByText('No system keychain was found')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.type(screen.getByLabelText('Repeat the password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create the vault' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Use at least 8 characters.');
    expect(main.callsOf('vault.create')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.clear(screen.getByLabelText('Repeat the password'));
    await user.type(screen.getByLabelText('Repeat the password'), PASSWORD);
    expect(await screen.findByText('Strong')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create the vault' }));

    const phrase = await screen.findByRole('list', { name: 'Recovery phrase, word by word' });
    expect(
      within(phrase)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(WORDS.map((word, i) => `${i + 1}${word}`));
    expect(main.callsOf('vault.create')).toEqual([{ password: PASSWORD }]);
    await user.click(screen.getByRole('button', { name: 'I have written the words down' }));

    const inputs = await screen.findAllByLabelText(/^Word #\d+$/);
    expect(inputs.length).toBe(4);
    for (const input of inputs) await user.type(input, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Check and finish' }));
    expect(screen.getByRole('alert')).toHaveTextContent('These words do not match');
    expect(screen.getByRole('heading', { name: 'Check your recovery phrase' })).toBeInTheDocument();

    for (const input of inputs) {
      const position = Number(input.getAttribute('data-position'));
      await user.clear(input);
      await user.type(input, ` ${WORDS[position - 1]!.toUpperCase()} `);
    }
    await user.click(screen.getByRole('button', { name: 'Check and finish' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(main.callsOf('vault.createMnemonic')).toHaveLength(1);
  });

  it('offers password-only protection only without a keychain, and requires it to be chosen', async () => {
    const user = userEvent.setup();
    const main = emptyVault({ keychainAvailable: false });
    renderApp(main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Import a recovery phrase' }));
    await user.type(await screen.findByLabelText('Password'), PASSWORD);
    await user.type(screen.getByLabelText('Repeat the password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create the vault' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Confirm password-only protection');
    await user.click(screen.getByLabelText('Protect the vault with the password only'));
    await user.click(screen.getByRole('button', { name: 'Create the vault' }));
    expect(await screen.findByRole('heading', { name: 'Import a recovery phrase' })).toBeInTheDocument();
    expect(main.callsOf('vault.create')).toEqual([{ password: PASSWORD, mode: 'password-only' }]);

    await user.type(screen.getByLabelText('Recovery phrase'), 'too few words');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please check what you entered');
    expect(screen.getByRole('alert')).toHaveTextContent('12 or 24 words');

    await user.clear(screen.getByLabelText('Recovery phrase'));
    await user.type(screen.getByLabelText('Recovery phrase'), `  ${WORDS.join('   ')} `);
    await user.type(screen.getByLabelText('Name of this wallet (optional)'), 'Savings');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(main.callsOf('vault.importMnemonic').at(-1)).toEqual({ words: WORDS.join(' '), label: 'Savings' });
  });

  it('resumes at the choice when the vault exists but holds no account yet', async () => {
    const user = userEvent.setup();
    const main = emptyVault({ exists: true, locked: false, mode: 'keychain' });
    renderApp(main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Create a new wallet' }));
    expect(await screen.findByRole('list', { name: 'Recovery phrase, word by word' })).toBeInTheDocument();
    expect(main.callsOf('vault.create')).toHaveLength(0);
  });
});

describe('onboarding when making the phrase fails', () => {
  it('shows the failure as a next step and tries again on request', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const status = vaultStatus({ accounts: [], mnemonics: [] });
    const main = fakeMain({
      'vault.status': () => answer(status),
      'vault.createMnemonic': () =>
        ++attempts === 1
          ? failure('INTERNAL', 'Could not write the new phrase to the vault file.')
          : answer({ mnemonicId: 'm-1', words: WORDS.join(' '), account: vaultAccount() }),
    });
    renderApp(main.bridge);
    await user.click(await screen.findByRole('button', { name: 'Create a new wallet' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong inside the app');
    expect(alert).toHaveTextContent('Could not write the new phrase to the vault file.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Recovery phrase, word by word' })).toBeInTheDocument();
  });
});

describe('unlock', () => {
  const locked = () => vaultStatus({ locked: true });

  it('says a wrong password plainly and waits out the back-off before the next try', async () => {
    const user = userEvent.setup();
    let status = locked();
    const main = fakeMain({
      'vault.status': () => answer(status),
      'vault.unlock': ({ password }) => {
        if (password !== PASSWORD) {
          status = { ...status, backoffUntil: Date.now() + 60_000 };
          return failure('WRONG_PASSWORD', 'The password is not right.');
        }
        status = { ...status, locked: false };
        return answer(status);
      },
    });
    renderApp(main.bridge);
    await user.type(await screen.findByLabelText('Password'), 'nope nope');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That password is not right');
    expect(await screen.findByText(/Wait \d+ s, then try again\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });

  it('shows the back-off the vault reports with its countdown', async () => {
    const main = fakeMain({
      'vault.status': () => answer(locked()),
      'vault.unlock': () =>
        failure('BACKOFF', 'Too many wrong passwords; wait a little.', { retryAt: Date.now() + 30_000 }),
    });
    const user = userEvent.setup();
    renderApp(main.bridge);
    await user.type(await screen.findByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many tries');
    expect(alert).toHaveTextContent(/Wait (29|30) s, then try again\./);
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });

  it('unlocks into the overview, and returns to the unlock screen when the vault locks itself while idle', async () => {
    const user = userEvent.setup();
    let status = locked();
    const main = fakeMain({
      'vault.status': () => answer(status),
      'vault.unlock': () => answer((status = { ...status, locked: false })),
    });
    renderApp(main.bridge);
    await user.type(await screen.findByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();

    status = { ...status, locked: true };
    main.emit('vault.changed', { status, reason: 'idle' });
    expect(await screen.findByRole('heading', { name: 'Unlock the vault' })).toBeInTheDocument();
    expect(screen.getByText('The vault locked itself after a while without use.')).toBeInTheDocument();
  });
});
