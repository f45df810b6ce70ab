import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { signingDigest, type SigningDomain } from './hash.ts';
import { strictPrecheck } from './ed25519-strict.ts';

export const SECRET_KEY_LENGTH = 32;

/** Answers "did the holder of publicKey sign message?". Implementations never throw: malformed input is false. */
export interface SignatureVerifier {
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

const Point = ed25519.Point;
const ORDER = Point.Fn.ORDER;

function littleEndianToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * The consensus rule, in pure JS on @noble/curves' point arithmetic:
 *   strictPrecheck (canonical A and R, neither small-order, S < L), A decoded as RFC 8032 says
 *   (zip215: false), k = SHA-512(R ‖ A ‖ M) mod L, and accept iff encode([S]B − [k]A) == R.
 *
 * Why not ed25519.verify(…, { zip215: false }) itself: noble checks the *cofactored* equation
 * [8]([S]B − R − [k]A) = 0, OpenSSL (and libsodium) the *cofactorless* one above. Both are allowed by
 * RFC 8032, but they disagree when A or R has a small torsion component (a mixed-order point, which
 * the small-order check does not catch): a key holder can craft signatures that noble accepts and
 * OpenSSL rejects, which would split the network. The cofactorless rule is the one OpenSSL applies,
 * so this path implements exactly it; every signature it accepts is also accepted by noble's strict
 * verify (tested). Comparing bytes rather than points is sound because R is known canonical.
 */
function verifyStrict(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(message instanceof Uint8Array) || !strictPrecheck(signature, publicKey)) return false;
  try {
    const a = Point.fromBytes(publicKey, false);
    const r = signature.subarray(0, 32);
    const s = littleEndianToBigint(signature.subarray(32, 64));
    const k = littleEndianToBigint(sha512.create().update(r).update(publicKey).update(message).digest()) % ORDER;
    const expectedR = Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(k)).toBytes();
    return equalBytes(expectedR, r);
  } catch {
    return false; // A is not on the curve
  }
}

export const nobleVerifier: SignatureVerifier = { verify: verifyStrict };

function assertSecretKey(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_LENGTH) {
    throw new RangeError(`An Ed25519 secret key is ${SECRET_KEY_LENGTH} bytes`);
  }
}

/** RFC 8032 signature (deterministic) of message under the 32-byte secret key (seed). */
export function sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  assertSecretKey(secretKey);
  return ed25519.sign(message, secretKey);
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  assertSecretKey(secretKey);
  return ed25519.getPublicKey(secretKey);
}

/** A fresh random secret key (for consensus keys; account keys come from a mnemonic). */
export function generateSecretKey(): Uint8Array {
  return randomBytes(SECRET_KEY_LENGTH);
}

/** Signs sha256(tag(domain) ‖ chainId ‖ bytes); throws RangeError on an invalid chain id. */
export function signDomain(domain: SigningDomain, chainId: string, bytes: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sign(secretKey, signingDigest(domain, chainId, bytes));
}

/** Verifies a signDomain signature; false (never a throw) for any malformed input, including a bad chain id. */
export function verifyDomain(
  domain: SigningDomain,
  chainId: string,
  bytes: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
  verifier: SignatureVerifier = nobleVerifier,
): boolean {
  let digest: Uint8Array;
  try {
    digest = signingDigest(domain, chainId, bytes);
  } catch {
    return false;
  }
  return verifier.verify(signature, digest, publicKey);
}
