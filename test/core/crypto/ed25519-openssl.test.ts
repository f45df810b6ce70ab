import { describe, expect, it } from 'vitest';
import { publicKeyFromSecret, sign } from '../../../shared/core/crypto/index.ts';
import { createOpensslVerifier } from '../../../shared/node/ed25519-openssl.ts';

const signers = [1, 2, 3, 4, 5].map((n) => {
  const secretKey = new Uint8Array(32).fill(n);
  const message = Uint8Array.of(n);
  return { publicKey: publicKeyFromSecret(secretKey), message, signature: sign(secretKey, message) };
});

describe('opensslVerifier key cache', () => {
  it('stays within its bound and keeps answering correctly as keys are evicted and re-imported', () => {
    const verifier = createOpensslVerifier(2);
    for (let round = 0; round < 3; round++) {
      for (const [i, s] of signers.entries()) {
        expect(verifier.verify(s.signature, s.message, s.publicKey)).toBe(true);
        const other = signers[(i + 1) % signers.length]!;
        expect(verifier.verify(other.signature, other.message, s.publicKey)).toBe(false);
        expect(verifier.cachedKeys).toBeLessThanOrEqual(2);
      }
    }
    expect(verifier.cachedKeys).toBe(2);
  });

  it('keys a cache entry by content: a key mutated in place after use is read afresh', () => {
    const verifier = createOpensslVerifier(4);
    const [a, b] = [signers[0]!, signers[1]!];
    const key = a.publicKey.slice();
    expect(verifier.verify(a.signature, a.message, key)).toBe(true);
    key.set(b.publicKey);
    expect(verifier.verify(a.signature, a.message, key)).toBe(false);
    expect(verifier.verify(b.signature, b.message, key)).toBe(true);
  });

  it('does not cache keys the pre-check refuses, and rejects a zero or fractional bound', () => {
    const verifier = createOpensslVerifier(4);
    expect(verifier.verify(signers[0]!.signature, signers[0]!.message, new Uint8Array(32))).toBe(false);
    expect(verifier.cachedKeys).toBe(0);
    expect(() => createOpensslVerifier(0)).toThrow(RangeError);
    expect(() => createOpensslVerifier(1.5)).toThrow(RangeError);
  });
});
