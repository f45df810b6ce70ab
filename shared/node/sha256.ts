/*
 * Imported once, for its effect, by every Node entry point (node, CLI, desktop services, benches): makes
 * shared/core's sha256 OpenSSL's one-shot hash through node:crypto, and its Ed25519 key derivation and signing
 * OpenSSL's too (shared/node/ed25519-openssl-signer.ts). Same bytes as the pure-JS default
 * (installSha256 checks that before accepting it, and test/core/crypto/sha256-differential.test.ts on random
 * inputs), but several times faster for the transaction-sized inputs a block hashes thousands of times.
 */
import { hash } from 'node:crypto';
import { installEd25519Signer, installSha256 } from '../core/crypto/index.ts';
import { opensslSigner } from './ed25519-openssl-signer.ts';

export function opensslSha256(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const digest = hash('sha256', bytes, 'buffer');
  // Core expects a plain Uint8Array (a Buffer's slice() is a view, not a copy). The digest owns its 32-byte
  // ArrayBuffer, so wrapping it costs no copy; if a Node version ever pooled it, copy rather than pin the pool.
  if (digest.byteOffset === 0 && digest.buffer.byteLength === digest.byteLength) return new Uint8Array(digest.buffer);
  return Uint8Array.from(digest);
}

installSha256(opensslSha256);
installEd25519Signer(opensslSigner);
