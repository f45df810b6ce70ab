import { entropyToMnemonic, mnemonicToSeedSync, validateMnemonic as hasValidChecksum } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { Checked } from './checked.ts';

/** Our wallets write 24 words (256 bits of entropy) and accept only that, so a missing word is named as such. */
export const MNEMONIC_WORD_COUNT = 24;
export const MNEMONIC_ENTROPY_BYTES = 32;

const WORDS = new Set(wordlist);

/** 24 English BIP39 words from 32 bytes of entropy (fresh random bytes when none are given). */
export function generateMnemonic(entropy: Uint8Array = randomBytes(MNEMONIC_ENTROPY_BYTES)): string {
  if (!(entropy instanceof Uint8Array) || entropy.length !== MNEMONIC_ENTROPY_BYTES) {
    throw new RangeError(`A ${MNEMONIC_WORD_COUNT}-word mnemonic needs ${MNEMONIC_ENTROPY_BYTES} bytes of entropy`);
  }
  return entropyToMnemonic(entropy, wordlist);
}

/** Tolerates what people do when typing: capitals, extra spaces, line breaks. */
function splitWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** English BIP39 words are unique in their first four letters, so those letters suggest the intended word. */
function suggestion(word: string): string {
  const prefix = word.slice(0, 4);
  const match = prefix.length === 4 ? wordlist.find((candidate) => candidate.startsWith(prefix)) : undefined;
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** Checks a typed mnemonic; the value is its normal form (lower case, single spaces). */
export function validateMnemonic(text: string): Checked<string> {
  if (typeof text !== 'string') return { ok: false, reason: 'The recovery phrase must be text.' };
  const words = splitWords(text);
  const unknown = words.findIndex((word) => !WORDS.has(word));
  if (unknown !== -1) {
    const word = words[unknown]!;
    return {
      ok: false,
      reason: `Word ${unknown + 1} ("${word}") is not in the BIP39 English word list${suggestion(word)}.`,
    };
  }
  if (words.length !== MNEMONIC_WORD_COUNT) {
    return {
      ok: false,
      reason: `A recovery phrase has ${MNEMONIC_WORD_COUNT} words; this one has ${words.length}.`,
    };
  }
  const phrase = words.join(' ');
  if (!hasValidChecksum(phrase, wordlist)) {
    return {
      ok: false,
      reason: 'The words are all valid but their checksum does not match: a word is probably wrong or out of order.',
    };
  }
  return { ok: true, value: phrase };
}

/** The 64-byte BIP39 seed (PBKDF2-HMAC-SHA512, 2048 rounds). Throws with the readable reason if the phrase is invalid. */
export function mnemonicToSeed(text: string, passphrase = ''): Uint8Array {
  const checked = validateMnemonic(text);
  if (!checked.ok) throw new Error(checked.reason);
  return mnemonicToSeedSync(checked.value, passphrase);
}
