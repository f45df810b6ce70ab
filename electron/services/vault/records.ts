import {
  accountPath,
  addressBytes,
  deriveAccountKey,
  encodeAddress,
  mnemonicToSeed,
  publicKeyFromSecret,
  sha256,
  validateMnemonic,
} from '../../../shared/core/crypto/index.ts';
import { fail, type Result } from '../../../shared/contract/result.ts';
import type { Db } from '../../../shared/node/db.ts';
import { associatedData, mac, open, sameBytes, type SessionKeys } from './envelope.ts';
import {
  readAccounts,
  readConsensusKeys,
  readMnemonics,
  recordList,
  type AccountKind,
  type AccountRow,
  type ConsensusKeyRow,
  type MetaRow,
  type MnemonicRow,
} from './schema.ts';

// Each record's AAD binds the vault, the record's id and kind, and its immutable public data.
export const mnemonicAad = (vaultId: string, id: string, fingerprint: string) =>
  associatedData('mnemonic', [vaultId, id, fingerprint]);
export const accountAad = (vaultId: string, id: string, mnemonicId: string, index: number, publicKey: Uint8Array) =>
  associatedData('account', [vaultId, id, mnemonicId, index, Buffer.from(publicKey).toString('hex')]);
/** An imported single key has no phrase or index: its AAD binds its public key under its own purpose. */
export const importedAad = (vaultId: string, id: string, publicKey: Uint8Array) =>
  associatedData('imported-account', [vaultId, id, Buffer.from(publicKey).toString('hex')]);
export const consensusAad = (vaultId: string, id: string, publicKey: Uint8Array) =>
  associatedData('consensus-key', [vaultId, id, Buffer.from(publicKey).toString('hex')]);
export const vmkAad = (meta: Pick<MetaRow, 'vault_id' | 'mode' | 'kdf_n' | 'kdf_r' | 'kdf_p' | 'kdf_salt'>) =>
  associatedData('vmk', [meta.vault_id, meta.mode, meta.kdf_n, meta.kdf_r, meta.kdf_p, meta.kdf_salt.toString('hex')]);

/** Names a recovery phrase without revealing it: 8 bytes of the hash of its first account's public key. */
export const fingerprintOf = (firstPublicKey: Uint8Array) =>
  Buffer.from(sha256(firstPublicKey).subarray(0, 8)).toString('hex');

export interface MnemonicInfo {
  id: string;
  label: string;
  fingerprint: string;
}

export interface AccountInfo {
  id: string;
  /** 'derived' (from a phrase) and 'imported' (a single key) sign; 'watch' is an address only, for a wallet whose key lives on an offline device. */
  kind: AccountKind;
  label: string;
  address: string;
  publicKey: string | null;
  mnemonicId: string | null;
  index: number | null;
  path: string | null;
}

export interface ConsensusKeyInfo {
  id: string;
  label: string;
  publicKey: string;
}

export const mnemonicInfo = (row: MnemonicRow): MnemonicInfo => ({
  id: row.id,
  label: row.label,
  fingerprint: row.fingerprint,
});

export const accountInfo = (row: AccountRow, addressPrefix: string): AccountInfo => ({
  id: row.id,
  kind: row.kind,
  label: row.label,
  address: encodeAddress(addressPrefix, row.address),
  publicKey: row.public_key === null ? null : row.public_key.toString('hex'),
  mnemonicId: row.mnemonic_id,
  index: row.account_index,
  path: row.account_index === null ? null : accountPath(row.account_index),
});

export const consensusKeyInfo = (row: ConsensusKeyRow): ConsensusKeyInfo => ({
  id: row.id,
  label: row.label,
  publicKey: row.public_key.toString('hex'),
});

export const openMnemonic = (keys: SessionKeys, vaultId: string, row: MnemonicRow) =>
  open(keys.recordKey, row, mnemonicAad(vaultId, row.id, row.fingerprint));

export function openAccountSecret(keys: SessionKeys, vaultId: string, row: AccountRow): Buffer | null {
  if (row.kind === 'imported') {
    if (row.nonce === null || row.ciphertext === null || row.public_key === null) return null;
    return open(
      keys.recordKey,
      { nonce: row.nonce, ciphertext: row.ciphertext },
      importedAad(vaultId, row.id, row.public_key),
    );
  }
  if (
    row.kind !== 'derived' ||
    row.nonce === null ||
    row.ciphertext === null ||
    row.public_key === null ||
    row.mnemonic_id === null ||
    row.account_index === null
  ) {
    return null;
  }
  const aad = accountAad(vaultId, row.id, row.mnemonic_id, row.account_index, row.public_key);
  return open(keys.recordKey, { nonce: row.nonce, ciphertext: row.ciphertext }, aad);
}

