import { describe, expect, it } from 'vitest';
import { publicKeyFromSecret, sign } from '../../../shared/core/crypto/index.ts';
import { RFC8032_VECTORS, VERIFIERS } from './ed25519-fixtures.ts';

describe('RFC 8032 §7.1 test vectors', () => {
  it('the long vector really has a 1023-byte message', () => {
    expect(RFC8032_VECTORS.find((v) => v.name.startsWith('TEST 1024'))?.message.length).toBe(1023);
  });

  for (const v of RFC8032_VECTORS) {
    describe(v.name, () => {
      it('derives the published public key and signs byte for byte', () => {
        expect(publicKeyFromSecret(v.secretKey)).toEqual(v.publicKey);
        expect(sign(v.secretKey, v.message)).toEqual(v.signature);
      });

      for (const [name, verifier] of VERIFIERS) {
        it(`${name}: accepts the published signature, rejects it for another message or key`, () => {
          expect(verifier.verify(v.signature, v.message, v.publicKey)).toBe(true);
          const otherMessage = Uint8Array.from([...v.message, 0]);
          expect(verifier.verify(v.signature, otherMessage, v.publicKey)).toBe(false);
          const otherKey = RFC8032_VECTORS.find((w) => w !== v)!.publicKey;
          expect(verifier.verify(v.signature, v.message, otherKey)).toBe(false);
        });
      }
    });
  }

  it('sign refuses a secret key of the wrong length', () => {
    expect(() => sign(new Uint8Array(31), new Uint8Array(0))).toThrow(RangeError);
    expect(() => publicKeyFromSecret(new Uint8Array(64))).toThrow(RangeError);
  });
});
