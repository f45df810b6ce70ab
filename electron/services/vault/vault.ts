import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { encodeAddress, generateMnemonic, SigningDomain, validateMnemonic } from '../../../shared/core/crypto/index.ts';
import { fail, ok, type Result } from '../../../shared/contract/result.ts';
import { openDatabase, type Db } from '../../../shared/node/db.ts';
import { preparePrivateDatabase } from '../paths.ts';
import type { Keychain } from '../keychain.ts';
import { IdleTimer, systemClock, type Clock } from './clock.ts';
import { PasswordGate } from './gate.ts';
import {
  DEFAULT_KDF,
  kdfProblem,
  randomKey,
  sameBytes,
  sessionKeys,
  zeroSession,
  type KdfParams,
  type SessionKeys,
} from './envelope.ts';
import {
  accountInfo,
  consensusKeyInfo,
  integrityProblem,
  listMac,
  listProblem,
  mnemonicInfo,
  tampered,
} from './records.ts';
import type { AccountInfo, ConsensusKeyInfo, MnemonicInfo } from './records.ts';
import {
  kdfOf,
  migrations,
  readAccounts,
  readConsensusKeys,
  readMeta,
  readMnemonics,
  type MetaRow,
  type VaultMode,
} from './schema.ts';
import * as secrets from './secrets.ts';
import {
  backupName,
  checkPhrase,
  moveDatabase,
  removeDatabase,
  restoringName,
  type CheckedPhrase,
  type RestorePlan,
} from './restore.ts';
import { keychainAccount, newPasswordProblem, PASSWORD_ONLY_HINT, wrapVmk } from './wrap.ts';

export const DEFAULT_AUTO_LOCK_MS = 5 * 60 * 1000;
const MAX_AUTO_LOCK_MS = 24 * 60 * 60 * 1000;

export interface VaultOptions {
  file: string;
  /** Production: osKeychain(KEYCHAIN_SERVICE). */
  keychain: Keychain;
  /** The network's bech32m prefix, used to show addresses and to read watch-only ones. */
  addressPrefix: string;
  clock?: Clock;
  /** Told when the vault locks, so the UI can follow (e.g. after idling). */
  onLock?: (reason: 'manual' | 'idle') => void;
}

export interface CreateOptions {
  password: string;
  /** Omitted means 'keychain'; 'password-only' must be chosen on purpose. */
  mode?: VaultMode;
  kdf?: KdfParams;
  autoLockMs?: number;
}