export const openConsensusSecret = (keys: SessionKeys, vaultId: string, row: ConsensusKeyRow) =>
  open(keys.recordKey, row, consensusAad(vaultId, row.id, row.public_key));

export const listMac = (db: Db, keys: SessionKeys, vaultId: string) => mac(keys.macKey, recordList(db, vaultId));

/** The one answer to any failed authentication of stored data: what failed, and what the person can do. */
export function tampered(problem: string, unlocking = false): Result<never> {
  return fail(
    'TAMPERED',
    `The vault file has been altered or damaged: ${problem}.${unlocking ? ' Nothing was unlocked.' : ''} ` +
      'Restore the vault file from a backup, or create a new vault and import your recovery phrases.',
    { key: 'vault.tampered' },
  );
}

/** Null when the record list matches its MAC; otherwise what is wrong, for the TAMPERED message. */
export function listProblem(db: Db, keys: SessionKeys, meta: MetaRow): string | null {
  return sameBytes(listMac(db, keys, meta.vault_id), meta.records_mac)
    ? null
    : 'the list of keys no longer matches its seal (a key was removed, added or edited outside the app)';
}

/** Null when an imported key decrypts to the secret of its stored public key and address. */
function importedKeyProblem(keys: SessionKeys, vaultId: string, row: AccountRow): string | null {
  const secret = openAccountSecret(keys, vaultId, row);
  if (secret === null || secret.length !== 32) {
    secret?.fill(0);
    return 'cannot be decrypted';
  }
  const matches =
    sameBytes(publicKeyFromSecret(secret), row.public_key!) && sameBytes(addressBytes(row.public_key!), row.address);
  secret.fill(0);
  return matches ? null : 'does not match its public key';
}

/** The full check made at unlock: the list MAC, then every secret decrypted and matched against its public data. */
export function integrityProblem(db: Db, keys: SessionKeys, meta: MetaRow): string | null {
  const listed = listProblem(db, keys, meta);
  if (listed !== null) return listed;
  const vaultId = meta.vault_id;
  const seeds = new Map<string, Uint8Array>();
  try {
    for (const row of readMnemonics(db)) {
      const phrase = openMnemonic(keys, vaultId, row);
      const checked = phrase === null ? null : validateMnemonic(phrase.toString('utf8'));
      if (checked === null || !checked.ok) return `the recovery phrase "${row.label || row.id}" cannot be decrypted`;
      const seed = mnemonicToSeed(checked.value);
      if (fingerprintOf(deriveAccountKey(seed, 0).publicKey) !== row.fingerprint) {
        return `the recovery phrase "${row.label || row.id}" does not match its fingerprint`;
      }
      seeds.set(row.id, seed);
    }
    for (const row of readAccounts(db)) {
      const name = `the account "${row.label || row.id}"`;
      if (row.kind === 'watch') {
        const keyFits =
          row.public_key === null ||
          (row.public_key.length === 32 && sameBytes(addressBytes(row.public_key), row.address));
        if (row.address.length !== 20 || !keyFits) return `${name} is not a well-formed watch-only address`;
        continue;
      }
      if (row.kind === 'imported') {
        const problem = importedKeyProblem(keys, vaultId, row);
        if (problem !== null) return `${name} ${problem}`;
        continue;
      }
      const secret = openAccountSecret(keys, vaultId, row);
      const seed = row.mnemonic_id === null ? undefined : seeds.get(row.mnemonic_id);
      if (secret === null || secret.length !== 32 || seed === undefined || row.account_index === null) {
        secret?.fill(0);
        return `${name} cannot be decrypted`;
      }
      const derived = deriveAccountKey(seed, row.account_index);
      const matches =
        sameBytes(publicKeyFromSecret(secret), row.public_key!) &&
        sameBytes(derived.publicKey, row.public_key!) &&
        sameBytes(addressBytes(row.public_key!), row.address);
      secret.fill(0);
      derived.secretKey.fill(0);
      if (!matches) return `${name} does not match its recovery phrase`;
    }
    for (const row of readConsensusKeys(db)) {
      const secret = openConsensusSecret(keys, vaultId, row);
      const matches = secret !== null && secret.length === 32 && sameBytes(publicKeyFromSecret(secret), row.public_key);
      secret?.fill(0);
      if (!matches)
        return `the consensus key "${row.label || row.id}" cannot be decrypted or does not match its public key`;
    }
    return null;
  } finally {
    for (const seed of seeds.values()) seed.fill(0);
  }
}
