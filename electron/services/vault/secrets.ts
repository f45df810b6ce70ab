import { randomBytes } from 'node:crypto';
import {
  addressBytes,
  deriveAccountKey,
  generateSecretKey,
  isValidChainId,
  MAX_CHAIN_ID_LENGTH,
  mnemonicToSeed,
  parseAddress,
  publicKeyFromSecret,
  SIGNING_DOMAINS,
  signDomain,
  type AccountKey,
  type SigningDomain,
} from '../../../shared/core/crypto/index.ts';
import { fail, ok, type Result } from '../../../shared/contract/result.ts';
import type { Db } from '../../../shared/node/db.ts';
import { sameBytes, seal, type SessionKeys } from './envelope.ts';
import {
  accountAad,
  accountInfo,
  consensusAad,
  consensusKeyInfo,
  fingerprintOf,
  importedAad,
  listMac,
  mnemonicAad,
  openAccountSecret,
  openConsensusSecret,
  openMnemonic,
  tampered,
  type AccountInfo,
  type ConsensusKeyInfo,
} from './records.ts';
import type { AccountRow, ConsensusKeyRow, MnemonicRow } from './schema.ts';

/** What an operation on an unlocked vault needs. */
export interface Unlocked {
  db: Db;
  keys: SessionKeys;
  vaultId: string;
  now: number;
  addressPrefix: string;
}

const MAX_LABEL_LENGTH = 64;
const newId = () => randomBytes(8).toString('hex');

/** A trimmed label, or the default when none was given; null when it is unusable. */
export function cleanLabel(label: unknown, fallback: string): string | null {
  if (label === undefined || label === null) return fallback;
  if (typeof label !== 'string') return null;
  const trimmed = label.trim();
  return trimmed.length > MAX_LABEL_LENGTH ? null : trimmed || fallback;
}
export const labelError = () =>
  fail('VALIDATION', `A name is text of at most ${MAX_LABEL_LENGTH} characters.`, {
    key: 'vault.label',
    params: { max: MAX_LABEL_LENGTH },
  });

/** Writes and re-seals the record list in one transaction, so the file never holds one without the other. */
function commit(ctx: Unlocked, write: () => void): void {
  ctx.db.transaction(() => {
    write();
    ctx.db.prepare('UPDATE meta SET records_mac = ? WHERE singleton = 1').run(listMac(ctx.db, ctx.keys, ctx.vaultId));
  })();
}

const byId = <T>(ctx: Unlocked, table: 'mnemonic' | 'account' | 'consensus_key', id: unknown) =>
  typeof id === 'string' ? (ctx.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as T | undefined) : undefined;

function addressHolder(ctx: Unlocked, address: Uint8Array): AccountRow | undefined {
  return ctx.db.prepare('SELECT * FROM account WHERE address = ?').get(Buffer.from(address)) as AccountRow | undefined;
}

function insertDerived(ctx: Unlocked, mnemonicId: string, index: number, key: AccountKey): AccountRow {
  const id = newId();
  const sealed = seal(ctx.keys.recordKey, key.secretKey, accountAad(ctx.vaultId, id, mnemonicId, index, key.publicKey));
  const row: AccountRow = {
    id,
    kind: 'derived',
    label: `Account ${index + 1}`,
    address: Buffer.from(addressBytes(key.publicKey)),
    public_key: Buffer.from(key.publicKey),
    mnemonic_id: mnemonicId,
    account_index: index,
    ...sealed,
    created_at: ctx.now,
  };
  ctx.db
    .prepare(
      `INSERT INTO account (id, kind, label, address, public_key, mnemonic_id, account_index, nonce, ciphertext, created_at)
       VALUES (@id, @kind, @label, @address, @public_key, @mnemonic_id, @account_index, @nonce, @ciphertext, @created_at)`,
    )
    .run(row);
  return row;
}

const alreadyHeld = (holder: AccountRow) =>
  fail(
    'EXISTS',
    `That address is already in the vault as "${holder.label}"${holder.kind === 'watch' ? ' (watch-only); remove it first' : ''}.`,
  );

