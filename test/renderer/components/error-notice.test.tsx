// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../../shared/contract/result.ts';
import { ContractFailure } from '../../../renderer/src/data/contract.ts';
import { ErrorNotice } from '../../../renderer/src/errors/ErrorNotice.tsx';
import { fakeMain } from './fake-bridge.ts';
import { renderScreen } from './render.tsx';

const CODES: ErrorCode[] = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'UNAVAILABLE',
  'NO_VAULT',
  'LOCKED',
  'WRONG_PASSWORD',
  'BACKOFF',
  'TAMPERED',
  'EXISTS',
  'NOT_FOUND',
  'REJECTED',
  'UNVERIFIED',
  'OFFLINE',
  'INTERNAL',
];
const show = (error: unknown, onRetry?: () => void) =>
  renderScreen(<ErrorNotice error={error} {...(onRetry ? { onRetry } : {})} />, fakeMain({}).bridge);

describe('ErrorNotice', () => {
  it.each(CODES)('says what happened and what to do next for %s', (code) => {
    show(new ContractFailure({ code, message: 'Detail from the main process.', retryAt: Date.now() + 5_000 }));
    const notice = screen.getByRole(code === 'UNAVAILABLE' ? 'status' : 'alert');
    expect(notice).toHaveAttribute('data-code', code);
    expect(notice.querySelector('.notice-title')?.textContent).toMatch(/\w/);
    expect(notice.textContent).not.toMatch(/error\.|at .+\(.+:\d+:\d+\)/);
  });

  it('counts down a back-off and then allows a retry', async () => {
    show(new ContractFailure({ code: 'BACKOFF', message: 'Wait.', retryAt: Date.now() + 2_000 }), () => undefined);
    expect(screen.getByRole('alert')).toHaveTextContent(/Wait [12] s, then try again\./);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeDisabled();
    expect(await screen.findByText('You can try again now.', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('offers to unlock when the vault is locked, and lists field problems of a validation error', async () => {
    show(
      new ContractFailure({
        code: 'VALIDATION',
        message: 'The input is not acceptable.',
        issues: [{ path: 'url', message: 'Enter a full address such as http://host:26657.' }],
      }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('url: Enter a full address such as http://host:26657.');
  });

  it('turns a page bug into an INTERNAL notice with its message, and retries', async () => {
    const user = userEvent.setup();
    const retry = vi.fn();
    show(new TypeError('cannot read properties of undefined'), retry);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong inside the app');
    expect(screen.getByRole('alert')).toHaveTextContent('cannot read properties of undefined');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('has an "Unlock the vault" step for LOCKED', () => {
    show(new ContractFailure({ code: 'LOCKED', message: 'The vault is locked.' }));
    expect(screen.getByRole('button', { name: 'Unlock the vault' })).toBeInTheDocument();
  });
});
