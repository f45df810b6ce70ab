import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

/*
 * The vault's key hierarchy:
 *   stretched = scrypt(password, salt, N, r, p)                       (memory-hard, costs an attacker per guess)
 *   KEK       = HKDF(stretched ‖ keychain secret, vault id, "wrap")   (a copied file alone is useless)
 *   VMK       = random 32 bytes, stored AES-256-GCM-wrapped under KEK
 *   record key, MAC key = HKDF(VMK, vault id, …)                      (one key per purpose)
 */

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF: Readonly<KdfParams> = { N: 2 ** 17, r: 8, p: 1 };
export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'consortia/vault/v1';

/** Why the parameters are unusable, or null. The lower bounds let tests run fast; the defaults are what users get. */
export function kdfProblem(params: KdfParams): string | null {
  const { N, r, p } = params ?? {};
  if (!Number.isInteger(N) || N < 2 ** 10 || N > 2 ** 22 || (N & (N - 1)) !== 0) {
    return 'The scrypt cost N must be a power of two from 1024 (2^10) to 4194304 (2^22).';
  }
  if (!Number.isInteger(r) || r < 1 || r > 32) return 'The scrypt block size r must be a whole number from 1 to 32.';
  if (!Number.isInteger(p) || p < 1 || p > 16) return 'The scrypt parallelism p must be a whole number from 1 to 16.';
  return null;
}

/** Runs on libuv's thread pool, so the Electron main process stays responsive during the ~0.5 s it takes. */
export function stretchPassword(password: string, salt: Uint8Array, params: KdfParams): Promise<Buffer> {
  const maxmem = 256 * params.N * params.r * params.p + 2 ** 20; // Node refuses above 32 MiB unless told
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function hkdf(ikm: Uint8Array, salt: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, `${FORMAT}/${info}`, KEY_BYTES));
}

/** The key that wraps the VMK: the password's stretch combined with the keychain secret (absent in password-only mode). */
export function wrappingKey(stretched: Buffer, keychainSecret: Uint8Array | null, vaultId: string): Buffer {
  const ikm = keychainSecret === null ? stretched : Buffer.concat([stretched, keychainSecret]);
  const key = hkdf(ikm, vaultId, keychainSecret === null ? 'wrap/password-only' : 'wrap/keychain');
  if (ikm !== stretched) ikm.fill(0);
  return key;
}

/**
 * Tells a wrong password (or keychain secret) apart from a damaged wrapped VMK. It costs an attacker nothing:
 * reaching the wrapping key already takes the full scrypt work, and the GCM tag would confirm a guess anyway.
 */
export function passwordCheck(wrapKey: Buffer): Buffer {
  return mac(wrapKey, new TextEncoder().encode(`${FORMAT}/password-check`));
}

export interface SessionKeys {
  vmk: Buffer;
  recordKey: Buffer;
  macKey: Buffer;
}

export function sessionKeys(vmk: Buffer, vaultId: string): SessionKeys {
  return { vmk, recordKey: hkdf(vmk, vaultId, 'records'), macKey: hkdf(vmk, vaultId, 'record-list-mac') };
}

export function zeroSession(keys: SessionKeys): void {
  keys.vmk.fill(0);
  keys.recordKey.fill(0);
  keys.macKey.fill(0);
}

/** Associated data: a JSON array of strings and numbers, so every field has one unambiguous encoding. */
export function associatedData(purpose: string, fields: readonly (string | number | null)[]): Buffer {
  return Buffer.from(JSON.stringify([`${FORMAT}/${purpose}`, ...fields]), 'utf8');
}

export interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer; // GCM tag appended
}

export function seal(key: Buffer, plaintext: Uint8Array, aad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, ciphertext };
}

/** The plaintext, or null when the ciphertext, nonce or associated data were altered (or the key is wrong). */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | null {
  const { nonce, ciphertext } = sealed;
  if (nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(aad);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
    return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

export function mac(key: Buffer, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export const randomKey = (): Buffer => randomBytes(KEY_BYTES);