/** Stores a checked (normalised) recovery phrase with its first account. */
export function storeMnemonic(
  ctx: Unlocked,
  phrase: string,
  label: string,
): Result<{ mnemonicId: string; account: AccountInfo }> {
  const seed = mnemonicToSeed(phrase);
  const first = deriveAccountKey(seed, 0);
  seed.fill(0);
  try {
    const fingerprint = fingerprintOf(first.publicKey);
    const same = ctx.db.prepare('SELECT label FROM mnemonic WHERE fingerprint = ?').get(fingerprint) as
      { label: string } | undefined;
    if (same)
      return fail('EXISTS', `This recovery phrase is already in the vault as "${same.label}".`, {
        key: 'phrase.exists',
        params: { label: same.label },
      });
    const holder = addressHolder(ctx, addressBytes(first.publicKey));
    if (holder) return alreadyHeld(holder);
    const id = newId();
    const plain = Buffer.from(phrase, 'utf8');
    const sealed = seal(ctx.keys.recordKey, plain, mnemonicAad(ctx.vaultId, id, fingerprint));
    plain.fill(0);
    let account: AccountRow | undefined;
    commit(ctx, () => {
      ctx.db
        .prepare(
          'INSERT INTO mnemonic (id, label, fingerprint, nonce, ciphertext, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, label, fingerprint, sealed.nonce, sealed.ciphertext, ctx.now);
      account = insertDerived(ctx, id, 0, first);
    });
    return ok({ mnemonicId: id, account: accountInfo(account!, ctx.addressPrefix) });
  } finally {
    first.secretKey.fill(0);
  }
}

/**
 * Derives the lowest account index not yet in the vault (the next one, unless an account was removed), or
 * the given one (a restore re-derives the indexes the old vault had).
 */
export function addDerivedAccount(ctx: Unlocked, mnemonicId: string, at?: number): Result<AccountInfo> {
  const row = byId<MnemonicRow>(ctx, 'mnemonic', mnemonicId);
  if (!row) return fail('NOT_FOUND', `No recovery phrase with id "${String(mnemonicId)}" is in this vault.`);
  const phrase = openMnemonic(ctx.keys, ctx.vaultId, row);
  if (phrase === null) return tampered(`the recovery phrase "${row.label}" cannot be decrypted`);
  const used = new Set(
    (
      ctx.db.prepare('SELECT account_index FROM account WHERE mnemonic_id = ?').all(row.id) as {
        account_index: number;
      }[]
    ).map((r) => r.account_index),
  );
  let index = at ?? 0;
  if (at !== undefined && used.has(at))
    return fail('EXISTS', `Account ${at + 1} of this phrase is already in the vault.`);
  while (used.has(index)) index++;
  const seed = mnemonicToSeed(phrase.toString('utf8'));
  phrase.fill(0);
  const key = deriveAccountKey(seed, index);
  seed.fill(0);
  try {
    const holder = addressHolder(ctx, addressBytes(key.publicKey));
    if (holder) return alreadyHeld(holder);
    let account: AccountRow | undefined;
    commit(ctx, () => (account = insertDerived(ctx, row.id, index, key)));
    return ok(accountInfo(account!, ctx.addressPrefix));
  } finally {
    key.secretKey.fill(0);
  }
}

/**
 * An address without its key (the key lives on an offline signer). With the public key too, the wallet can
 * build the address's first transaction before the chain has seen the key.
 */
export function addWatchOnly(
  ctx: Unlocked,
  address: unknown,
  label: string,
  publicKeyHex?: string,
): Result<AccountInfo> {
  const parsed = parseAddress(ctx.addressPrefix, typeof address === 'string' ? address.trim() : '');
  if (!parsed.ok)
    return fail('VALIDATION', `This address was not accepted: ${parsed.reason}`, { key: 'address.invalid' });
  let publicKey: Buffer | null = null;
  if (publicKeyHex !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(publicKeyHex)) return fail('VALIDATION', 'A public key is 64 hexadecimal digits.');
    publicKey = Buffer.from(publicKeyHex, 'hex');
    if (!sameBytes(addressBytes(publicKey), parsed.value)) {
      return fail(
        'VALIDATION',
        'This public key does not belong to that address; copy both from the offline signer again.',
      );
    }
  }
  const holder = addressHolder(ctx, parsed.value);
  if (holder) return alreadyHeld(holder);
  const row = { id: newId(), label, address: Buffer.from(parsed.value), public_key: publicKey, created_at: ctx.now };
  commit(ctx, () => {
    ctx.db
      .prepare(
        `INSERT INTO account (id, kind, label, address, public_key, created_at) VALUES (@id, 'watch', @label, @address, @public_key, @created_at)`,
      )
      .run(row);
  });
  return ok(accountInfo(byId<AccountRow>(ctx, 'account', row.id)!, ctx.addressPrefix));
}

