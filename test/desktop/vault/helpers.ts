import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ContractError, Result } from '../../../shared/contract/result.ts';
import { absentKeychain, osKeychain, type Keychain } from '../../../electron/services/keychain.ts';
import { KEYCHAIN_SERVICE, Vault, type Clock, type CreateOptions } from '../../../electron/services/vault/index.ts';
import { createVaultService, type VaultService } from '../../../electron/services/vault/service.ts';
import { EventHub } from '../../../electron/services/registry.ts';

export const PASSWORD = 'correct horse battery staple';
export const PREFIX = 'csa';
export const CHAIN_ID = 'consortia-test-1';
/** Cheap scrypt so tests are quick; the vault's default (N = 2^17) is tested once for its recorded value. */
export const CHEAP_KDF = { N: 2 ** 10, r: 8, p: 1 };

/** The real Secret Service that `npm test` starts; entries made here are removed by forgetKeychainEntries. */
export const realKeychain = osKeychain(KEYCHAIN_SERVICE);

/** The vault service as the app builds it, over `<dataDir>/vault.sqlite`, the real keychain and cheap hardening. */
export function testVaultService(dataDir: string, addressPrefix: string, hub = new EventHub()): VaultService {
  return createVaultService({
    file: join(dataDir, 'vault.sqlite'),
    keychain: realKeychain,
    addressPrefix,
    hub,
    kdf: CHEAP_KDF,
  });
}
const madeVaultIds: string[] = [];
/** A vault made outside newVault (say by a restore) whose keychain entry forgetKeychainEntries removes too. */
export function forgetLater(vaultId: string): void {
  madeVaultIds.push(vaultId);
}
export function forgetKeychainEntries(): void {
  for (const id of madeVaultIds.splice(0)) realKeychain.delete(`vault-${id}`);
}

/** A keychain that answers as the real one does on a machine without a Secret Service, and counts its calls. */
export function unavailableKeychain(): Keychain & { calls: number } {
  const absent = absentKeychain('No OS keychain is reachable (test: no Secret Service).');
  const keychain = {
    calls: 0,
    get: (account: string) => (keychain.calls++, absent.get(account)),
    set: (account: string, secret: Uint8Array) => (keychain.calls++, absent.set(account, secret)),
    delete: (account: string) => (keychain.calls++, absent.delete(account)),
  };
  return keychain;
}

/** Time that moves only when told: advance() runs due timers, jump() does not (a laptop asleep). */
export class FakeClock implements Clock {
  private timers: { at: number; callback: () => void }[] = [];
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
  jump(ms: number): void {
    this.time += ms;
  }
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorOf(result: Result<unknown>): ContractError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

export const tempVaultFile = () => join(mkdtempSync(join(tmpdir(), 'consortia-vault-')), 'vault.sqlite');

export interface Opened {
  vault: Vault;
  file: string;
  clock: FakeClock;
  vaultId: string;
}

export function openVault(
  file: string,
  clock: Clock,
  keychain: Keychain = realKeychain,
  onLock?: (reason: 'manual' | 'idle') => void,
): Vault {
  return value(Vault.open({ file, keychain, addressPrefix: PREFIX, clock, ...(onLock ? { onLock } : {}) }));
}

/** A new, unlocked vault in a fresh file (keychain mode with the real keychain unless told otherwise). */
export async function newVault(
  options: Partial<CreateOptions> & {
    keychain?: Keychain;
    clock?: FakeClock;
    onLock?: (reason: 'manual' | 'idle') => void;
  } = {},
): Promise<Opened> {
  const { keychain = realKeychain, clock = new FakeClock(), onLock, ...create } = options;
  const file = tempVaultFile();
  const vault = openVault(file, clock, keychain, onLock);
  const status = value(await vault.create({ password: PASSWORD, kdf: CHEAP_KDF, ...create }));
  madeVaultIds.push(status.vaultId!);
  return { vault, file, clock, vaultId: status.vaultId! };
}

/** Edits the vault file behind the vault's back, as an attacker with the file would. */
export function editFile(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

export function flipByte(bytes: Buffer, at = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
