/**
 * TEST ONLY: Ed25519 domain signing through OpenSSL, for tests that sign thousands of messages: the product's own
 * OpenSSL signer over the product's signing digest, fast enough that signing does not stall the nodes that share the
 * test process's event loop.
 */
import type { SigningDomain } from '../../../shared/core/crypto/index.ts';
import { signingDigest } from '../../../shared/core/crypto/hash.ts';
import { opensslSigner } from '../../../shared/node/ed25519-openssl-signer.ts';

/** signDomain(domain, chainId, bytes, secretKey), computed by OpenSSL. */
export function opensslDomainSigner(
  chainId: string,
  secretKey: Uint8Array,
): (domain: SigningDomain, bytes: Uint8Array) => Uint8Array {
  return (domain, bytes) => opensslSigner.sign(secretKey, signingDigest(domain, chainId, bytes));
}
