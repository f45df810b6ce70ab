import { describe, expect, it } from 'vitest';
import { generateMnemonic, mnemonicToSeed, validateMnemonic } from '../../../shared/core/crypto/index.ts';
import { bytesToHex } from './ed25519-fixtures.ts';

// BIP39 reference vector (trezor/python-mnemonic vectors.json): 256 zero bits, passphrase "TREZOR".
const ZERO_PHRASE = `${'abandon '.repeat(23)}art`;
const ZERO_SEED =
  'bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8';

const reasonOf = (text: string): string => {
  const r = validateMnemonic(text);
  if (r.ok) throw new Error(`expected "${text}" to be rejected`);
  return r.reason;
};

describe('generateMnemonic', () => {
  it('turns given entropy into the BIP39 words', () => {
    expect(generateMnemonic(new Uint8Array(32))).toBe(ZERO_PHRASE);
  });

  it('draws 24 fresh valid words when no entropy is given', () => {
    const a = generateMnemonic();
    const b = generateMnemonic();
    expect(a.split(' ')).toHaveLength(24);
    expect(validateMnemonic(a)).toEqual({ ok: true, value: a });
    expect(a).not.toBe(b);
  });

  it('refuses entropy of any other size', () => {
    expect(() => generateMnemonic(new Uint8Array(16))).toThrow(RangeError);
    expect(() => generateMnemonic(new Uint8Array(33))).toThrow(RangeError);
  });
});

describe('validateMnemonic', () => {
  it('accepts a valid phrase typed loosely and returns its normal form', () => {
    const typed = `  ${ZERO_PHRASE.toUpperCase().replaceAll(' ', '  \n')}  `;
    expect(validateMnemonic(typed)).toEqual({ ok: true, value: ZERO_PHRASE });
  });

  it('names an unknown word, its position, and the likely intended word', () => {
    const words = ZERO_PHRASE.split(' ');
    words[4] = 'abandonn';
    const reason = reasonOf(words.join(' '));
    expect(reason).toContain('Word 5');
    expect(reason).toContain('"abandonn"');
    expect(reason).toContain('did you mean "abandon"');
    expect(reasonOf(`${'abandon '.repeat(23)}xyzzy`)).toMatch(
      /Word 24 \("xyzzy"\) is not in the BIP39 English word list\.$/,
    );
  });

  it('says so when the word count is wrong (including valid 12-word phrases from other wallets)', () => {
    expect(reasonOf(`${'abandon '.repeat(22)}art`)).toContain('has 24 words; this one has 23');
    expect(reasonOf(`${'abandon '.repeat(11)}about`)).toContain('this one has 12');
    expect(reasonOf('')).toContain('this one has 0');
  });

  it('detects a bad checksum (a wrong or swapped word)', () => {
    expect(reasonOf(`${'abandon '.repeat(23)}abandon`)).toContain('checksum does not match');
    const words = generateMnemonic(new Uint8Array(32).fill(0x5a)).split(' ');
    expect(words[0]).not.toBe(words[1]);
    [words[0], words[1]] = [words[1]!, words[0]!];
    expect(reasonOf(words.join(' '))).toContain('checksum');
  });
});

describe('mnemonicToSeed', () => {
  it('matches the BIP39 seed vector and depends on the passphrase', () => {
    expect(bytesToHex(mnemonicToSeed(ZERO_PHRASE, 'TREZOR'))).toBe(ZERO_SEED);
    const plain = mnemonicToSeed(ZERO_PHRASE);
    expect(plain).toHaveLength(64);
    expect(bytesToHex(plain)).not.toBe(ZERO_SEED);
  });

  it('throws the readable reason for an invalid phrase', () => {
    expect(() => mnemonicToSeed(`${'abandon '.repeat(23)}abandon`)).toThrow(/checksum/);
  });
});
