/**
 * TEST ONLY: Ed25519 signing through OpenSSL (node:crypto) for tests that sign thousands of messages. The same
 * RFC 8032 signatures as shared/core's signer (deterministic), but fast enough that signing does not stall the
 * nodes that share the test process's event loop.
 */
import { createPrivateKey, sign } from 'node:crypto';
import type { SigningDomain } from '../../../shared/core/crypto/index.ts';
import { signingDigest } from '../../../shared/core/crypto/hash.ts';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** signDomain(domain, chainId, bytes, secretKey), computed by OpenSSL. */
export function opensslDomainSigner(
  chainId: string,
  secretKey: Uint8Array,
): (domain: SigningDomain, bytes: Uint8Array) => Uint8Array {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
  return (domain, bytes) => new Uint8Array(sign(null, signingDigest(domain, chainId, bytes), key));
}