/**
 * Stores a single account key that comes from no recovery phrase here (a devnet producer's key, a key
 * moved from another wallet). It signs like a derived account; its secret is sealed the same way.
 */
export function storeImportedKey(ctx: Unlocked, secretKey: Uint8Array, label: string): Result<AccountInfo> {
  try {
    const publicKey = Buffer.from(publicKeyFromSecret(secretKey));
    const address = Buffer.from(addressBytes(publicKey));
    const holder = addressHolder(ctx, address);
    if (holder) return alreadyHeld(holder);
    const id = newId();
    const sealed = seal(ctx.keys.recordKey, secretKey, importedAad(ctx.vaultId, id, publicKey));
    const row: AccountRow = {
      id,
      kind: 'imported',
      label,
      address,
      public_key: publicKey,
      mnemonic_id: null,
      account_index: null,
      ...sealed,
      created_at: ctx.now,
    };
    commit(ctx, () => {
      ctx.db
        .prepare(
          `INSERT INTO account (id, kind, label, address, public_key, mnemonic_id, account_index, nonce, ciphertext, created_at)
           VALUES (@id, @kind, @label, @address, @public_key, @mnemonic_id, @account_index, @nonce, @ciphertext, @created_at)`,
        )
        .run(row);
    });
    return ok(accountInfo(row, ctx.addressPrefix));
  } finally {
    secretKey.fill(0);
  }
}

/**
 * Removes a derived account (its key can be derived again) or a watch-only address; never a phrase, an
 * imported key (this vault may be its only copy) or a consensus key.
 */
export function removeAccount(ctx: Unlocked, accountId: string): Result<AccountInfo> {
  const row = byId<AccountRow>(ctx, 'account', accountId);
  if (!row) return fail('NOT_FOUND', `No account with id "${String(accountId)}" is in this vault.`);
  if (row.kind === 'imported') {
    return fail(
      'VALIDATION',
      `"${row.label}" is an imported key that no recovery phrase can bring back, so it is kept; this vault may hold its only copy.`,
    );
  }
  commit(ctx, () => ctx.db.prepare('DELETE FROM account WHERE id = ?').run(row.id));
  return ok(accountInfo(row, ctx.addressPrefix));
}

export function renameAccount(ctx: Unlocked, accountId: string, label: string): Result<AccountInfo> {
  const row = byId<AccountRow>(ctx, 'account', accountId);
  if (!row) return fail('NOT_FOUND', `No account with id "${String(accountId)}" is in this vault.`);
  commit(ctx, () => ctx.db.prepare('UPDATE account SET label = ? WHERE id = ?').run(label, row.id));
  return ok(accountInfo({ ...row, label }, ctx.addressPrefix));
}

export function storeConsensusKey(
  ctx: Unlocked,
  secretKey: Uint8Array | null,
  label: string,
): Result<ConsensusKeyInfo> {
  const secret = secretKey ?? generateSecretKey();
  try {
    const publicKey = Buffer.from(publicKeyFromSecret(secret));
    const same = ctx.db.prepare('SELECT label FROM consensus_key WHERE public_key = ?').get(publicKey) as
      { label: string } | undefined;
    if (same) return fail('EXISTS', `This consensus key is already in the vault as "${same.label}".`);
    const id = newId();
    const sealed = seal(ctx.keys.recordKey, secret, consensusAad(ctx.vaultId, id, publicKey));
    const row: ConsensusKeyRow = { id, label, public_key: publicKey, ...sealed, created_at: ctx.now };
    commit(ctx, () => {
      ctx.db
        .prepare(
          'INSERT INTO consensus_key (id, label, public_key, nonce, ciphertext, created_at) VALUES (@id, @label, @public_key, @nonce, @ciphertext, @created_at)',
        )
        .run(row);
    });
    return ok(consensusKeyInfo(row));
  } finally {
    secret.fill(0);
  }
}

