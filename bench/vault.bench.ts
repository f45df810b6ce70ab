// Issue 5: the vault's unlock time at its default password hardening, and its signing latency.
//  - Unlock: Vault.unlock on a real SQLite vault file created with DEFAULT_KDF (scrypt), in password-only mode.
//    `npm run bench` runs outside the private dbus-run-session + gnome-keyring that scripts/test.mjs starts, so
//    the keychain mode's extra Secret Service round trip is NOT included; scrypt dominates either way.
//  - Signing: vault.signTransactionBytes on an unlocked vault (decrypting the account secret and signing),
//    over transaction-sized messages; median and p99.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../shared/contract/result.ts';
import { absentKeychain } from '../electron/services/keychain.ts';
import { DEFAULT_KDF, Vault } from '../electron/services/vault/index.ts';
import { median, type Figure } from './harness.ts';

const PASSWORD = 'bench password, long enough';
const UNLOCKS = 5;
const SIGNATURES = 1000;

/** Password-only vaults never ask the keychain; this one says so loudly if they ever did. */
const noKeychain = absentKeychain('The vault bench runs without an OS keychain.');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`The vault refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export default async function vaultBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'consortia-vault-bench-'));
  const vault = value(Vault.open({ file: join(dir, 'vault.sqlite'), keychain: noKeychain, addressPrefix: 'cdev' }));
  try {
    const createStart = performance.now();
    value(await vault.create({ password: PASSWORD, mode: 'password-only', kdf: DEFAULT_KDF }));
    const createMs = performance.now() - createStart;
    const { account } = value(vault.createMnemonic({ label: 'bench' }));

    const unlocks: number[] = [];
    for (let i = 0; i < UNLOCKS; i++) {
      value(vault.lock());
      const start = performance.now();
      value(await vault.unlock(PASSWORD));
      unlocks.push(performance.now() - start);
    }

    const message = new Uint8Array(180); // about a transfer's canonical encoding
    const signs: number[] = [];
    for (let i = 0; i < SIGNATURES + 50; i++) {
      message[0] = i & 0xff;
      message[1] = i >> 8;
      const start = performance.now();
      value(vault.signTransactionBytes(account.id, 'consortia-devnet', message));
      if (i >= 50) signs.push(performance.now() - start); // the first 50 warm up
    }

    const kdf = `scrypt N=2^${Math.log2(DEFAULT_KDF.N)}, r=${DEFAULT_KDF.r}, p=${DEFAULT_KDF.p} (DEFAULT_KDF)`;
    return [
      {
        name: 'vault unlock at the default password hardening',
        value: median(unlocks),
        unit: 'ms',
        note: `${kdf}; median of ${UNLOCKS}; password-only mode: no keychain round trip included`,
      },
      {
        name: 'vault unlock, slowest of the runs',
        value: Math.max(...unlocks),
        unit: 'ms',
        note: `fastest ${Math.min(...unlocks).toFixed(0)} ms`,
      },
      {
        name: 'vault create at the default password hardening',
        value: createMs,
        unit: 'ms',
        note: 'one run: scrypt, a fresh master key, the first records',
      },
      {
        name: 'signing latency, vault.signTransactionBytes (median)',
        value: median(signs),
        unit: 'ms',
        note: `unlocked vault, ${SIGNATURES} signatures of 180-byte messages after 50 untimed`,
      },
      {
        name: 'signing latency, vault.signTransactionBytes (p99)',
        value: percentile(signs, 99),
        unit: 'ms',
        note: 'includes decrypting the account secret for each signature',
      },
    ];
  } finally {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
