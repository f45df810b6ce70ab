import * as z from 'zod';
import { address, id, label, password } from './common.ts';

export const vaultAccount = z.object({
  id,
  /** 'derived' (from a recovery phrase) and 'imported' (a single key) sign; 'watch' is an address only (its key lives on an offline device). */
  kind: z.enum(['derived', 'watch', 'imported']),
  label: z.string(),
  address: z.string(),
  publicKey: z.string().nullable(),
  mnemonicId: z.string().nullable(),
  index: z.number().int().nullable(),
  path: z.string().nullable(),
});

export const vaultStatus = z.object({
  exists: z.boolean(),
  locked: z.boolean(),
  mode: z.enum(['keychain', 'password-only']).nullable(),
  kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() }).nullable(),
  autoLockMs: z.number().int().nonnegative(),
  /** Epoch milliseconds before which password attempts are refused, or null. */
  backoffUntil: z.number().int().nullable(),
  /** Whether the OS keychain (Secret Service) answers on this machine. */
  keychainAvailable: z.boolean(),
  mnemonics: z.array(z.object({ id, label: z.string(), fingerprint: z.string() })),
  accounts: z.array(vaultAccount),
});

const consensusKey = z.object({ id, label: z.string(), publicKey: z.string() });

export const restorePlan = z.object({
  phraseLabel: z.string(),
  restored: z.array(vaultAccount),
  notRestored: z.array(vaultAccount),
  consensusKeysLost: z.array(consensusKey),
});

export const vaultMethods = {
  'vault.status': { input: z.object({}).strict(), output: vaultStatus },
  'vault.create': {
    input: z
      .object({
        password: z.string().max(1024),
        /** 'password-only' must be chosen on purpose, where no keychain exists. */
        mode: z.enum(['keychain', 'password-only']).optional(),
        autoLockMs: z.number().int().nonnegative().optional(),
      })
      .strict(),
    output: vaultStatus,
  },
  'vault.unlock': { input: z.object({ password }).strict(), output: vaultStatus },
  'vault.lock': { input: z.object({}).strict(), output: vaultStatus },
  'vault.changePassword': {
    input: z.object({ oldPassword: password, newPassword: z.string().max(1024) }).strict(),
    output: vaultStatus,
  },
  'vault.setAutoLock': { input: z.object({ ms: z.number().int().nonnegative() }).strict(), output: vaultStatus },
  /** The words cross once, at creation, for the person to write down and then confirm. */
  'vault.createMnemonic': {
    input: z.object({ label: label.optional() }).strict(),
    output: z.object({ mnemonicId: id, words: z.string(), account: vaultAccount }),
  },
  'vault.importMnemonic': {
    input: z.object({ words: z.string().max(1000), label: label.optional() }).strict(),
    output: z.object({ mnemonicId: id, account: vaultAccount }),
  },
  'vault.addAccount': { input: z.object({ mnemonicId: id }).strict(), output: vaultAccount },
  /** With the public key (64 hex), the wallet can prepare the address's first transaction for offline signing. */
  'vault.addWatchOnly': {
    input: z
      .object({
        address,
        label: label.optional(),
        publicKey: z
          .string()
          .regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters')
          .optional(),
      })
      .strict(),
    output: vaultAccount,
  },
  'vault.renameAccount': {
    input: z.object({ accountId: id, label: label.min(1, 'a name is required') }).strict(),
    output: vaultAccount,
  },
  'vault.removeAccount': { input: z.object({ accountId: id }).strict(), output: vaultAccount },
  /** Only after the password is entered again. */
  'vault.exportMnemonic': {
    input: z.object({ mnemonicId: id, password }).strict(),
    output: z.object({ words: z.string() }),
  },
  'vault.consensusKeys': { input: z.object({}).strict(), output: z.array(consensusKey) },
  'vault.generateConsensusKey': { input: z.object({ label: label.optional() }).strict(), output: consensusKey },
  /**
   * For a forgotten password, before restoring: which of the vault's phrases the words are, the accounts
   * they bring back (same indexes and names) and what no phrase restores (imported keys, watch-only
   * addresses, other phrases' accounts, consensus keys). Needs no password; changes nothing.
   */
  'vault.restorePlan': { input: z.object({ words: z.string().max(1000) }).strict(), output: restorePlan },
  /**
   * Rebuilds the vault from the phrase under a new password and unlocks it. The old file is kept beside
   * the new one as `<file>.<UTC time>.bak` (never deleted), with its keychain entry; the new vault has its own.
   */
  'vault.restoreFromPhrase': {
    input: z.object({ words: z.string().max(1000), newPassword: z.string().max(1024) }).strict(),
    output: z.object({ status: vaultStatus, backupFile: z.string(), plan: restorePlan }),
  },
} as const;

export const vaultEvents = {
  /** Any change of the vault's status: created, unlocked, locked (also by idling), accounts changed. */
  'vault.changed': z.object({ status: vaultStatus, reason: z.enum(['unlocked', 'locked', 'idle', 'changed']) }),
} as const;
