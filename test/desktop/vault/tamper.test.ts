import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { FakeClock } from './helpers.ts';
import { Vault } from '../../../electron/services/vault/index.ts';
import {
  CHAIN_ID,
  editFile,
  errorOf,
  flipByte,
  forgetKeychainEntries,
  newVault,
  openVault,
  PASSWORD,
  PREFIX,
  realKeychain,
  tempVaultFile,
  value,
} from './helpers.ts';

afterAll(forgetKeychainEntries);

/** A locked vault file with one phrase, two accounts, a watch-only address and a consensus key. */
async function fullVault() {
  const opened = await newVault();
  const { vault } = opened;
  const { mnemonicId, account } = value(vault.createMnemonic());
  const second = value(vault.addAccount(mnemonicId));
  value(vault.generateConsensusKey());
  vault.close();
  return { ...opened, first: account, second };
}

type Row = { id: string; nonce: Buffer; ciphertext: Buffer };

async function unlockError(file: string, clock: FakeClock) {
  const vault = openVault(file, clock);
  const error = errorOf(await vault.unlock(PASSWORD));
  expect(value(vault.status()).locked).toBe(true);
  vault.close();
  return error;
}

describe('vault tamper detection', () => {
  for (const table of ['mnemonic', 'account', 'consensus_key']) {
    it(`refuses to unlock when a byte of a stored ${table} ciphertext is flipped`, async () => {
      const { file, clock } = await fullVault();
      editFile(file, (db) => {
        const row = db.prepare(`SELECT id, ciphertext FROM ${table} LIMIT 1`).get() as Row;
        db.prepare(`UPDATE ${table} SET ciphertext = ? WHERE id = ?`).run(flipByte(row.ciphertext, 5), row.id);
      });
      const error = await unlockError(file, clock);
      expect(error.code).toBe('TAMPERED');
      expect(error.message).toMatch(/cannot be decrypted.*Nothing was unlocked.*Restore the vault file from a backup/);
    });
  }

  it('refuses to sign with a key whose ciphertext changes while the vault is open', async () => {
    const { vault, file } = await newVault();
    const { account } = value(vault.createMnemonic());
    editFile(file, (db) => {
      const row = db.prepare('SELECT ciphertext FROM account WHERE id = ?').get(account.id) as Row;
      db.prepare('UPDATE account SET ciphertext = ? WHERE id = ?').run(flipByte(row.ciphertext), account.id);
    });
    expect(errorOf(vault.signTransactionBytes(account.id, CHAIN_ID, new Uint8Array(1)))).toMatchObject({
      code: 'TAMPERED',
      message: expect.stringContaining('"Account 1"'),
    });
    vault.close();
  });

  it('refuses a byte flipped in the wrapped master key, even with the right password', async () => {
    const { file, clock } = await fullVault();
    editFile(file, (db) => {
      const { wrapped_vmk } = db.prepare('SELECT wrapped_vmk FROM meta').get() as { wrapped_vmk: Buffer };
      db.prepare('UPDATE meta SET wrapped_vmk = ?').run(flipByte(wrapped_vmk, 10));
    });
    expect(await unlockError(file, clock)).toMatchObject({
      code: 'TAMPERED',
      message: expect.stringContaining('wrapped master key'),
    });
  });

  it('detects a deleted, an inserted, a relabelled and a swapped row', async () => {
    const edits: Record<string, (db: Database.Database, ids: { first: string; second: string }) => void> = {
      deleted: (db, { second }) => db.prepare('DELETE FROM account WHERE id = ?').run(second),
      inserted: (db) => {
        db.prepare(
          `INSERT INTO account (id, kind, label, address, created_at) VALUES ('feedfeedfeedfeed', 'watch', 'x', ?, 0)`,
        ).run(Buffer.alloc(20, 9));
      },
      relabelled: (db, { first }) => db.prepare("UPDATE account SET label = 'Savings' WHERE id = ?").run(first),
      swapped: (db, { first, second }) => {
        const [a, b] = [first, second].map(
          (id) => db.prepare('SELECT nonce, ciphertext FROM account WHERE id = ?').get(id) as Row,
        );
        db.prepare('UPDATE account SET nonce = ?, ciphertext = ? WHERE id = ?').run(b!.nonce, b!.ciphertext, first);
        db.prepare('UPDATE account SET nonce = ?, ciphertext = ? WHERE id = ?').run(a!.nonce, a!.ciphertext, second);
      },
    };
    for (const [name, edit] of Object.entries(edits)) {
      const { file, clock, first, second } = await fullVault();
      editFile(file, (db) => edit(db, { first: first.id, second: second.id }));
      const error = await unlockError(file, clock);
      expect(error.code, name).toBe('TAMPERED');
      expect(error.message, name).toMatch(
        name === 'swapped' ? /"Account 1" cannot be decrypted/ : /list of keys no longer matches/,
      );
    }
  });

  it('notices a row deleted while the vault is unlocked, on the next use', async () => {
    const { vault, file } = await newVault();
    const { mnemonicId, account } = value(vault.createMnemonic());
    const second = value(vault.addAccount(mnemonicId));
    editFile(file, (db) => db.prepare('DELETE FROM account WHERE id = ?').run(second.id));
    expect(errorOf(vault.signTransactionBytes(account.id, CHAIN_ID, new Uint8Array(1))).code).toBe('TAMPERED');
    vault.close();
  });

  it('does not open with the right password once the mode or the scrypt cost were lowered in the file', async () => {
    for (const weaken of ["UPDATE meta SET mode = 'password-only'", 'UPDATE meta SET kdf_n = 1024, kdf_r = 1']) {
      const { file, clock } = await fullVault();
      editFile(file, (db) => db.exec(weaken));
      expect((await unlockError(file, clock)).code, weaken).toBe('WRONG_PASSWORD');
    }
  });

  it('refuses a file that is not a vault, saying what to do', () => {
    const file = tempVaultFile();
    writeFileSync(file, Buffer.alloc(4096, 7));
    const opened = Vault.open({ file, keychain: realKeychain, addressPrefix: PREFIX });
    // TAMPERED, told apart from a failed authentication by its key (and the file, for the page to name).
    expect(errorOf(opened)).toMatchObject({
      code: 'TAMPERED',
      key: 'vault.damaged',
      params: { file },
      message: expect.stringMatching(/not a Consortia database.*Restore the vault file/),
    });
  });
});
