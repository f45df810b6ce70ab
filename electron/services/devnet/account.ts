/**
 * The devnet's funded wallet account: a fresh 24-word recovery phrase made when the desktop creates its devnet,
 * whose account 0 (the vault's derivation) genesis funds. Kept in DEVNET/wallet-account.json (0600), so the vault
 * can import the phrase; which vaults already did is remembered in DEVNET/wallet-imported.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import {
  addressBytes,
  addressFromPublicKey,
  deriveAccountKey,
  generateMnemonic,
  mnemonicToSeed,
} from '../../../shared/core/crypto/index.ts';
import type { DevnetFundedMember } from '../../../shared/core/genesis/index.ts';
import { readKeyFile, writeKeyFile } from '../../../shared/node/keyfile.ts';

export const DEVNET_ACCOUNT_LABEL = 'Devnet test funds (not real money)';

const accountFile = (dir: string) => join(dir, 'wallet-account.json');
const markerFile = (dir: string) => join(dir, 'wallet-imported.json');

/** For openDevnetFolder's onCreate: writes the new phrase into the new folder and names its account 0 for funding. */
export function createWalletAccount(dir: string): { fundedMembers: DevnetFundedMember[] } {
  const mnemonic = generateMnemonic();
  const seed = mnemonicToSeed(mnemonic);
  const key = deriveAccountKey(seed, 0);
  seed.fill(0);
  writeKeyFile(accountFile(dir), {
    kind: 'account',
    secretKey: key.secretKey,
    publicKey: key.publicKey,
    mnemonic,
    path: key.path,
    label: DEVNET_ACCOUNT_LABEL,
  });
  return { fundedMembers: [{ address: addressBytes(key.publicKey), name: 'Desktop wallet (devnet)' }] };
}

/** The account's recovery phrase and address, or null when this devnet has none (not made by the desktop, or not yet). */
export function readWalletAccount(dir: string, addressPrefix: string): { mnemonic: string; address: string } | null {
  if (!existsSync(accountFile(dir))) return null;
  const key = readKeyFile(accountFile(dir), 'account');
  if (!key.mnemonic) return null;
  return { mnemonic: key.mnemonic, address: addressFromPublicKey(addressPrefix, key.publicKey) };
}

const markerSchema = z.object({ vaults: z.array(z.string()) });

/** Ids of the vaults the account was imported into (an unreadable marker counts as none: the vault refuses duplicates). */
export function importedInto(dir: string): string[] {
  try {
    return markerSchema.parse(JSON.parse(readFileSync(markerFile(dir), 'utf8'))).vaults;
  } catch {
    return [];
  }
}

export function markImported(dir: string, vaultId: string): void {
  const vaults = importedInto(dir);
  if (!vaults.includes(vaultId))
    writeFileSync(markerFile(dir), `${JSON.stringify({ vaults: [...vaults, vaultId] }, null, 2)}\n`, { mode: 0o600 });
}
