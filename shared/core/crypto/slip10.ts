import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { publicKeyFromSecret } from './ed25519.ts';

/*
 * SLIP-0010 for Ed25519: a BIP32-like tree where every step is hardened (Ed25519 secret keys are
 * hashed before use, so the public-derivation trick of BIP32 does not exist). The 32-byte left half
 * of each HMAC-SHA512 is used directly as the Ed25519 secret key (seed).
 */

export const HARDENED_OFFSET = 0x8000_0000;

/**
 * BIP44 coin type for Consortia: 0x434f4e53, the ASCII bytes "CONS". It is not registered in
 * SLIP-0044 (no entry near it in the registry snapshot we checked); being a private consortium
 * chain we only need it to differ from other chains' types so one mnemonic never yields the same
 * key on another chain. Register it, or re-check it is free, before a public release.
 */
export const CONSORTIA_COIN_TYPE = 0x434f4e53;

export interface ExtendedKey {
  readonly secretKey: Uint8Array;
  readonly chainCode: Uint8Array;
}

const MASTER_HMAC_KEY = new TextEncoder().encode('ed25519 seed');

function split(i: Uint8Array): ExtendedKey {
  const key = { secretKey: i.slice(0, 32), chainCode: i.slice(32, 64) };
  i.fill(0); // the HMAC output is secret; only the copies live on
  return key;
}

/** Master node from a BIP39 seed (16–64 bytes, as BIP32 and SLIP-0010 require). */
export function masterKeyFromSeed(seed: Uint8Array): ExtendedKey {
  if (!(seed instanceof Uint8Array) || seed.length < 16 || seed.length > 64) {
    throw new RangeError('A SLIP-0010 seed is 16 to 64 bytes');
  }
  return split(hmac(sha512, MASTER_HMAC_KEY, seed));
}

function assertHardenedIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > 0xffff_ffff) {
    throw new RangeError(`${index} is not a derivation index (0 to 2^32−1)`);
  }
  if (index < HARDENED_OFFSET) {
    throw new RangeError(
      `Index ${index} is not hardened: SLIP-0010 Ed25519 derives hardened children only; use ${index}' (${index + HARDENED_OFFSET}).`,
    );
  }
}

/** Child i of parent; i must be hardened (≥ 2^31), otherwise a RangeError explains why. */
export function deriveHardenedChild(parent: ExtendedKey, index: number): ExtendedKey {
  assertHardenedIndex(index);
  const data = new Uint8Array(1 + 32 + 4); // 0x00 ‖ ser256(k_par) ‖ ser32(i)
  data.set(parent.secretKey, 1);
  new DataView(data.buffer).setUint32(33, index, false);
  const child = split(hmac(sha512, parent.chainCode, data));
  data.fill(0);
  return child;
}

/** "m/44'/…'" → full indexes. Accepts ' or h/H as the hardened mark; an unmarked segment is an error. */
export function parsePath(path: string): number[] {
  const segments = typeof path === 'string' ? path.split('/') : [];
  if (segments[0] !== 'm') throw new RangeError(`Derivation path ${JSON.stringify(path)} must start with "m"`);
  return segments.slice(1).map((segment) => {
    const match = /^(0|[1-9][0-9]*)(['hH]?)$/.exec(segment);
    if (match === null) throw new RangeError(`Path segment ${JSON.stringify(segment)} is not a number`);
    const value = Number(match[1]);
    if (value >= HARDENED_OFFSET)
      throw new RangeError(`Path segment ${segment} is too large (at most ${HARDENED_OFFSET - 1})`);
    if (match[2] === '') {
      throw new RangeError(
        `Path segment ${segment} is not hardened: SLIP-0010 Ed25519 derives hardened children only; write ${segment}'.`,
      );
    }
    return value + HARDENED_OFFSET;
  });
}

export function derivePath(seed: Uint8Array, path: string): ExtendedKey {
  return parsePath(path).reduce(deriveHardenedChild, masterKeyFromSeed(seed));
}

/** m/44'/<coin>'/<account>': one key per account, no change/address levels (Ed25519 has no public derivation to use them for). */
export function accountPath(accountIndex: number): string {
  if (!Number.isInteger(accountIndex) || accountIndex < 0 || accountIndex >= HARDENED_OFFSET) {
    throw new RangeError(`Account index must be an integer from 0 to ${HARDENED_OFFSET - 1}`);
  }
  return `m/44'/${CONSORTIA_COIN_TYPE}'/${accountIndex}'`;
}

export interface AccountKey {
  readonly path: string;
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The Ed25519 key pair of account `accountIndex` under a BIP39 seed. */
export function deriveAccountKey(seed: Uint8Array, accountIndex: number): AccountKey {
  const path = accountPath(accountIndex);
  const { secretKey } = derivePath(seed, path);
  return { path, secretKey, publicKey: publicKeyFromSecret(secretKey) };
}
