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

/** Key derivation and signing. Ed25519 signatures are deterministic, so every correct implementation gives the same bytes. */
export interface Ed25519Signer {
  publicKey(secretKey: Uint8Array): Uint8Array;
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
}

export const nobleSigner: Ed25519Signer = {
  publicKey: (secretKey) => ed25519.getPublicKey(secretKey),
  sign: (secretKey, message) => ed25519.sign(message, secretKey),
};
let activeSigner: Ed25519Signer = nobleSigner;

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
/** RFC 8032 §7.1 tests 1–3 (secret key, public key, message, signature), checked without running the pure-JS path. */
const RFC8032_VECTORS = [
  [
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
] as const;

/**
 * Makes `implementation` (e.g. OpenSSL's, in Node processes: shared/node/openssl.ts) the one that derives keys and
 * signs. It must reproduce the RFC 8032 test vectors first, or it is refused and the current one kept.
 */
export function installEd25519Signer(implementation: Ed25519Signer): void {
  for (const [secretHex, publicHex, messageHex, signatureHex] of RFC8032_VECTORS) {
    const secretKey = fromHex(secretHex);
    if (
      !equalBytes(implementation.publicKey(secretKey), fromHex(publicHex)) ||
      !equalBytes(implementation.sign(secretKey, fromHex(messageHex)), fromHex(signatureHex))
    ) {
      throw new Error(
        'The Ed25519 signer to install does not reproduce the RFC 8032 test vectors; keeping the current one.',
      );
    }
  }
  activeSigner = implementation;
}

/** Back to the pure-JS signer (tests). */
export function resetEd25519Signer(): void {
  activeSigner = nobleSigner;
}

/** RFC 8032 signature (deterministic) of message under the 32-byte secret key (seed). */
export function sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  assertSecretKey(secretKey);
  return activeSigner.sign(secretKey, message);
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  assertSecretKey(secretKey);
  return activeSigner.publicKey(secretKey);
}

/** A fresh random secret key (for consensus keys; account keys come from a mnemonic). */
export function generateSecretKey(): Uint8Array {
  return randomBytes(SECRET_KEY_LENGTH);
}

/** Signs sha256(tag(domain) ‖ chainId ‖ bytes); throws RangeError on an invalid chain id. */
export function signDomain(
  domain: SigningDomain,
  chainId: string,
  bytes: Uint8Array,
  secretKey: Uint8Array,
): Uint8Array {
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
