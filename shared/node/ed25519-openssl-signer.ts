import { Buffer } from 'node:buffer';
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Ed25519Signer } from '../core/crypto/index.ts';

/** DER PKCS#8 header for an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** The raw 32-byte public key is the tail of its DER SubjectPublicKeyInfo. */
const SPKI_ED25519_LENGTH = 44;

function privateKey(secretKey: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
}

/**
 * Key derivation and RFC 8032 signing on Node's built-in OpenSSL: the same bytes as the pure-JS signer (Ed25519 is
 * deterministic; installEd25519Signer checks the RFC's vectors and test/core/crypto a random sample), without
 * building the pure-JS precomputation tables on first use, and many times faster per signature.
 */
export const opensslSigner: Ed25519Signer = {
  publicKey(secretKey) {
    const der = createPublicKey(privateKey(secretKey)).export({ format: 'der', type: 'spki' });
    return new Uint8Array(der.subarray(SPKI_ED25519_LENGTH - 32));
  },
  sign(secretKey, message) {
    return new Uint8Array(sign(null, message, privateKey(secretKey)));
  },
};
