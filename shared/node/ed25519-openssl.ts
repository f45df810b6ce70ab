import { Buffer } from 'node:buffer';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { strictPrecheck } from '../core/crypto/ed25519-strict.ts';
import type { SignatureVerifier } from '../core/crypto/ed25519.ts';

/*
 * Ed25519 verification on Node's built-in OpenSSL (about 10× the pure-JS speed). It must answer
 * exactly as nobleVerifier does on every input, which holds because:
 *  - the same strictPrecheck runs first (OpenSSL alone would accept small-order keys and R);
 *  - OpenSSL then checks S < L and the cofactorless equation encode([S]B − [k]A) == R, which is
 *    the rule nobleVerifier implements (see shared/core/crypto/ed25519.ts);
 *  - a public key that is not on the curve fails in both.
 * A differential test (test/core/crypto) keeps the two in step.
 */

/** DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410); the 32 raw key bytes follow. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const DEFAULT_KEY_CACHE_SIZE = 1024;

export interface OpensslVerifier extends SignatureVerifier {
  /** How many parsed public keys are cached now (never more than the bound). */
  readonly cachedKeys: number;
}

/**
 * Importing a key costs about as much as a verification, and the same few keys (the producer set,
 * active senders) sign over and over, so parsed keys are kept in a small least-recently-used cache.
 */
export function createOpensslVerifier(maxCachedKeys = DEFAULT_KEY_CACHE_SIZE): OpensslVerifier {
  if (!Number.isInteger(maxCachedKeys) || maxCachedKeys < 1)
    throw new RangeError('maxCachedKeys must be a positive integer');
  const cache = new Map<string, KeyObject>();

  function keyObject(publicKey: Uint8Array): KeyObject {
    const raw = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength);
    const id = raw.toString('hex');
    const cached = cache.get(id);
    if (cached !== undefined) {
      cache.delete(id); // re-insert: Map order is the recency order
      cache.set(id, cached);
      return cached;
    }
    const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
    cache.set(id, key);
    if (cache.size > maxCachedKeys) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return key;
  }

  return {
    verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
      if (!(message instanceof Uint8Array) || !strictPrecheck(signature, publicKey)) return false;
      try {
        return verify(null, message, keyObject(publicKey), signature);
      } catch {
        return false;
      }
    },
    get cachedKeys(): number {
      return cache.size;
    },
  };
}

export const opensslVerifier: OpensslVerifier = createOpensslVerifier();
