// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { answer, fakeMain } from './fake-bridge.ts';
import { ADDRESS_1, ADDRESS_2, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderApp } from './render.tsx';

const WORDS = Array.from({ length: 24 }, (_, i) => `word${String.fromCharCode(97 + i)}`).join(' ');
const NEW_PASSWORD = 'violet harbour lantern 42';

const main = vaultAccount({ id: 'a-1', label: 'Account 1', address: ADDRESS_1 });
const imported = vaultAccount({ id: 'a-2', kind: 'imported', label: 'Old key', address: ADDRESS_2, mnemonicId: null });
const plan: MethodOutput<'vault.restorePlan'> = {
  phraseLabel: 'Recovery phrase',
  restored: [main],
  notRestored: [imported],
  consensusKeysLost: [{ id: 'k-1', label: 'Node key', publicKey: 'ab'.repeat(32) }],
};

/** A locked vault whose restore works as the main process's does: checks the phrase, then rebuilds and unlocks. */
function lockedVault() {
  let status = vaultStatus({ locked: true, accounts: [main, imported] });
  const fake = fakeMain({
    'vault.status': () => answer(status),
    'vault.restorePlan': ({ words }) =>
      words === WORDS
        ? answer(plan)
        : {
            ok: false as const,
            error: {
              code: 'VALIDATION' as const,
              message: 'This recovery phrase is a valid one, but not the phrase of this vault.',
              key: 'restore.otherPhrase',
            },
          },
    'vault.restoreFromPhrase': () => {
      status = { ...status, locked: false, accounts: [main] };
      fake.emit('vault.changed', { status, reason: 'unlocked' });
      return answer({ status, backupFile: '/data/vault.sqlite.2026-12-06T15-41-00Z.bak', plan });
    },
  });
  return fake;
}

/** Issue 13 item 9: Unlock offers a restore from the recovery phrase, says what cannot come back, and keeps the old file. */
describe('restore from the recovery phrase', () => {
  it('checks the phrase, lists what comes back and what does not, asks for a new password and an acknowledgement', async () => {
    const user = userEvent.setup();
    const fake = lockedVault();
    renderApp(fake.bridge);
    await user.click(await screen.findByText('Forgot the password? Restore from your recovery phrase'));
    await user.click(screen.getByRole('button', { name: 'Restore from the recovery phrase' }));
    expect(await screen.findByRole('heading', { name: 'Restore the vault from its recovery phrase' })).toBeVisible();

    // A phrase of another vault: said plainly, nothing else happens.
    await user.type(screen.getByLabelText('Recovery phrase'), 'other words');
    await user.click(screen.getByRole('button', { name: 'Check the phrase' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not the phrase of this vault');
    expect(fake.callsOf('vault.restoreFromPhrase')).toEqual([]);

    await user.clear(screen.getByLabelText('Recovery phrase'));
    await user.type(screen.getByLabelText('Recovery phrase'), `  ${WORDS.replaceAll(' ', '   ')} `);
    await user.click(screen.getByRole('button', { name: 'Check the phrase' }));
    expect(fake.callsOf('vault.restorePlan').at(-1)).toEqual({ words: WORDS });
    expect(await screen.findByTestId('restore-back')).toHaveTextContent('Account 1');
    const lost = screen.getByTestId('restore-lost');
    expect(lost).toHaveTextContent('a recovery phrase cannot bring these back');
    expect(within(lost).getByText('Old key')).toBeInTheDocument();
    expect(lost).toHaveTextContent('Imported key');
    expect(lost).toHaveTextContent('Node key');
    expect(lost).toHaveTextContent('Consensus key');
    expect(screen.getByText(/kept beside the new one as a dated backup/)).toBeInTheDocument();

    const submit = screen.getByRole('button', { name: 'Restore the vault' });
    await user.type(screen.getByLabelText('New password'), NEW_PASSWORD);
    await user.type(screen.getByLabelText('Repeat the new password'), NEW_PASSWORD);
    expect(submit).toBeDisabled(); // not before the losses are acknowledged
    await user.click(screen.getByLabelText(/I understand that the items listed under “Not restored”/));
    expect(submit).toBeEnabled();
    await user.click(submit);

    expect(await screen.findByRole('heading', { name: 'Vault restored' })).toBeVisible();
    expect(fake.callsOf('vault.restoreFromPhrase')).toEqual([{ words: WORDS, newPassword: NEW_PASSWORD }]);
    expect(screen.getByTestId('restore-backup')).toHaveTextContent('/data/vault.sqlite.2026-12-06T15-41-00Z.bak');
    await user.click(screen.getByRole('button', { name: 'Open the wallet' }));
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
  });

  it('goes back to the password prompt when cancelled', async () => {
    const user = userEvent.setup();
    renderApp(lockedVault().bridge);
    await user.click(await screen.findByText('Forgot the password? Restore from your recovery phrase'));
    await user.click(screen.getByRole('button', { name: 'Restore from the recovery phrase' }));
    await user.click(await screen.findByRole('button', { name: 'Back to unlock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  });
});