export interface VaultStatus {
  exists: boolean;
  vaultId: string | null;
  locked: boolean;
  mode: VaultMode | null;
  kdf: KdfParams | null;
  autoLockMs: number;
  /** Epoch milliseconds before which password attempts are refused, or null. */
  backoffUntil: number | null;
  mnemonics: MnemonicInfo[];
  /** Public data only; checked against the record-list MAC at unlock and on every use while unlocked. */
  accounts: AccountInfo[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function autoLockProblem(ms: unknown): string | null {
  return Number.isInteger(ms) && (ms as number) >= 0 && (ms as number) <= MAX_AUTO_LOCK_MS
    ? null
    : 'The auto-lock delay is a whole number of milliseconds from 0 (never) to 24 hours.';
}

const KEYCHAIN_DOWN_FOR_RESTORE =
  'No OS keychain is reachable. This vault keeps part of its key in the OS keychain, and so will the restored one; ' +
  'start or unlock the keychain and restore again. Nothing was changed.';

/** The key vault: one SQLite file, unlocked by password (and the OS keychain), holding every secret encrypted. */
export class Vault {
  private session: SessionKeys | null = null;
  /** Password checks run one at a time, so parallel guesses cannot slip past the back-off. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: Clock;
  private gate: PasswordGate;
  /** Any operation on the unlocked vault is activity; status() is not, since the UI may poll it. */
  private readonly idle: IdleTimer;

  private constructor(
    /** Replaced only by a restore from the recovery phrase. */
    private db: Db,
    private readonly options: VaultOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.gate = new PasswordGate(db, options.keychain, this.clock);
    const idleMs = () => readMeta(this.db)?.auto_lock_ms ?? DEFAULT_AUTO_LOCK_MS;
    this.idle = new IdleTimer(this.clock, idleMs, () => this.lockNow('idle'));
  }

  /** Opens (or starts) the vault file and checks SQLite's integrity; creating the vault itself is create(). */
  static open(options: VaultOptions): Result<Vault> {
    try {
      encodeAddress(options.addressPrefix, new Uint8Array(20));
    } catch (error) {
      return fail('VALIDATION', message(error));
    }
    const db = Vault.openFile(options.file);
    return db.ok ? ok(new Vault(db.value, options)) : db;
  }

  private static openFile(file: string): Result<Db> {
    // A restore cut off between its two renames: the old file is already the backup and the new one is
    // complete (it is built and closed before the renames), so the restore is finished here.
    if (!existsSync(file) && existsSync(restoringName(file))) moveDatabase(restoringName(file), file);
    let db: Db;
    try {
      preparePrivateDatabase(file);
      db = openDatabase(file, migrations);
    } catch (error) {
      const newer = /newer than this program knows/.test(message(error));
      return fail(
        'TAMPERED',
        `${message(error)} Restore the vault file from a backup, or move it aside to start a new vault.`,
        { key: newer ? 'vault.newer' : 'vault.damaged', params: { file } },
      );
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      return fail(
        'TAMPERED',
        `The vault file ${file} is damaged (SQLite reports: ${String(check)}). Restore it from a backup.`,
        { key: 'vault.damaged', params: { file } },
      );
    }
    return ok(db);
  }

  status(): Result<VaultStatus> {
    return this.guard('read the vault status', () => {
      this.lockIfIdle();
      return ok(this.describe());
    });
  }

  create(options: CreateOptions): Promise<Result<VaultStatus>> {
    return this.serial('create the vault', async () => {
      if (readMeta(this.db))
        return fail('EXISTS', `A vault already exists in ${this.options.file}; unlock it instead.`);
      const { password, mode, kdf = DEFAULT_KDF, autoLockMs = DEFAULT_AUTO_LOCK_MS } = options ?? ({} as CreateOptions);
      const weak = newPasswordProblem(password);
      if (weak) return weak;
      const problem =
        (mode === undefined || mode === 'keychain' || mode === 'password-only'
          ? null
          : `"${String(mode)}" is not a vault mode.`) ??
        kdfProblem(kdf) ??
        autoLockProblem(autoLockMs);
      if (problem !== null) return fail('VALIDATION', problem);
      const chosenMode = mode ?? 'keychain';
      const vaultId = randomBytes(16).toString('hex');
      let secret: Buffer | null = null;
      if (chosenMode === 'keychain') {
        secret = randomKey();
        const stored = this.options.keychain.set(keychainAccount(vaultId), secret);
        if (!stored.ok) {
          secret.fill(0);
          return fail('UNAVAILABLE', `${stored.error.message} ${PASSWORD_ONLY_HINT}`, {
            key: 'vault.keychainUnavailableCreate',
          });
        }
      }
      const vmk = randomKey();
      try {
        const wrapped = await wrapVmk(vmk, password, kdf, chosenMode, vaultId, secret);
        const keys = sessionKeys(vmk, vaultId);
        const row = {
          ...wrapped,
          records_mac: listMac(this.db, keys, vaultId),
          auto_lock_ms: autoLockMs,
          created_at: this.clock.now(),
        };
        this.db
          .prepare(
            `INSERT INTO meta (singleton, vault_id, mode, kdf_n, kdf_r, kdf_p, kdf_salt, password_check, wrap_nonce, wrapped_vmk, records_mac, auto_lock_ms, created_at)
             VALUES (1, @vault_id, @mode, @kdf_n, @kdf_r, @kdf_p, @kdf_salt, @password_check, @wrap_nonce, @wrapped_vmk, @records_mac, @auto_lock_ms, @created_at)`,
          )
          .run(row);
        this.session = keys;
        this.idle.touch();
      } catch (error) {
        vmk.fill(0);
        if (secret) this.options.keychain.delete(keychainAccount(vaultId)); // no orphan secret for a vault that was never written
        throw error;
      } finally {
        secret?.fill(0);
      }
      return ok(this.describe());
    });
  }

  unlock(password: string): Promise<Result<VaultStatus>> {
    return this.serial('unlock the vault', () => this.unlockNow(password));
  }

  /** What restoring from `words` would bring back and what it cannot; nothing is changed. Needs no password. */
  restorePlan(words: string): Result<RestorePlan> {
    return this.guard('check the recovery phrase', () => {
      if (!readMeta(this.db)) return this.noVault();
      const checked = checkPhrase(this.db, words, this.options.addressPrefix);
      return checked.ok ? ok(checked.value.plan) : checked;
    });
  }

  /**
   * For a forgotten password: a new vault from the recovery phrase, under a new password, with the phrase's
   * accounts at their old indexes and names. The old file stays beside it as a timestamped backup; if
   * anything fails before the switch, the old vault is left exactly as it was.
   */
  restoreFromPhrase(
    words: string,
    newPassword: string,
    options: { kdf?: KdfParams } = {},
  ): Promise<Result<{ status: VaultStatus; backupFile: string; plan: RestorePlan }>> {
    return this.serial('restore the vault from the recovery phrase', async () => {
      const meta = readMeta(this.db);
      if (!meta) return this.noVault();
      const problem = newPasswordProblem(newPassword);
      if (problem !== null) return problem;
      const checked = checkPhrase(this.db, words, this.options.addressPrefix);
      if (!checked.ok) return checked;
      const { file } = this.options;
      const building = restoringName(file);
      removeDatabase(building); // left by a restore that was cut off
      const built = await this.buildRestored(building, checked.value, newPassword, {
        mode: meta.mode,
        kdf: options.kdf ?? kdfOf(meta),
        autoLockMs: meta.auto_lock_ms,
      });
      if (!built.ok) {
        removeDatabase(building);
        // The restored vault keeps this one's mode, so creating's advice ("or choose password-only") does not apply.
        if (built.error.key === 'vault.keychainUnavailableCreate')
          return fail('UNAVAILABLE', KEYCHAIN_DOWN_FOR_RESTORE, { key: 'vault.keychainUnavailable' });
        return built;
      }
      this.lockNow('manual');
      this.db.close();
      const backupFile = backupName(file, this.clock.now());
      moveDatabase(file, backupFile);
      moveDatabase(building, file);
      const reopened = Vault.openFile(file);
      if (!reopened.ok) return reopened;
      this.db = reopened.value;
      this.gate = new PasswordGate(this.db, this.options.keychain, this.clock);
      const unlocked = await this.unlockNow(newPassword);
      return unlocked.ok ? ok({ status: unlocked.value, backupFile, plan: checked.value.plan }) : unlocked;
    });
  }

  lock(): Result<VaultStatus> {
    return this.guard('lock the vault', () => {
      this.lockNow('manual');
      return ok(this.describe());
    });
  }

  /** Re-wraps the VMK under the new password (fresh salt); the records are untouched. */
  changePassword(oldPassword: string, newPassword: string): Promise<Result<VaultStatus>> {
    return this.serial('change the password', async () => {
      const meta = readMeta(this.db);
      if (!meta) return this.noVault();
      const problem = newPasswordProblem(newPassword);
      if (problem !== null) return problem;
      return this.rewrap(meta, oldPassword, newPassword, kdfOf(meta));
    });
  }

  /** Raises the scrypt parameters (never lowers them), re-wrapping the VMK. */
  upgradeKdf(password: string, params: KdfParams): Promise<Result<VaultStatus>> {
    return this.serial('raise the password hardening', async () => {
      const meta = readMeta(this.db);
      if (!meta) return this.noVault();
      const problem = kdfProblem(params);
      if (problem !== null) return fail('VALIDATION', problem);
      if (params.N < meta.kdf_n || params.r < meta.kdf_r || params.p < meta.kdf_p) {
        return fail(
          'VALIDATION',
          `These settings are weaker than the current ones (N=${meta.kdf_n}, r=${meta.kdf_r}, p=${meta.kdf_p}); they can only be raised.`,
        );
      }
      return this.rewrap(meta, password, password, { N: params.N, r: params.r, p: params.p });
    });
  }

  setAutoLock(ms: number): Result<VaultStatus> {
    return this.whenUnlocked('change the auto-lock delay', (ctx) => {
      const problem = autoLockProblem(ms);
      if (problem !== null) return fail('VALIDATION', problem);
      ctx.db.prepare('UPDATE meta SET auto_lock_ms = ? WHERE singleton = 1').run(ms);
      this.idle.touch();
      return ok(this.describe());
    });
  }

  /** A new 24-word phrase and its first account. The words are returned this once, for the person to write down. */
  createMnemonic(
    options: { label?: string } = {},
  ): Result<{ mnemonicId: string; words: string; account: AccountInfo }> {
    return this.whenUnlocked('create a recovery phrase', (ctx) => {
      const label = secrets.cleanLabel(options.label, 'Recovery phrase');
      if (label === null) return secrets.labelError();
      const words = generateMnemonic();
      const stored = secrets.storeMnemonic(ctx, words, label);
      return stored.ok ? ok({ ...stored.value, words }) : stored;
    });
  }

  importMnemonic(
    words: string,
    options: { label?: string } = {},
  ): Result<{ mnemonicId: string; account: AccountInfo }> {
    return this.whenUnlocked('import the recovery phrase', (ctx) => {
      const label = secrets.cleanLabel(options.label, 'Recovery phrase');
      if (label === null) return secrets.labelError();
      const checked = validateMnemonic(words);
      if (!checked.ok)
        return fail('VALIDATION', `This recovery phrase was not accepted: ${checked.reason}`, {
          key: 'phrase.invalid',
        });
      return secrets.storeMnemonic(ctx, checked.value, label);
    });
  }

  addAccount(mnemonicId: string): Result<AccountInfo> {
    return this.whenUnlocked('add an account', (ctx) => secrets.addDerivedAccount(ctx, mnemonicId));
  }

  addWatchOnly(address: string, options: { label?: string; publicKey?: string } = {}): Result<AccountInfo> {
    return this.whenUnlocked('add the watch-only address', (ctx) => {
      const label = secrets.cleanLabel(options.label, 'Watch-only');
      return label === null ? secrets.labelError() : secrets.addWatchOnly(ctx, address, label, options.publicKey);
    });
  }

  /** A single account key (64 hex digits), kept encrypted and used to sign like a derived account. */
  importAccountKey(secretKeyHex: string, options: { label?: string } = {}): Result<AccountInfo> {
    return this.whenUnlocked('import the account key', (ctx) => {
      const label = secrets.cleanLabel(options.label, 'Imported key');
      if (label === null) return secrets.labelError();
      const parsed = secrets.parseSecretKey(secretKeyHex, 'An account key');
      return parsed.ok ? secrets.storeImportedKey(ctx, parsed.value, label) : parsed;
    });
  }

  renameAccount(accountId: string, label: string): Result<AccountInfo> {
    return this.whenUnlocked('rename the account', (ctx) => {
      const clean = secrets.cleanLabel(label, '');
      return clean === null || clean === '' ? secrets.labelError() : secrets.renameAccount(ctx, accountId, clean);
    });
  }

  removeAccount(accountId: string): Result<AccountInfo> {
    return this.whenUnlocked('remove the account', (ctx) => secrets.removeAccount(ctx, accountId));
  }

  generateConsensusKey(options: { label?: string } = {}): Result<ConsensusKeyInfo> {
    return this.whenUnlocked('create a consensus key', (ctx) => {
      const label = secrets.cleanLabel(options.label, 'Consensus key');
      return label === null ? secrets.labelError() : secrets.storeConsensusKey(ctx, null, label);
    });
  }

  importConsensusKey(secretHex: string, options: { label?: string } = {}): Result<ConsensusKeyInfo> {
    return this.whenUnlocked('import the consensus key', (ctx) => {
      const label = secrets.cleanLabel(options.label, 'Consensus key');
      if (label === null) return secrets.labelError();
      const parsed = secrets.parseConsensusSecret(secretHex);
      return parsed.ok ? secrets.storeConsensusKey(ctx, parsed.value, label) : parsed;
    });
  }

  /** Public keys only; consensus keys are kept out of status() so they are listed only when asked for. */
  listConsensusKeys(): Result<ConsensusKeyInfo[]> {
    return this.guard('list the consensus keys', () => ok(readConsensusKeys(this.db).map(consensusKeyInfo)));
  }

  exportMnemonic(mnemonicId: string, password: string): Promise<Result<{ words: string }>> {
    return this.withPassword('show the recovery phrase', password, (ctx) => {
      const words = secrets.readMnemonicPhrase(ctx, mnemonicId);
      return words.ok ? ok({ words: words.value }) : words;
    });
  }

  exportConsensusKey(keyId: string, password: string): Promise<Result<{ secretKey: string; publicKey: string }>> {
    return this.withPassword('export the consensus key', password, (ctx) => secrets.readConsensusSecret(ctx, keyId));
  }

  sign(accountId: string, domain: SigningDomain, chainId: string, bytes: Uint8Array): Result<Uint8Array> {
    return this.whenUnlocked('sign', (ctx) => secrets.signWith(ctx, accountId, domain, chainId, bytes));
  }

  signTransactionBytes(accountId: string, chainId: string, bytes: Uint8Array): Result<Uint8Array> {
    return this.sign(accountId, SigningDomain.TRANSACTION, chainId, bytes);
  }

  close(): void {
    this.lockNow('manual');
    this.db.close();
  }

  // ——— internals ———

  private async unlockNow(password: string): Promise<Result<VaultStatus>> {
    const meta = readMeta(this.db);
    if (!meta) return this.noVault();
    const unwrapped = await this.gate.unwrap(meta, password);
    if (!unwrapped.ok) return unwrapped;
    unwrapped.value.keychainSecret?.fill(0);
    const keys = sessionKeys(unwrapped.value.vmk, meta.vault_id);
    const problem = integrityProblem(this.db, keys, meta);
    if (problem !== null) {
      zeroSession(keys);
      return tampered(problem, true);
    }
    if (this.session) zeroSession(this.session);
    this.session = keys;
    this.idle.touch();
    return ok(this.describe());
  }

  /** A complete new vault in `file`: the phrase under its old name, and its accounts at their old indexes and names. */
  private async buildRestored(
    file: string,
    checked: CheckedPhrase,
    password: string,
    settings: Required<Pick<CreateOptions, 'mode' | 'kdf' | 'autoLockMs'>>,
  ): Promise<Result<null>> {
    const opened = Vault.open({ ...this.options, file, onLock: () => {} });
    if (!opened.ok) return opened;
    const fresh = opened.value;
    try {
      const created = await fresh.create({ password, ...settings });
      if (!created.ok) return created;
      const imported = fresh.importMnemonic(checked.phrase, { label: checked.mnemonic.label });
      if (!imported.ok) return imported;
      for (const old of checked.derived) {
        const account =
          old.account_index === 0
            ? ok(imported.value.account)
            : fresh.whenUnlocked('restore an account', (ctx) =>
                secrets.addDerivedAccount(ctx, imported.value.mnemonicId, old.account_index!),
              );
        if (!account.ok) return account;
        const renamed = fresh.renameAccount(account.value.id, old.label);
        if (!renamed.ok) return renamed;
      }
      // The phrase's first account comes with it; the old vault had removed it, so this one does too.
      if (checked.derived.length > 0 && !checked.derived.some((old) => old.account_index === 0)) {
        const removed = fresh.removeAccount(imported.value.account.id);
        if (!removed.ok) return removed;
      }
      return ok(null);
    } finally {
      fresh.close();
    }
  }

  private describe(): VaultStatus {
    const meta = readMeta(this.db);
    const now = this.clock.now();
    return {
      exists: meta !== undefined,
      vaultId: meta?.vault_id ?? null,
      locked: this.session === null,
      mode: meta?.mode ?? null,
      kdf: meta ? kdfOf(meta) : null,
      autoLockMs: meta?.auto_lock_ms ?? DEFAULT_AUTO_LOCK_MS,
      backoffUntil: meta && meta.backoff_until > now ? meta.backoff_until : null,
      mnemonics: readMnemonics(this.db).map(mnemonicInfo),
      accounts: readAccounts(this.db).map((row) => accountInfo(row, this.options.addressPrefix)),
    };
  }

  private noVault() {
    return fail('NO_VAULT', 'No vault has been created yet. Create one first.', { key: 'vault.none' });
  }

  private guard<T>(action: string, body: () => Result<T>): Result<T> {
    try {
      return body();
    } catch (error) {
      return fail('INTERNAL', `Could not ${action}: ${message(error)}`);
    }
  }

  private serial<T>(action: string, body: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = this.queue
      .then(body)
      .catch((error: unknown) => fail('INTERNAL', `Could not ${action}: ${message(error)}`));
    this.queue = run;
    return run;
  }

  /** Runs body on an unlocked, intact vault; counts as activity for auto-lock. */
  private whenUnlocked<T>(action: string, body: (ctx: secrets.Unlocked) => Result<T>): Result<T> {
    return this.guard(action, () => {
      const meta = readMeta(this.db);
      if (!meta) return this.noVault();
      this.lockIfIdle();
      if (this.session === null)
        return fail('LOCKED', 'The vault is locked. Unlock it with your password first.', { key: 'vault.locked' });
      const problem = listProblem(this.db, this.session, meta);
      if (problem !== null) return tampered(problem);
      this.idle.touch();
      const ctx = {
        db: this.db,
        keys: this.session,
        vaultId: meta.vault_id,
        now: this.clock.now(),
        addressPrefix: this.options.addressPrefix,
      };
      return body(ctx);
    });
  }

  /** Exports need the password typed again even though the vault is unlocked. */
  private withPassword<T>(
    action: string,
    password: string,
    body: (ctx: secrets.Unlocked) => Result<T>,
  ): Promise<Result<T>> {
    return this.serial(action, async () => {
      const meta = readMeta(this.db);
      if (!meta) return this.noVault();
      const before = this.whenUnlocked(action, () => ok(null));
      if (!before.ok) return before;
      const unwrapped = await this.gate.unwrap(meta, password);
      if (!unwrapped.ok) return unwrapped;
      const { vmk, keychainSecret } = unwrapped.value;
      keychainSecret?.fill(0);
      const same = this.session !== null && sameBytes(vmk, this.session.vmk);
      vmk.fill(0);
      if (this.session !== null && !same) return tampered('the vault file was replaced while it was open');
      return this.whenUnlocked(action, body); // the vault may have locked while the password was checked
    });
  }

  private async rewrap(
    meta: MetaRow,
    password: string,
    newPassword: string,
    params: KdfParams,
  ): Promise<Result<VaultStatus>> {
    const unwrapped = await this.gate.unwrap(meta, password);
    if (!unwrapped.ok) return unwrapped;
    const { vmk, keychainSecret } = unwrapped.value;
    try {
      const wrapped = await wrapVmk(vmk, newPassword, params, meta.mode, meta.vault_id, keychainSecret);
      this.db
        .prepare(
          `UPDATE meta SET kdf_n = @kdf_n, kdf_r = @kdf_r, kdf_p = @kdf_p, kdf_salt = @kdf_salt, password_check = @password_check,
             wrap_nonce = @wrap_nonce, wrapped_vmk = @wrapped_vmk WHERE singleton = 1`,
        )
        .run(wrapped);
    } finally {
      vmk.fill(0);
      keychainSecret?.fill(0);
    }
    if (this.session) this.idle.touch();
    return ok(this.describe());
  }

  private lockIfIdle(): void {
    if (this.session !== null && this.idle.idle()) this.lockNow('idle');
  }

  private lockNow(reason: 'manual' | 'idle'): void {
    this.idle.stop();
    if (this.session === null) return;
    zeroSession(this.session);
    this.session = null;
    this.options.onLock?.(reason);
  }
}
