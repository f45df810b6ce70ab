import { bech32m } from '@scure/base';
import { sha256 } from './hash.ts';
import type { Checked } from './checked.ts';

/*
 * address = bech32m(hrp, first 20 bytes of sha256(public key)). The network's human-readable part
 * (hrp) keeps addresses of different networks apart; the bech32m checksum catches typos (any
 * single substitution, and any error burst up to 4 characters, is always detected).
 */

export const ADDRESS_LENGTH = 20;
/** BIP173's overall limit on a bech32 string. */
const MAX_TEXT_LENGTH = 90;
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const HRP_PATTERN = /^[a-z][a-z0-9]{0,15}$/;

function assertHrp(hrp: string): void {
  if (typeof hrp !== 'string' || !HRP_PATTERN.test(hrp)) {
    throw new RangeError(
      `Invalid address prefix ${JSON.stringify(hrp)}: 1–16 lower-case letters or digits, starting with a letter`,
    );
  }
}

/** The 20 bytes an address stands for. */
export function addressBytes(publicKey: Uint8Array): Uint8Array {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new RangeError('An Ed25519 public key is 32 bytes');
  return sha256(publicKey).slice(0, ADDRESS_LENGTH);
}

export function encodeAddress(hrp: string, bytes: Uint8Array): string {
  assertHrp(hrp);
  if (!(bytes instanceof Uint8Array) || bytes.length !== ADDRESS_LENGTH)
    throw new RangeError(`An address holds ${ADDRESS_LENGTH} bytes`);
  return bech32m.encode(hrp, bech32m.toWords(bytes));
}

export function addressFromPublicKey(hrp: string, publicKey: Uint8Array): string {
  return encodeAddress(hrp, addressBytes(publicKey));
}

const fail = (reason: string): Checked<Uint8Array> => ({ ok: false, reason });

/** Reads an address typed or pasted by a person; the reasons say what to fix. Throws only for an invalid expected hrp. */
export function parseAddress(hrp: string, text: string): Checked<Uint8Array> {
  assertHrp(hrp);
  if (typeof text !== 'string' || text.length === 0) return fail('The address is empty.');
  if (text.length > MAX_TEXT_LENGTH)
    return fail(`Wrong length: an address is at most ${MAX_TEXT_LENGTH} characters; this is ${text.length}.`);
  const lower = text.toLowerCase();
  if (lower !== text && text.toUpperCase() !== text) {
    return fail('Mixed case: an address is written all in lower case (or all in upper case), never both.');
  }
  const separator = lower.lastIndexOf('1');
  if (separator < 1) return fail(`This is not an address: it should start with "${hrp}1".`);
  const prefix = lower.slice(0, separator);
  if (prefix !== hrp) {
    return fail(`Wrong network prefix: expected "${hrp}", got "${prefix}". This address is for another network.`);
  }
  const data = lower.slice(separator + 1);
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (!CHARSET.includes(c)) {
      return fail(`The address contains ${JSON.stringify(c)}, which never appears in an address: likely a typo.`);
    }
  }
  const decoded = bech32m.decodeUnsafe(lower, MAX_TEXT_LENGTH);
  if (!decoded) return fail('Bad checksum: the address does not check out, likely a typo. Please copy it again.');
  const bytes = bech32m.fromWordsUnsafe(decoded.words);
  if (!bytes || bytes.length !== ADDRESS_LENGTH) {
    const got = Math.floor((decoded.words.length * 5) / 8);
    return fail(`Wrong length: an address holds ${ADDRESS_LENGTH} bytes; this one holds ${got}.`);
  }
  return { ok: true, value: bytes };
}

export function isAddress(hrp: string, text: string): boolean {
  return parseAddress(hrp, text).ok;
}
