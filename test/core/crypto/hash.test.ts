import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CHAIN_ID_LENGTH,
  SIGNING_DOMAINS,
  SigningDomain,
  isValidChainId,
  sha256,
  signingDigest,
  signingPreimage,
} from '../../../shared/core/crypto/index.ts';
import { bytesToHex } from './ed25519-fixtures.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('sha256', () => {
  it('matches the FIPS 180-2 "abc" vector and differs for other input', () => {
    expect(bytesToHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(bytesToHex(sha256(utf8('abd')))).not.toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('signing preimage', () => {
  it('is tag ‖ NUL-terminated, then a length-prefixed chain id, then the bytes', () => {
    const pre = signingPreimage(SigningDomain.PREVOTE, 'devnet', Uint8Array.of(1, 2));
    const tag = utf8('consortia/v1/prevote\0');
    expect(pre).toEqual(Uint8Array.from([...tag, 6, ...utf8('devnet'), 1, 2]));
    expect(signingDigest(SigningDomain.PREVOTE, 'devnet', Uint8Array.of(1, 2))).toEqual(sha256(pre));
  });

  it('has a distinct, prefix-free tag per domain, each with a single NUL at the end', () => {
    const tags = SIGNING_DOMAINS.map((d) => {
      const pre = signingPreimage(d, 'x', new Uint8Array(0));
      return pre.subarray(0, pre.indexOf(0) + 1);
    });
    expect(new Set(tags.map(bytesToHex)).size).toBe(5);
    for (const t of tags) {
      expect(t.indexOf(0)).toBe(t.length - 1);
      for (const u of tags) if (t !== u) expect(bytesToHex(u).startsWith(bytesToHex(t))).toBe(false);
    }
  });

  it('does not collide when bytes move across the chain-id boundary', () => {
    const a = signingPreimage(SigningDomain.TRANSACTION, 'ab', utf8('c'));
    const b = signingPreimage(SigningDomain.TRANSACTION, 'a', utf8('bc'));
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
  });

  it('is injective: distinct (domain, chain id, bytes) give distinct preimages', () => {
    const chainId = fc.stringMatching(/^[\x21-\x7e]{1,8}$/);
    const triple = fc.tuple(fc.constantFrom(...SIGNING_DOMAINS), chainId, fc.uint8Array({ maxLength: 12 }));
    fc.assert(
      fc.property(triple, triple, ([d1, c1, b1], [d2, c2, b2]) => {
        const same = d1 === d2 && c1 === c2 && bytesToHex(b1) === bytesToHex(b2);
        const equal = bytesToHex(signingPreimage(d1, c1, b1)) === bytesToHex(signingPreimage(d2, c2, b2));
        return same === equal;
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts printable-ASCII chain ids up to the limit and refuses others', () => {
    expect(isValidChainId('consortia-mainnet-1')).toBe(true);
    expect(isValidChainId('x'.repeat(MAX_CHAIN_ID_LENGTH))).toBe(true);
    for (const bad of ['', 'x'.repeat(MAX_CHAIN_ID_LENGTH + 1), 'dev net', 'dev\0net', 'dévnet', '\ud800']) {
      expect(isValidChainId(bad)).toBe(false);
      expect(() => signingPreimage(SigningDomain.TRANSACTION, bad, new Uint8Array(0))).toThrow(RangeError);
    }
  });

  it('refuses an unknown domain', () => {
    expect(() => signingPreimage('VOTE' as SigningDomain, 'devnet', new Uint8Array(0))).toThrow(RangeError);
    expect(() => signingPreimage('__proto__' as SigningDomain, 'devnet', new Uint8Array(0))).toThrow(RangeError);
  });
});
