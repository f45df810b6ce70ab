import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bech32m } from '@scure/base';
import {
  addressBytes,
  addressFromPublicKey,
  encodeAddress,
  isAddress,
  parseAddress,
  publicKeyFromSecret,
  sha256,
} from '../../../shared/core/crypto/index.ts';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const publicKey = publicKeyFromSecret(new Uint8Array(32).fill(3));
const address = addressFromPublicKey('csa', publicKey);

const reasonOf = (hrp: string, text: string): string => {
  const r = parseAddress(hrp, text);
  if (r.ok) throw new Error(`expected ${text} to be rejected`);
  return r.reason;
};

describe('addresses', () => {
  it('are bech32m of the first 20 bytes of sha256(public key), and parse back', () => {
    expect(address).toMatch(/^csa1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}$/);
    expect(addressBytes(publicKey)).toEqual(sha256(publicKey).slice(0, 20));
    expect(parseAddress('csa', address)).toEqual({ ok: true, value: addressBytes(publicKey) });
    expect(isAddress('csa', address)).toBe(true);
  });

  it('round-trip for any 20 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        expect(parseAddress('tcsa', encodeAddress('tcsa', bytes))).toEqual({ ok: true, value: bytes });
      }),
      { numRuns: 300 },
    );
  });

  it('accept an all-upper-case address (QR codes), refuse mixed case', () => {
    expect(parseAddress('csa', address.toUpperCase())).toEqual({ ok: true, value: addressBytes(publicKey) });
    const mixed = `${address.slice(0, 10)}${address.slice(10).toUpperCase()}`;
    expect(reasonOf('csa', mixed)).toMatch(/^Mixed case/);
  });

  it('reject every single-character typo in the data part with the checksum reason', () => {
    let tried = 0;
    for (let i = 4; i < address.length; i++) {
      for (const c of CHARSET) {
        if (c === address[i]) continue;
        const typo = address.slice(0, i) + c + address.slice(i + 1);
        expect(reasonOf('csa', typo)).toMatch(/^Bad checksum.*likely a typo/);
        tried++;
      }
    }
    expect(tried).toBe(38 * 31);
  });

  it('reject swapped neighbours, a dropped and a doubled character', () => {
    const i = [...address].findIndex((c, j) => j >= 4 && j + 1 < address.length && c !== address[j + 1]);
    expect(i).toBeGreaterThanOrEqual(4);
    const swapped = address.slice(0, i) + address[i + 1] + address[i] + address.slice(i + 2);
    expect(isAddress('csa', swapped)).toBe(false);
    expect(isAddress('csa', address.slice(0, 12) + address.slice(13))).toBe(false);
    expect(isAddress('csa', address.slice(0, 12) + address[12] + address.slice(12))).toBe(false);
  });

  it('name a character that never appears in an address', () => {
    const withB = `${address.slice(0, 10)}b${address.slice(11)}`;
    expect(reasonOf('csa', withB)).toContain('"b", which never appears in an address');
  });

  it('reject another network’s prefix, naming both', () => {
    const testnet = addressFromPublicKey('tcsa', publicKey);
    expect(reasonOf('csa', testnet)).toBe(
      'Wrong network prefix: expected "csa", got "tcsa". This address is for another network.',
    );
    expect(isAddress('tcsa', testnet)).toBe(true);
  });

  it('reject a well-formed bech32m string of the wrong length', () => {
    for (const n of [19, 21, 32]) {
      const text = bech32m.encode('csa', bech32m.toWords(new Uint8Array(n).fill(1)));
      expect(reasonOf('csa', text)).toBe(`Wrong length: an address holds 20 bytes; this one holds ${n}.`);
    }
  });

  it('reject empty, separator-less and over-long text', () => {
    expect(reasonOf('csa', '')).toBe('The address is empty.');
    expect(reasonOf('csa', 'hello')).toMatch(/not an address/);
    expect(reasonOf('csa', `csa1${'q'.repeat(100)}`)).toMatch(/^Wrong length/);
  });

  it('refuse an invalid network prefix as a programming error', () => {
    for (const hrp of ['', 'CSA', '1abc', 'a'.repeat(17)]) {
      expect(() => addressFromPublicKey(hrp, publicKey)).toThrow(RangeError);
      expect(() => parseAddress(hrp, address)).toThrow(RangeError);
    }
    expect(() => addressFromPublicKey('csa', new Uint8Array(31))).toThrow(RangeError);
    expect(() => encodeAddress('csa', new Uint8Array(21))).toThrow(RangeError);
  });
});
