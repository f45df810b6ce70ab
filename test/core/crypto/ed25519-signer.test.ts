import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installEd25519Signer,
  nobleSigner,
  publicKeyFromSecret,
  resetEd25519Signer,
  sign,
  type Ed25519Signer,
} from '../../../shared/core/crypto/index.ts';
import { opensslSigner } from '../../../shared/node/ed25519-openssl-signer.ts';

afterEach(() => resetEd25519Signer());

describe('Ed25519 signer: OpenSSL and pure JS agree', () => {
  it('derive the same public key and the same signature for random keys and messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        (secretKey, message) => {
          expect(opensslSigner.publicKey(secretKey)).toEqual(nobleSigner.publicKey(secretKey));
          expect(opensslSigner.sign(secretKey, message)).toEqual(nobleSigner.sign(secretKey, message));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('once installed, sign and publicKeyFromSecret go through it', () => {
    let calls = 0;
    const counting: Ed25519Signer = {
      publicKey: (secretKey) => (calls++, opensslSigner.publicKey(secretKey)),
      sign: (secretKey, message) => (calls++, opensslSigner.sign(secretKey, message)),
    };
    installEd25519Signer(counting);
    const before = calls;
    const secretKey = new Uint8Array(32).fill(7);
    expect(sign(secretKey, new Uint8Array([1, 2, 3]))).toEqual(nobleSigner.sign(secretKey, new Uint8Array([1, 2, 3])));
    expect(publicKeyFromSecret(secretKey)).toEqual(nobleSigner.publicKey(secretKey));
    expect(calls - before).toBe(2);
  });

  it('refuses a signer that does not reproduce the RFC 8032 vectors, and keeps the current one', () => {
    const wrong: Ed25519Signer = {
      publicKey: (secretKey) => nobleSigner.publicKey(secretKey),
      sign: (secretKey, message) => {
        const signature = nobleSigner.sign(secretKey, message);
        signature[0]! ^= 1;
        return signature;
      },
    };
    expect(() => installEd25519Signer(wrong)).toThrow(/RFC 8032/);
    const secretKey = new Uint8Array(32).fill(9);
    expect(sign(secretKey, new Uint8Array())).toEqual(nobleSigner.sign(secretKey, new Uint8Array()));
  });
});
