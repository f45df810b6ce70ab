import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  addressFromPublicKey,
  deriveAccountKey,
  generateMnemonic,
  mnemonicToSeed,
  nobleVerifier,
  publicKeyFromSecret,
  SigningDomain,
  validateMnemonic,
  verifyDomain,
} from '../../../shared/core/crypto/index.ts';
import { CHAIN_ID, errorOf, forgetKeychainEntries, newVault, PASSWORD, PREFIX, value } from './helpers.ts';

afterAll(forgetKeychainEntries);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fileBytes = (file: string) =>
  Buffer.concat(readdirSync(dirname(file)).map((name) => readFileSync(join(dirname(file), name)))); // the database with its -wal

describe('vault secrets', () => {
  it('creates a 24-word phrase, returns it once, and keeps it only encrypted', async () => {
    const { vault, file } = await newVault();
    const created = value(vault.createMnemonic({ label: 'Main' }));
    expect(created.words.split(' ')).toHaveLength(24);
    expect(validateMnemonic(created.words)).toEqual({ ok: true, value: created.words });
    // Account 0 is derived straight away, from exactly those words.
    const expected = deriveAccountKey(mnemonicToSeed(created.words), 0);
    expect(created.account).toMatchObject({
      kind: 'derived',
      index: 0,
      publicKey: hex(expected.publicKey),
      address: addressFromPublicKey(PREFIX, expected.publicKey),
    });

    // Nothing else hands the words out: not the status, not the account list, not the file on disk.
    const status = value(vault.status());
    expect(status.mnemonics).toEqual([
      { id: created.mnemonicId, label: 'Main', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) },
    ]);
    expect(JSON.stringify(status)).not.toContain(created.words.split(' ').slice(0, 3).join(' '));
    const onDisk = fileBytes(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(onDisk.includes(Buffer.from(created.words))).toBe(false);
    expect(onDisk.includes(Buffer.from(expected.secretKey))).toBe(false);
    // Only a password-gated export gives them back.
    expect(value(await vault.exportMnemonic(created.mnemonicId, PASSWORD))).toEqual({ words: created.words });
    vault.close();
  });

  it('imports a phrase and derives the same accounts as deriveAccountKey, index after index', async () => {
    const { vault } = await newVault();
    const words = generateMnemonic();
    const seed = mnemonicToSeed(words);
    // Typed the way people type: capitals and stray spaces.
    const imported = value(
      vault.importMnemonic(`  ${words.toUpperCase().replaceAll(' ', '   ')} `, { label: 'Imported' }),
    );
    const second = value(vault.addAccount(imported.mnemonicId));
    const third = value(vault.addAccount(imported.mnemonicId));
    const accounts = [imported.account, second, third];
    accounts.forEach((account, index) => {
      const key = deriveAccountKey(seed, index);
      expect(account).toMatchObject({
        index,
        path: key.path,
        publicKey: hex(key.publicKey),
        address: addressFromPublicKey(PREFIX, key.publicKey),
      });
    });
    expect(value(vault.status()).accounts.map((a) => a.id)).toEqual(accounts.map((a) => a.id));

    expect(errorOf(vault.importMnemonic(words))).toMatchObject({
      code: 'EXISTS',
      message: expect.stringContaining('"Imported"'),
    });
    const typo = errorOf(vault.importMnemonic(words.replace(/^\S+/, 'abandonn')));
    expect(typo).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not accepted: Word 1 \("abandonn"\)/),
    });
    expect(errorOf(vault.addAccount('nope'))).toMatchObject({ code: 'NOT_FOUND' });

    // A removed account comes back at its own index, with the same key.
    value(vault.removeAccount(second.id));
    expect(value(vault.addAccount(imported.mnemonicId))).toMatchObject({ index: 1, address: second.address });
    vault.close();
  });

  it('signs transactions and other domains with signatures that verify, and only for the domain asked', async () => {
    const { vault } = await newVault();
    const { account } = value(vault.createMnemonic());
    const publicKey = Buffer.from(account.publicKey!, 'hex');
    const bytes = new TextEncoder().encode('canonical transaction bytes');
    const signature = value(vault.signTransactionBytes(account.id, CHAIN_ID, bytes));
    expect(verifyDomain(SigningDomain.TRANSACTION, CHAIN_ID, bytes, signature, publicKey, nobleVerifier)).toBe(true);
    expect(verifyDomain(SigningDomain.HANDSHAKE, CHAIN_ID, bytes, signature, publicKey)).toBe(false);
    expect(verifyDomain(SigningDomain.TRANSACTION, 'other-chain', bytes, signature, publicKey)).toBe(false);

    const handshake = value(vault.sign(account.id, SigningDomain.HANDSHAKE, CHAIN_ID, bytes));
    expect(verifyDomain(SigningDomain.HANDSHAKE, CHAIN_ID, bytes, handshake, publicKey)).toBe(true);

    expect(errorOf(vault.signTransactionBytes(account.id, 'bad chain id', bytes))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('chain id'),
    });
    expect(errorOf(vault.sign(account.id, 'NOT_A_DOMAIN' as SigningDomain, CHAIN_ID, bytes))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(errorOf(vault.signTransactionBytes('missing', CHAIN_ID, bytes))).toMatchObject({ code: 'NOT_FOUND' });
    vault.close();
  });

  it('keeps watch-only addresses, which have no key and cannot sign', async () => {
    const { vault } = await newVault();
    const offline = deriveAccountKey(mnemonicToSeed(generateMnemonic()), 0);
    const address = addressFromPublicKey(PREFIX, offline.publicKey);
    const watch = value(vault.addWatchOnly(address, { label: 'Cold storage' }));
    expect(watch).toMatchObject({
      kind: 'watch',
      label: 'Cold storage',
      address,
      publicKey: null,
      mnemonicId: null,
      index: null,
    });
    expect(value(vault.status()).accounts).toContainEqual(watch);

    expect(errorOf(vault.signTransactionBytes(watch.id, CHAIN_ID, new Uint8Array(4)))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('watch-only'),
    });
    expect(errorOf(vault.addWatchOnly(address))).toMatchObject({
      code: 'EXISTS',
      message: expect.stringContaining('"Cold storage"'),
    });
    const mistyped = address.slice(0, -1) + (address.endsWith('q') ? 'p' : 'q');
    expect(errorOf(vault.addWatchOnly(mistyped))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('checksum'),
    });
    value(vault.removeAccount(watch.id));
    expect(value(vault.status()).accounts).toEqual([]);
    vault.close();
  });

  it('keeps a watch-only address with its public key, checked against the address and sealed in the record list', async () => {
    const { vault } = await newVault();
    const offline = deriveAccountKey(mnemonicToSeed(generateMnemonic()), 0);
    const other = deriveAccountKey(mnemonicToSeed(generateMnemonic()), 0);
    const address = addressFromPublicKey(PREFIX, offline.publicKey);
    expect(errorOf(vault.addWatchOnly(address, { publicKey: hex(other.publicKey) }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('does not belong'),
    });
    expect(errorOf(vault.addWatchOnly(address, { publicKey: 'abcd' }))).toMatchObject({ code: 'VALIDATION' });
    const watch = value(vault.addWatchOnly(address, { publicKey: hex(offline.publicKey) }));
    expect(watch).toMatchObject({ kind: 'watch', address, publicKey: hex(offline.publicKey) });
    expect(errorOf(vault.signTransactionBytes(watch.id, CHAIN_ID, new Uint8Array(4)))).toMatchObject({
      code: 'VALIDATION',
    });
    value(vault.lock());
    expect(value(await vault.unlock(PASSWORD)).accounts).toContainEqual(watch);
    vault.close();
  });

  it('keeps consensus keys apart: listed and exported on purpose, never signing for the wallet', async () => {
    const { vault } = await newVault();
    const generated = value(vault.generateConsensusKey({ label: 'Producer A' }));
    const seed = new Uint8Array(32).fill(7);
    const imported = value(vault.importConsensusKey(`0x${hex(seed)}`, { label: 'Producer B' }));
    expect(imported.publicKey).toBe(hex(publicKeyFromSecret(seed)));
    expect(value(vault.listConsensusKeys())).toEqual([generated, imported]);
    // Not among the accounts, and no signing method will use one.
    const status = value(vault.status());
    expect(status.accounts).toEqual([]);
    expect(JSON.stringify(status)).not.toContain(generated.publicKey);
    expect(errorOf(vault.signTransactionBytes(generated.id, CHAIN_ID, new Uint8Array(4)))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('consensus key'),
    });
    expect(errorOf(vault.sign(imported.id, SigningDomain.PREVOTE, CHAIN_ID, new Uint8Array(4))).code).toBe(
      'VALIDATION',
    );

    expect(errorOf(vault.importConsensusKey(hex(seed)))).toMatchObject({
      code: 'EXISTS',
      message: expect.stringContaining('"Producer B"'),
    });
    expect(errorOf(vault.importConsensusKey('abc'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('64 hexadecimal digits'),
    });
    const exported = value(await vault.exportConsensusKey(imported.id, PASSWORD));
    expect(exported).toEqual({ secretKey: hex(seed), publicKey: imported.publicKey });
    vault.close();
  });
});
