import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  addressFromPublicKey,
  nobleVerifier,
  publicKeyFromSecret,
  SigningDomain,
  verifyDomain,
} from '../../../shared/core/crypto/index.ts';
import type { FakeClock } from './helpers.ts';
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
  value,
} from './helpers.ts';

afterAll(forgetKeychainEntries);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const SECRET = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const fileBytes = (file: string) =>
  Buffer.concat(readdirSync(dirname(file)).map((name) => readFileSync(join(dirname(file), name))));

async function unlockError(file: string, clock: FakeClock) {
  const vault = openVault(file, clock);
  const error = errorOf(await vault.unlock(PASSWORD));
  vault.close();
  return error;
}

/** A locked vault file holding a phrase's first account and one imported key. */
async function vaultWithImportedKey() {
  const opened = await newVault();
  value(opened.vault.createMnemonic());
  const imported = value(opened.vault.importAccountKey(hex(SECRET), { label: 'Producer 0' }));
  opened.vault.close();
  return { ...opened, imported };
}

describe('imported single account keys', () => {
  it('imports a key, keeps it only encrypted, and signs with it like a derived account', async () => {
    const { vault, file } = await newVault();
    const publicKey = publicKeyFromSecret(SECRET);
    const account = value(vault.importAccountKey(`0x${hex(SECRET)}`, { label: 'Producer 0' }));
    expect(account).toMatchObject({
      kind: 'imported',
      label: 'Producer 0',
      publicKey: hex(publicKey),
      address: addressFromPublicKey(PREFIX, publicKey),
      mnemonicId: null,
      index: null,
      path: null,
    });
    expect(value(vault.status()).accounts).toEqual([account]);
    expect(fileBytes(file).includes(Buffer.from(SECRET))).toBe(false);

    const bytes = new TextEncoder().encode('a transaction');
    const signature = value(vault.signTransactionBytes(account.id, CHAIN_ID, bytes));
    expect(verifyDomain(SigningDomain.TRANSACTION, CHAIN_ID, bytes, signature, publicKey, nobleVerifier)).toBe(true);

    // It survives a lock and an unlock (the full integrity check), and removing it is refused.
    value(vault.lock());
    value(await vault.unlock(PASSWORD));
    expect(value(vault.status()).accounts).toEqual([account]);
    expect(errorOf(vault.removeAccount(account.id))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('only copy'),
    });
    vault.close();
  });

  it('refuses a key already in the vault, a malformed key and an unusable label', async () => {
    const { vault } = await newVault();
    const { account: derived } = value(vault.createMnemonic({ label: 'Main' }));
    value(vault.importAccountKey(hex(SECRET), { label: 'Producer 0' }));
    expect(errorOf(vault.importAccountKey(hex(SECRET)))).toMatchObject({
      code: 'EXISTS',
      message: expect.stringContaining('"Producer 0"'),
    });
    const watched = addressFromPublicKey(PREFIX, publicKeyFromSecret(new Uint8Array(32).fill(3)));
    value(vault.addWatchOnly(watched, { label: 'Cold' }));
    expect(errorOf(vault.importAccountKey(hex(new Uint8Array(32).fill(3))))).toMatchObject({
      code: 'EXISTS',
      message: expect.stringContaining('watch-only'),
    });
    expect(errorOf(vault.importAccountKey('12ab'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('An account key is written as 64 hexadecimal digits'),
    });
    expect(errorOf(vault.importAccountKey(hex(new Uint8Array(32).fill(4)), { label: 'x'.repeat(65) })).code).toBe(
      'VALIDATION',
    );
    expect(value(vault.status()).accounts.map((a) => a.kind)).toEqual(['derived', 'imported', 'watch']);
    expect(value(vault.status()).accounts[0]!.id).toBe(derived.id);
    vault.close();
  });

  it('detects a flipped ciphertext, a swapped public key and a relabelled imported record', async () => {
    const edits: Record<
      string,
      { edit: (db: Parameters<Parameters<typeof editFile>[1]>[0], id: string) => void; message: RegExp }
    > = {
      flipped: {
        edit: (db, id) => {
          const row = db.prepare('SELECT ciphertext FROM account WHERE id = ?').get(id) as { ciphertext: Buffer };
          db.prepare('UPDATE account SET ciphertext = ? WHERE id = ?').run(flipByte(row.ciphertext, 3), id);
        },
        message: /"Producer 0" cannot be decrypted/,
      },
      // Whoever swaps in their own public key and address (to be paid instead) breaks the seal of the list.
      swapped: {
        edit: (db, id) => {
          const other = publicKeyFromSecret(new Uint8Array(32).fill(9));
          db.prepare('UPDATE account SET public_key = ? WHERE id = ?').run(Buffer.from(other), id);
        },
        message: /list of keys no longer matches/,
      },
      relabelled: {
        edit: (db, id) => db.prepare("UPDATE account SET label = 'Savings' WHERE id = ?").run(id),
        message: /list of keys no longer matches/,
      },
    };
    for (const [name, { edit, message }] of Object.entries(edits)) {
      const { file, clock, imported } = await vaultWithImportedKey();
      editFile(file, (db) => edit(db, imported.id));
      const error = await unlockError(file, clock);
      expect(error.code, name).toBe('TAMPERED');
      expect(error.message, name).toMatch(message);
    }
  });

  it('refuses to sign when the imported ciphertext changes while the vault is open', async () => {
    const { vault, file } = await newVault();
    const account = value(vault.importAccountKey(hex(SECRET), { label: 'Producer 0' }));
    editFile(file, (db) => {
      const row = db.prepare('SELECT ciphertext FROM account WHERE id = ?').get(account.id) as { ciphertext: Buffer };
      db.prepare('UPDATE account SET ciphertext = ? WHERE id = ?').run(flipByte(row.ciphertext), account.id);
    });
    expect(errorOf(vault.signTransactionBytes(account.id, CHAIN_ID, new Uint8Array(1)))).toMatchObject({
      code: 'TAMPERED',
      message: expect.stringContaining('"Producer 0"'),
    });
    vault.close();
  });

  it('upgrades a vault file written before imported keys existed, keeping its accounts', async () => {
    const { vault, file, clock } = await newVault();
    const { account } = value(vault.createMnemonic());
    vault.close();
    // The account table as the first schema made it, and the file's version set back to 1.
    editFile(file, (db) =>
      db.exec(`
        CREATE TABLE account_v1 (
          seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL CHECK (kind IN ('derived', 'watch')), label TEXT NOT NULL,
          address BLOB NOT NULL UNIQUE, public_key BLOB, mnemonic_id TEXT REFERENCES mnemonic (id), account_index INTEGER,
          nonce BLOB, ciphertext BLOB, created_at INTEGER NOT NULL, UNIQUE (mnemonic_id, account_index)
        );
        INSERT INTO account_v1 SELECT * FROM account;
        DROP TABLE account;
        ALTER TABLE account_v1 RENAME TO account;
        PRAGMA user_version = 1;
      `),
    );
    const upgraded = openVault(file, clock);
    value(await upgraded.unlock(PASSWORD));
    const imported = value(upgraded.importAccountKey(hex(SECRET)));
    expect(value(upgraded.status()).accounts).toEqual([account, imported]);
    value(upgraded.signTransactionBytes(account.id, CHAIN_ID, new Uint8Array(1)));
    upgraded.close();
  });
});
