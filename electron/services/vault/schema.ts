import type { Db, Migration } from '../../../shared/node/db.ts';
import type { KdfParams } from './envelope.ts';

export type VaultMode = 'keychain' | 'password-only';

/*
 * One vault per file. Records have a random public `id` (unique across tables, so an id names one kind of
 * key) and a `seq` that keeps their order. Secrets are stored only as AES-256-GCM ciphertexts (nonce, then
 * ciphertext with its tag); the public columns beside them are bound into each record's associated data and
 * into a MAC over the whole list. Consensus keys have their own table so no query for accounts reaches one.
 */
export const migrations: readonly Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE meta (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        vault_id TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('keychain', 'password-only')),
        kdf_n INTEGER NOT NULL, kdf_r INTEGER NOT NULL, kdf_p INTEGER NOT NULL, kdf_salt BLOB NOT NULL,
        password_check BLOB NOT NULL,
        wrap_nonce BLOB NOT NULL, wrapped_vmk BLOB NOT NULL,
        records_mac BLOB NOT NULL,
        auto_lock_ms INTEGER NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        backoff_until INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE mnemonic (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, fingerprint TEXT NOT NULL UNIQUE,
        nonce BLOB NOT NULL, ciphertext BLOB NOT NULL, created_at INTEGER NOT NULL
      );
      CREATE TABLE account (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL CHECK (kind IN ('derived', 'watch')), label TEXT NOT NULL,
        address BLOB NOT NULL UNIQUE, public_key BLOB,
        mnemonic_id TEXT REFERENCES mnemonic (id), account_index INTEGER,
        nonce BLOB, ciphertext BLOB, created_at INTEGER NOT NULL,
        UNIQUE (mnemonic_id, account_index)
      );
      CREATE TABLE consensus_key (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, public_key BLOB NOT NULL UNIQUE,
        nonce BLOB NOT NULL, ciphertext BLOB NOT NULL, created_at INTEGER NOT NULL
      );
    `),
  // Imported single keys ('imported'): a secret with no recovery phrase. SQLite cannot widen a CHECK in place, so the
  // table is rebuilt with the same rows and seq (the record-list MAC covers seq order and stays valid).
  (db) =>
    db.exec(`
      CREATE TABLE account_v2 (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL CHECK (kind IN ('derived', 'watch', 'imported')), label TEXT NOT NULL,
        address BLOB NOT NULL UNIQUE, public_key BLOB,
        mnemonic_id TEXT REFERENCES mnemonic (id), account_index INTEGER,
        nonce BLOB, ciphertext BLOB, created_at INTEGER NOT NULL,
        UNIQUE (mnemonic_id, account_index),
        CHECK (kind != 'imported' OR (public_key IS NOT NULL AND nonce IS NOT NULL AND ciphertext IS NOT NULL AND mnemonic_id IS NULL AND account_index IS NULL))
      );
      INSERT INTO account_v2 (seq, id, kind, label, address, public_key, mnemonic_id, account_index, nonce, ciphertext, created_at)
        SELECT seq, id, kind, label, address, public_key, mnemonic_id, account_index, nonce, ciphertext, created_at FROM account;
      DROP TABLE account;
      ALTER TABLE account_v2 RENAME TO account;
    `),
];

export interface MetaRow {
  vault_id: string;
  mode: VaultMode;
  kdf_n: number;
  kdf_r: number;
  kdf_p: number;
  kdf_salt: Buffer;
  password_check: Buffer;
  wrap_nonce: Buffer;
  wrapped_vmk: Buffer;
  records_mac: Buffer;
  auto_lock_ms: number;
  failed_attempts: number;
  backoff_until: number;
}

export interface MnemonicRow {
  id: string;
  label: string;
  fingerprint: string;
  nonce: Buffer;
  ciphertext: Buffer;
  created_at: number;
}

export type AccountKind = 'derived' | 'watch' | 'imported';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  label: string;
  address: Buffer;
  public_key: Buffer | null;
  mnemonic_id: string | null;
  account_index: number | null;
  nonce: Buffer | null;
  ciphertext: Buffer | null;
  created_at: number;
}

export interface ConsensusKeyRow {
  id: string;
  label: string;
  public_key: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  created_at: number;
}

export const kdfOf = (meta: MetaRow): KdfParams => ({ N: meta.kdf_n, r: meta.kdf_r, p: meta.kdf_p });

export const readMeta = (db: Db) => db.prepare('SELECT * FROM meta WHERE singleton = 1').get() as MetaRow | undefined;
// `seq` is an INTEGER PRIMARY KEY, which VACUUM keeps, so the MAC input and the UI's order are both stable.
export const readMnemonics = (db: Db) => db.prepare('SELECT * FROM mnemonic ORDER BY seq').all() as MnemonicRow[];
export const readAccounts = (db: Db) => db.prepare('SELECT * FROM account ORDER BY seq').all() as AccountRow[];
export const readConsensusKeys = (db: Db) =>
  db.prepare('SELECT * FROM consensus_key ORDER BY seq').all() as ConsensusKeyRow[];

const hexOrNull = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString('hex'));

/**
 * Every record's public data, in one canonical byte string. Its MAC under a key from the VMK catches rows
 * deleted, inserted or edited by anyone without the VMK (each record's own AAD cannot see a missing row).
 */
export function recordList(db: Db, vaultId: string): Buffer {
  const list = [
    vaultId,
    readMnemonics(db).map((m) => [m.id, m.label, m.fingerprint, m.created_at]),
    readAccounts(db).map((a) => [
      a.id,
      a.kind,
      a.label,
      a.address.toString('hex'),
      hexOrNull(a.public_key),
      a.mnemonic_id,
      a.account_index,
      a.created_at,
    ]),
    readConsensusKeys(db).map((c) => [c.id, c.label, c.public_key.toString('hex'), c.created_at]),
  ];
  return Buffer.from(JSON.stringify(list), 'utf8');
}
