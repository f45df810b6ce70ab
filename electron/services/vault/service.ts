/**
 * The vault as the rest of the main process and the IPC edge see it: one Vault file in the data
 * folder, its errors turned into contract errors, and `vault.changed` pushed on every change.
 */
import type { EventHub } from '../registry.ts';
import { ServiceError } from '../errors.ts';
import type { ErrorCode } from '../../../shared/contract/result.ts';
import type { Keychain } from '../keychain.ts';
import { Vault, type VaultStatus } from './vault.ts';
import type { VaultErrorCode, VaultResult } from './result.ts';
import type { KdfParams } from './envelope.ts';

const CODES: Record<VaultErrorCode, Exclude<ErrorCode, 'UNKNOWN_CHANNEL'>> = {
  NO_VAULT: 'NO_VAULT',
  EXISTS: 'EXISTS',
  LOCKED: 'LOCKED',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  BACKOFF: 'BACKOFF',
  TAMPERED: 'TAMPERED',
  DAMAGED: 'TAMPERED',
  KEYCHAIN_UNAVAILABLE: 'UNAVAILABLE',
  KEYCHAIN_SECRET_MISSING: 'UNAVAILABLE',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_INPUT: 'VALIDATION',
  INTERNAL: 'INTERNAL',
};

const PROBE_ACCOUNT = 'consortia-keychain-probe';
const PROBE_TTL_MS = 5_000;

export interface VaultServiceOptions {
  file: string;
  keychain: Keychain;
  addressPrefix: string;
  hub: EventHub;
  /** Raised by tests only, so creating a vault does not take seconds; users get DEFAULT_KDF. */
  kdf?: KdfParams;
}

export class VaultService {
  readonly vault: Vault;
  private probed: { at: number; available: boolean } | null = null;
  private readonly unlockListeners = new Set<() => void>();

  constructor(private readonly options: VaultServiceOptions) {
    const opened = Vault.open({
      file: options.file,
      keychain: options.keychain,
      addressPrefix: options.addressPrefix,
      onLock: (reason) => this.changed(reason === 'idle' ? 'idle' : 'locked'),
    });
    if (!opened.ok)
      throw new ServiceError(CODES[opened.error.code], opened.error.message, { detail: opened.error.detail });
    this.vault = opened.value;
  }

  get addressPrefix(): string {
    return this.options.addressPrefix;
  }

  get kdf(): KdfParams | undefined {
    return this.options.kdf;
  }

  /** The value, or a ServiceError the IPC edge turns into a readable contract error. */
  unwrap<T>(result: VaultResult<T>): T {
    if (result.ok) return result.value;
    const code = CODES[result.error.code];
    const retryAt = code === 'BACKOFF' ? (this.rawStatus().backoffUntil ?? undefined) : undefined;
    throw new ServiceError(code, result.error.message, { retryAt, detail: result.error.detail });
  }

  rawStatus(): VaultStatus {
    const status = this.vault.status();
    if (!status.ok) throw new ServiceError(CODES[status.error.code], status.error.message);
    return status.value;
  }

  /** The contract's view: the vault's own status plus whether the OS keychain answers here. */
  status() {
    const { exists, locked, mode, kdf, autoLockMs, backoffUntil, mnemonics, accounts } = this.rawStatus();
    return {
      exists,
      locked,
      mode,
      kdf,
      autoLockMs,
      backoffUntil,
      mnemonics,
      accounts,
      keychainAvailable: this.keychainAvailable(),
    };
  }

  keychainAvailable(): boolean {
    const now = Date.now();
    if (this.probed && now - this.probed.at < PROBE_TTL_MS) return this.probed.available;
    const available = this.options.keychain.get(PROBE_ACCOUNT).ok;
    this.probed = { at: now, available };
    return available;
  }

  /** Pushes the new status to the page; an unlock also tells in-process listeners (the devnet's first-run import). */
  changed(reason: 'unlocked' | 'locked' | 'idle' | 'changed'): void {
    this.options.hub.emit('vault.changed', { status: this.status(), reason });
    if (reason === 'unlocked') for (const listener of this.unlockListeners) listener();
  }

  onUnlocked(listener: () => void): () => void {
    this.unlockListeners.add(listener);
    return () => this.unlockListeners.delete(listener);
  }

  close(): void {
    this.vault.close();
  }
}