/** 64 hex digits (an optional 0x is allowed) → the 32-byte seed of an Ed25519 key; `what` names it in the message. */
export function parseSecretKey(text: unknown, what: string): Result<Uint8Array> {
  const hex = typeof text === 'string' ? text.trim().replace(/^0x/i, '') : '';
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    return fail(
      'VALIDATION',
      `${what} is written as 64 hexadecimal digits (its 32-byte seed); check that it was copied whole.`,
    );
  }
  return ok(new Uint8Array(Buffer.from(hex, 'hex')));
}

export const parseConsensusSecret = (text: unknown) => parseSecretKey(text, 'A consensus key');

export function readMnemonicPhrase(ctx: Unlocked, mnemonicId: string): Result<string> {
  const row = byId<MnemonicRow>(ctx, 'mnemonic', mnemonicId);
  if (!row) return fail('NOT_FOUND', `No recovery phrase with id "${String(mnemonicId)}" is in this vault.`);
  const phrase = openMnemonic(ctx.keys, ctx.vaultId, row);
  if (phrase === null) return tampered(`the recovery phrase "${row.label}" cannot be decrypted`);
  const words = phrase.toString('utf8');
  phrase.fill(0);
  return ok(words);
}

export function readConsensusSecret(ctx: Unlocked, keyId: string): Result<{ secretKey: string; publicKey: string }> {
  const row = byId<ConsensusKeyRow>(ctx, 'consensus_key', keyId);
  if (!row) return fail('NOT_FOUND', `No consensus key with id "${String(keyId)}" is in this vault.`);
  const secret = openConsensusSecret(ctx.keys, ctx.vaultId, row);
  if (secret === null) return tampered(`the consensus key "${row.label}" cannot be decrypted`);
  const secretKey = secret.toString('hex');
  secret.fill(0);
  return ok({ secretKey, publicKey: row.public_key.toString('hex') });
}

export function signWith(
  ctx: Unlocked,
  accountId: string,
  domain: SigningDomain,
  chainId: string,
  bytes: Uint8Array,
): Result<Uint8Array> {
  if (!SIGNING_DOMAINS.includes(domain)) {
    return fail('VALIDATION', `"${String(domain)}" is not a signing domain; use one of ${SIGNING_DOMAINS.join(', ')}.`);
  }
  if (!isValidChainId(chainId)) {
    return fail(
      'VALIDATION',
      `The chain id ${JSON.stringify(chainId)} is not valid: it is 1 to ${MAX_CHAIN_ID_LENGTH} printable ASCII characters.`,
    );
  }
  if (!(bytes instanceof Uint8Array)) return fail('VALIDATION', 'The data to sign must be bytes.');
  const row = byId<AccountRow>(ctx, 'account', accountId);
  if (!row) {
    if (byId<ConsensusKeyRow>(ctx, 'consensus_key', accountId)) {
      return fail(
        'VALIDATION',
        "That is a producer's consensus key: it signs blocks and votes on its node and never signs for the wallet. Choose an account.",
      );
    }
    return fail('NOT_FOUND', `No account with id "${String(accountId)}" is in this vault.`);
  }
  if (row.kind === 'watch') {
    return fail(
      'VALIDATION',
      `"${row.label}" is watch-only: this vault holds no key for it. Sign on the offline device that holds its key.`,
    );
  }
  const secret = openAccountSecret(ctx.keys, ctx.vaultId, row);
  if (secret === null || secret.length !== 32) return tampered(`the account "${row.label}" cannot be decrypted`);
  try {
    return ok(signDomain(domain, chainId, bytes, secret));
  } finally {
    secret.fill(0);
  }
}
