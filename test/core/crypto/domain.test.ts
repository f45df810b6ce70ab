import { describe, expect, it } from 'vitest';
import {
  SIGNING_DOMAINS,
  SigningDomain,
  publicKeyFromSecret,
  sign,
  signDomain,
  signingDigest,
  verifyDomain,
} from '../../../shared/core/crypto/index.ts';
import { VERIFIERS } from './ed25519-fixtures.ts';

const secretKey = new Uint8Array(32).fill(9);
const publicKey = publicKeyFromSecret(secretKey);
const vote = Uint8Array.of(0, 0, 0, 7, 0, 1, 0xab); // stands in for canonical vote bytes

describe.each(VERIFIERS)('domain-separated signatures (%s)', (_name, verifier) => {
  const prevote = signDomain(SigningDomain.PREVOTE, 'devnet', vote, secretKey);

  it('verify in their own domain and chain', () => {
    expect(verifyDomain(SigningDomain.PREVOTE, 'devnet', vote, prevote, publicKey, verifier)).toBe(true);
  });

  it('a PREVOTE signature does not count as a PRECOMMIT, nor in any other domain', () => {
    expect(verifyDomain(SigningDomain.PRECOMMIT, 'devnet', vote, prevote, publicKey, verifier)).toBe(false);
    for (const d of SIGNING_DOMAINS.filter((x) => x !== SigningDomain.PREVOTE)) {
      expect(verifyDomain(d, 'devnet', vote, prevote, publicKey, verifier)).toBe(false);
    }
  });

  it('a signature for one chain id fails on another', () => {
    expect(verifyDomain(SigningDomain.PREVOTE, 'devnet-2', vote, prevote, publicKey, verifier)).toBe(false);
    expect(verifyDomain(SigningDomain.PREVOTE, 'Devnet', vote, prevote, publicKey, verifier)).toBe(false);
  });

  it('a signature over the raw bytes (no domain) is not accepted, and the domain one is over the digest', () => {
    expect(verifyDomain(SigningDomain.PREVOTE, 'devnet', vote, sign(secretKey, vote), publicKey, verifier)).toBe(false);
    expect(verifier.verify(prevote, signingDigest(SigningDomain.PREVOTE, 'devnet', vote), publicKey)).toBe(true);
  });

  it('changed bytes or another key fail; an invalid chain id is false, not a throw', () => {
    expect(verifyDomain(SigningDomain.PREVOTE, 'devnet', Uint8Array.of(1), prevote, publicKey, verifier)).toBe(false);
    const otherKey = publicKeyFromSecret(new Uint8Array(32).fill(10));
    expect(verifyDomain(SigningDomain.PREVOTE, 'devnet', vote, prevote, otherKey, verifier)).toBe(false);
    expect(verifyDomain(SigningDomain.PREVOTE, '', vote, prevote, publicKey, verifier)).toBe(false);
    expect(verifyDomain('NOPE' as SigningDomain, 'devnet', vote, prevote, publicKey, verifier)).toBe(false);
  });
});

describe('signDomain', () => {
  it('refuses an invalid chain id rather than signing something ambiguous', () => {
    expect(() => signDomain(SigningDomain.TRANSACTION, 'has space', vote, secretKey)).toThrow(RangeError);
  });

  it('defaults to the noble verifier', () => {
    const tx = signDomain(SigningDomain.TRANSACTION, 'devnet', vote, secretKey);
    expect(verifyDomain(SigningDomain.TRANSACTION, 'devnet', vote, tx, publicKey)).toBe(true);
    expect(verifyDomain(SigningDomain.HANDSHAKE, 'devnet', vote, tx, publicKey)).toBe(false);
  });
});
