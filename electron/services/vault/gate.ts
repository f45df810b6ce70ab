import type { Db } from '../../../shared/node/db.ts';
import type { Keychain } from '../keychain.ts';
import { fail, ok, type Result } from '../../../shared/contract/result.ts';
import { BACKOFF_CAP_MS, backoffDelay, formatWait, type Clock } from './clock.ts';
import { open, passwordCheck, sameBytes, stretchPassword, wrappingKey } from './envelope.ts';
import { tampered, vmkAad } from './records.ts';
import { kdfOf, readMeta, type MetaRow } from './schema.ts';
import { keychainSecret } from './wrap.ts';

export interface Unwrapped {
  vmk: Buffer;
  /** Null in password-only mode; the caller zeroes it. */
  keychainSecret: Buffer | null;
}

/**
 * Every password check goes through here: the back-off window first (persisted in the file, so a restart
 * does not reset it), then the keychain secret, then scrypt. The caller runs checks one at a time.
 */
export class PasswordGate {
  constructor(
    private readonly db: Db,
    private readonly keychain: Keychain,
    private readonly clock: Clock,
  ) {}

  async unwrap(meta: MetaRow, password: string): Promise<Result<Unwrapped>> {
    if (typeof password !== 'string' || password.length === 0)
      return fail('VALIDATION', 'Enter the vault password.', { key: 'password.missing' });
    // One reading of the clock: the wait said and the time given to the page must agree to the millisecond.
    const now = this.clock.now();
    const wait = this.backoffRemaining(meta, now);
    if (wait > 0)
      return fail('BACKOFF', `Too many wrong passwords. Try again in ${formatWait(wait)}.`, { retryAt: now + wait });
    const secret = keychainSecret(this.keychain, meta);
    if (!secret.ok) return secret;
    const stretched = await stretchPassword(password, meta.kdf_salt, kdfOf(meta));
    const wrapKey = wrappingKey(stretched, secret.value, meta.vault_id);
    stretched.fill(0);
    try {
      if (!sameBytes(passwordCheck(wrapKey), meta.password_check)) {
        secret.value?.fill(0);
        return fail('WRONG_PASSWORD', `Wrong password. You can try again in ${formatWait(this.recordFailure())}.`);
      }
      this.db
        .prepare('UPDATE meta SET failed_attempts = 0, backoff_until = 0 WHERE singleton = 1 AND failed_attempts != 0')
        .run();
      const vmk = open(wrapKey, { nonce: meta.wrap_nonce, ciphertext: meta.wrapped_vmk }, vmkAad(meta));
      if (vmk === null || vmk.length !== 32) {
        secret.value?.fill(0);
        vmk?.fill(0);
        return tampered(
          "the password is right, but the vault's wrapped master key does not open (it, or its settings, were altered)",
        );
      }
      return ok({ vmk, keychainSecret: secret.value });
    } finally {
      wrapKey.fill(0);
    }
  }

  private backoffRemaining(meta: MetaRow, now: number): number {
    if (meta.backoff_until - now > BACKOFF_CAP_MS) {
      // The clock went back: never make the person wait longer than the cap.
      this.db.prepare('UPDATE meta SET backoff_until = ? WHERE singleton = 1').run(now + BACKOFF_CAP_MS);
      return BACKOFF_CAP_MS;
    }
    return Math.max(0, meta.backoff_until - now);
  }

  /** Persists the failure and the next allowed time; returns the delay. */
  private recordFailure(): number {
    return this.db.transaction(() => {
      const failures = readMeta(this.db)!.failed_attempts + 1;
      const delay = backoffDelay(failures);
      this.db
        .prepare('UPDATE meta SET failed_attempts = ?, backoff_until = ? WHERE singleton = 1')
        .run(failures, this.clock.now() + delay);
      return delay;
    })();
  }
}
