/**
 * Restoring a vault from its recovery phrase when the password is forgotten. The old file's public rows
 * (account names and indexes, each phrase's fingerprint) are readable without the password, so the new
 * vault gets the phrase's derived accounts back at the same indexes and under the same names. Imported
 * keys, watch-only addresses, other phrases' accounts and consensus keys cannot come from this phrase:
 * the plan lists them so the person is told before confirming.
 *
 * The new vault is built in a file beside the old one and only then put in its place; the old file is
 * kept as a timestamped backup and never deleted, and so is its keychain entry (the backup needs it,
 * should the old password come back).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { deriveAccountKey, mnemonicToSeed, validateMnemonic } from '../../../shared/core/crypto/index.ts';
import { fail, ok, type Result } from '../../../shared/contract/result.ts';
import type { Db } from '../../../shared/node/db.ts';
import { accountInfo, consensusKeyInfo, fingerprintOf, type AccountInfo, type ConsensusKeyInfo } from './records.ts';
import { readAccounts, readConsensusKeys, readMnemonics, type AccountRow, type MnemonicRow } from './schema.ts';

export interface RestorePlan {
  /** The phrase as the vault knows it (its name there). */
  phraseLabel: string;
  /** Accounts of this phrase, re-derived at the same indexes under the same names. */
  restored: AccountInfo[];
  /** Accounts no phrase of this one can bring back: imported keys, watch-only addresses, other phrases' accounts. */
  notRestored: AccountInfo[];
  /** Consensus keys kept in the vault: generated at random, so no phrase restores them. */
  consensusKeysLost: ConsensusKeyInfo[];
}

export interface CheckedPhrase {
  /** The normalised phrase. */
  phrase: string;
  mnemonic: MnemonicRow;
  /** The old vault's rows of this phrase, by index. */
  derived: AccountRow[];
  plan: RestorePlan;
}

/** Which of the vault's phrases `words` is, and what a restore from it brings back and leaves behind. */
export function checkPhrase(db: Db, words: string, addressPrefix: string): Result<CheckedPhrase> {
  const checked = validateMnemonic(typeof words === 'string' ? words : '');
  if (!checked.ok)
    return fail('VALIDATION', `This recovery phrase was not accepted: ${checked.reason}`, { key: 'phrase.invalid' });
  const mnemonics = readMnemonics(db);
  if (mnemonics.length === 0)
    return fail('VALIDATION', 'This vault holds no recovery phrase, so it cannot be restored from one.', {
      key: 'restore.noPhrase',
    });
  const seed = mnemonicToSeed(checked.value);
  const first = deriveAccountKey(seed, 0);
  seed.fill(0);
  first.secretKey.fill(0);
  const fingerprint = fingerprintOf(first.publicKey);
  const mnemonic = mnemonics.find((m) => m.fingerprint === fingerprint);
  if (!mnemonic)
    return fail(
      'VALIDATION',
      'This recovery phrase is a valid one, but not the phrase of this vault. Check each word and their order.',
      { key: 'restore.otherPhrase' },
    );
  const accounts = readAccounts(db);
  const derived = accounts
    .filter((a) => a.kind === 'derived' && a.mnemonic_id === mnemonic.id)
    .sort((a, b) => a.account_index! - b.account_index!);
  const show = (row: AccountRow) => accountInfo(row, addressPrefix);
  return ok({
    phrase: checked.value,
    mnemonic,
    derived,
    plan: {
      phraseLabel: mnemonic.label,
      restored: derived.map(show),
      notRestored: accounts.filter((a) => !derived.includes(a)).map(show),
      consensusKeysLost: readConsensusKeys(db).map(consensusKeyInfo),
    },
  });
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/** Where a restore builds the new vault before it takes the old one's place. */
export const restoringName = (file: string) => `${file}.restoring`;

/** `<file>.<UTC time>.bak`, e.g. vault.sqlite.2026-12-06T15-41-00Z.bak (no colons: valid on every file system). */
export function backupName(file: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  let name = `${file}.${stamp}.bak`;
  for (let n = 2; existsSync(name); n++) name = `${file}.${stamp}-${n}.bak`;
  return name;
}

/** Moves a closed SQLite file (with any side files) to `to`. */
export function moveDatabase(from: string, to: string): void {
  renameSync(from, to);
  for (const suffix of SIDE_FILES) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(file + suffix, { force: true });
}
