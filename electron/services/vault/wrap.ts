import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../../shared/contract/result.ts';
import type { Keychain } from '../keychain.ts';
import { passwordCheck, seal, stretchPassword, wrappingKey, KEY_BYTES, type KdfParams } from './envelope.ts';
import { vmkAad } from './records.ts';
import type { MetaRow, VaultMode } from './schema.ts';

/** Production passes osKeychain(KEYCHAIN_SERVICE); each vault keeps one secret under its own account. */
export const KEYCHAIN_SERVICE = 'Consortia';
export const keychainAccount = (vaultId: string) => `vault-${vaultId}`;

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

export const PASSWORD_ONLY_HINT =
  'If this computer has no keychain, you can create the vault in password-only mode instead: your password alone then protects it, so choose a long one.';

/** Why a new password is refused, as a VALIDATION failure, or null. */
export function newPasswordProblem(password: unknown): Result<never> | null {
  if (typeof password !== 'string') return fail('VALIDATION', 'Enter a password.', { key: 'password.missing' });
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH)
    return fail('VALIDATION', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`, {
      key: 'password.short',
      params: { min: MIN_PASSWORD_LENGTH },
    });
  if (length > MAX_PASSWORD_LENGTH)
    return fail('VALIDATION', `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`, {
      key: 'password.long',
      params: { max: MAX_PASSWORD_LENGTH },
    });
  return null;
}

/** This vault's keychain secret, null in password-only mode, or why it cannot be had. */
export function keychainSecret(keychain: Keychain, meta: MetaRow): Result<Buffer | null> {
  if (meta.mode === 'password-only') return ok(null);
  const account = keychainAccount(meta.vault_id);
  const got = keychain.get(account);
  if (!got.ok) {
    return fail(
      'UNAVAILABLE',
      `${got.error.message} This vault keeps part of its key in the OS keychain, so it opens only when the keychain is running and unlocked; start it and try again.`,
      { key: 'vault.keychainUnavailable' },
    );
  }
  if (got.value === null || got.value.length !== KEY_BYTES) {
    return fail(
      'UNAVAILABLE',
      `The OS keychain no longer holds this vault's secret (service "${KEYCHAIN_SERVICE}", account "${account}"), so the vault cannot be opened, even with the right password. ` +
        'Restore that keychain entry from a backup of your keychain, or create a new vault and import your recovery phrases.',
      { key: 'vault.keychainSecretMissing', params: { service: KEYCHAIN_SERVICE, account } },
    );
  }
  return ok(Buffer.from(got.value));
}

export type WrapFields = Pick<
  MetaRow,
  'vault_id' | 'mode' | 'kdf_n' | 'kdf_r' | 'kdf_p' | 'kdf_salt' | 'password_check' | 'wrap_nonce' | 'wrapped_vmk'
>;

/** Wraps the VMK under a new salt; the AAD binds mode and KDF parameters, so editing them breaks the unwrap. */
export async function wrapVmk(
  vmk: Buffer,
  password: string,
  params: KdfParams,
  mode: VaultMode,
  vaultId: string,
  secret: Buffer | null,
): Promise<WrapFields> {
  const salt = randomBytes(KEY_BYTES);
  const stretched = await stretchPassword(password, salt, params);
  const wrapKey = wrappingKey(stretched, secret, vaultId);
  stretched.fill(0);
  const head = { vault_id: vaultId, mode, kdf_n: params.N, kdf_r: params.r, kdf_p: params.p, kdf_salt: salt };
  const sealed = seal(wrapKey, vmk, vmkAad(head));
  const check = passwordCheck(wrapKey);
  wrapKey.fill(0);
  return { ...head, password_check: check, wrap_nonce: sealed.nonce, wrapped_vmk: sealed.ciphertext };
}
