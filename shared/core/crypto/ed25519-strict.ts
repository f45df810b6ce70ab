import { hexToBytes } from '@noble/hashes/utils.js';

/*
 * The encoding rules every Ed25519 verification path applies before any curve arithmetic, so that
 * the pure-JS and the OpenSSL paths start from exactly the same set of candidate inputs:
 *  - A (public key) and R (first half of the signature) must encode y canonically (y < p);
 *  - neither may be one of the 8 small-order points, in any encoding;
 *  - S (second half) must be below the group order L.
 * Plain byte comparisons, no bigint: this runs before every signature check on the hot path.
 */

export const PUBLIC_KEY_LENGTH = 32;
export const SIGNATURE_LENGTH = 64;

/** Group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const ORDER_LE = hexToBytes('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/**
 * The y-coordinates (sign bit cleared) of the 8 points of order dividing 8. Each y here belongs only
 * to small-order points (y=1: identity; y=p-1: order 2; y=0: the two of order 4; the last two: the
 * four of order 8), so rejecting these y values rejects every encoding of those points, whatever
 * the sign bit. Non-canonical encodings (y+p) are already caught by the canonical-y check.
 */
const SMALL_ORDER_Y: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
].map(hexToBytes);

/** y (the 255 low bits) < p = 2^255 - 19. Only y in [p, 2^255) is non-canonical: all 0xff bytes with a low first byte ≥ 0xed. */
function hasCanonicalY(point: Uint8Array, offset: number): boolean {
  if ((point[offset + 31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (point[offset + i] !== 0xff) return true;
  return point[offset]! < 0xed;
}

function equalsY(point: Uint8Array, offset: number, y: Uint8Array): boolean {
  if ((point[offset + 31]! & 0x7f) !== y[31]) return false;
  for (let i = 0; i < 31; i++) if (point[offset + i] !== y[i]) return false;
  return true;
}

/** A 32-byte point encoding that is canonical and not of small order (the test applied to A and R). */
function isStrictPointAt(bytes: Uint8Array, offset: number): boolean {
  return hasCanonicalY(bytes, offset) && !SMALL_ORDER_Y.some((y) => equalsY(bytes, offset, y));
}

/** Little-endian 32-byte scalar strictly below L. */
function isReducedScalarAt(bytes: Uint8Array, offset: number): boolean {
  for (let i = 31; i >= 0; i--) {
    const b = bytes[offset + i]!;
    const l = ORDER_LE[i]!;
    if (b !== l) return b < l;
  }
  return false; // equal to L
}

export function isStrictPoint(encoding: Uint8Array): boolean {
  return encoding instanceof Uint8Array && encoding.length === 32 && isStrictPointAt(encoding, 0);
}

export function isReducedScalar(encoding: Uint8Array): boolean {
  return encoding instanceof Uint8Array && encoding.length === 32 && isReducedScalarAt(encoding, 0);
}

/** True when the signature and key pass every encoding rule; the curve equation is checked afterwards. Never throws. */
export function strictPrecheck(signature: Uint8Array, publicKey: Uint8Array): boolean {
  return (
    signature instanceof Uint8Array &&
    publicKey instanceof Uint8Array &&
    signature.length === SIGNATURE_LENGTH &&
    publicKey.length === PUBLIC_KEY_LENGTH &&
    isStrictPointAt(publicKey, 0) &&
    isStrictPointAt(signature, 0) &&
    isReducedScalarAt(signature, 32)
  );
}
