import type { ErrorDetail } from '../../../shared/contract/result.ts';

/** What every vault method answers: a value, or an error a person can act on. */
export type VaultResult<T> = { ok: true; value: T } | { ok: false; error: VaultError };

export type VaultErrorCode =
  | 'NO_VAULT' // nothing has been created in this file yet
  | 'EXISTS' // the vault, or the key being added, is already there
  | 'LOCKED' // the operation needs the vault unlocked
  | 'WRONG_PASSWORD'
  | 'BACKOFF' // too soon after a wrong password
  | 'TAMPERED' // a record or the key record fails its authentication
  | 'KEYCHAIN_UNAVAILABLE' // the OS keychain cannot be reached
  | 'KEYCHAIN_SECRET_MISSING' // the keychain answers but no longer holds this vault's secret
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'DAMAGED' // the file cannot be opened as a vault
  | 'INTERNAL'; // an unexpected failure; the message carries its cause

export interface VaultError {
  code: VaultErrorCode;
  /** One or two sentences for the person using the app. */
  message: string;
  /** The same as a message key and values, which the page words in the person's language. */
  detail?: ErrorDetail;
}

export const ok = <T>(value: T): VaultResult<T> => ({ ok: true, value });
export const fail = (
  code: VaultErrorCode,
  message: string,
  detail?: ErrorDetail,
): { ok: false; error: VaultError } => ({
  ok: false,
  error: detail ? { code, message, detail } : { code, message },
});

/** "1 second", "2 minutes 5 seconds": how long a person must wait, rounded up to the second. */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (total < 60) return unit(total, 'second');
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return seconds === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}

/** The one answer to any failed authentication of stored data: what failed, and what the person can do. */
export function tampered(problem: string, unlocking = false): { ok: false; error: VaultError } {
  return fail(
    'TAMPERED',
    `The vault file has been altered or damaged: ${problem}.${unlocking ? ' Nothing was unlocked.' : ''} ` +
      'Restore the vault file from a backup, or create a new vault and import your recovery phrases.',
    { key: 'vault.tampered' },
  );
}
