import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  isReducedScalar,
  isStrictPoint,
  publicKeyFromSecret,
  sign,
  strictPrecheck,
  type SignatureVerifier,
} from '../../../shared/core/crypto/index.ts';
import {
  L,
  NON_CANONICAL_ENCODINGS,
  P,
  Point,
  RFC8032_VECTORS,
  SMALL_ORDER_ENCODINGS,
  TORSION_POINTS,
  VERIFIERS,
  bytesToHex,
  fromLE,
  signWithTorsionKey,
  signWithTorsionR,
  toLE,
} from './ed25519-fixtures.ts';

const secretKey = new Uint8Array(32).fill(0x42);
const publicKey = publicKeyFromSecret(secretKey);
const message = new TextEncoder().encode('pay 10 to bob');
const signature = sign(secretKey, message);

const withR = (sig: Uint8Array, r: Uint8Array) => Uint8Array.from([...r, ...sig.subarray(32)]);
const withS = (sig: Uint8Array, s: bigint) => Uint8Array.from([...sig.subarray(0, 32), ...toLE(s)]);
const identity = Point.ZERO.toBytes();

describe('the strict pre-check (pure)', () => {
  it('lists exactly the 8 small-order points, in all their encodings', () => {
    const decoded = new Set<string>();
    for (const e of SMALL_ORDER_ENCODINGS) {
      let point;
      try {
        point = Point.fromBytes(e, true); // ZIP-215 decoding: the most permissive reading
      } catch {
        continue; // "negative zero" encodings of x = 0 points: no decoder yields a point, still rejected below
      }
      expect(point.isSmallOrder()).toBe(true);
      decoded.add(bytesToHex(point.toBytes()));
    }
    expect(decoded).toEqual(new Set(TORSION_POINTS.map((t) => bytesToHex(t.toBytes()))));
    expect(decoded.size).toBe(8);
  });

  it('rejects every small-order and every non-canonical encoding, accepts honest keys and R values', () => {
    for (const e of [...SMALL_ORDER_ENCODINGS, ...NON_CANONICAL_ENCODINGS]) expect(isStrictPoint(e)).toBe(false);
    for (const v of RFC8032_VECTORS) {
      expect(isStrictPoint(v.publicKey)).toBe(true);
      expect(isStrictPoint(v.signature.subarray(0, 32))).toBe(true);
    }
    // The largest canonical y (p − 1 is small-order, so p − 2) is still canonical.
    expect(isStrictPoint(toLE(P - 2n))).toBe(true);
  });

  it('accepts S up to L − 1 and rejects S = L and above', () => {
    expect(isReducedScalar(toLE(0n))).toBe(true);
    expect(isReducedScalar(toLE(L - 1n))).toBe(true);
    for (const s of [L, L + 1n, 2n * L, 2n ** 253n, 2n ** 256n - 1n]) expect(isReducedScalar(toLE(s))).toBe(false);
  });

  it('passes a valid signature and never throws on junk', () => {
    expect(strictPrecheck(signature, publicKey)).toBe(true);
    const junk: unknown[] = [undefined, null, 'abc', 42, {}, [], new Uint8Array(0), new Uint16Array(32)];
    for (const x of junk) {
      expect(strictPrecheck(x as Uint8Array, publicKey)).toBe(false);
      expect(strictPrecheck(signature, x as Uint8Array)).toBe(false);
    }
  });
});

function rejects(verifier: SignatureVerifier, sig: Uint8Array, msg: Uint8Array, key: Uint8Array): void {
  expect(verifier.verify(sig, msg, key), `sig ${bytesToHex(sig)} key ${bytesToHex(key)}`).toBe(false);
}

describe.each(VERIFIERS)('%s verifier rejects', (_name, verifier) => {
  it('(baseline) the honest signature is accepted', () => {
    expect(verifier.verify(signature, message, publicKey)).toBe(true);
  });

  it('a forged signature, a wrong message, a wrong key', () => {
    rejects(verifier, new Uint8Array(64).fill(7), message, publicKey);
    rejects(verifier, sign(new Uint8Array(32).fill(1), message), message, publicKey);
    rejects(verifier, signature, new TextEncoder().encode('pay 99 to bob'), publicKey);
    rejects(verifier, signature, message, publicKeyFromSecret(new Uint8Array(32).fill(0x43)));
  });

  it('S + L (the classic malleability mutation) and S = L', () => {
    const s = fromLE(signature.subarray(32));
    rejects(verifier, withS(signature, s + L), message, publicKey);
    rejects(verifier, withS(signature, L), message, publicKey);
    // A permissive reading of S mod L would accept the mutation: same value of S.
    expect(withS(signature, (s + L) % L)).toEqual(signature);
  });

  it('non-canonical encodings of R and of A', () => {
    for (const e of NON_CANONICAL_ENCODINGS) {
      rejects(verifier, withR(signature, e), message, publicKey);
      rejects(verifier, signature, message, e);
    }
    // The identity encoded with y = p + 1, signature (R = identity, S = 0): a ZIP-215 verifier accepts it.
    const ncIdentity = toLE(P + 1n);
    const trivial = Uint8Array.from([...identity, ...toLE(0n)]);
    expect(ed25519.verify(trivial, message, ncIdentity, { zip215: true })).toBe(true);
    rejects(verifier, trivial, message, ncIdentity);
  });

  it('every small-order point, in every encoding, as A and as R', () => {
    for (const e of SMALL_ORDER_ENCODINGS) {
      rejects(verifier, withR(signature, e), message, publicKey);
      rejects(verifier, signature, message, e);
      // (R, S) = (e, 0) under key e "verifies" for any message in the cofactored ZIP-215 reading.
      rejects(verifier, Uint8Array.from([...e, ...toLE(0n)]), message, e);
    }
    for (const t of TORSION_POINTS) {
      const zero = Uint8Array.from([...t.toBytes(), ...toLE(0n)]);
      expect(ed25519.verify(zero, message, t.toBytes(), { zip215: true })).toBe(true); // what we are protecting against
    }
  });

  it('wrong lengths, and non-byte inputs, without throwing', () => {
    for (const n of [0, 31, 63, 65, 128]) rejects(verifier, new Uint8Array(n), message, publicKey);
    for (const n of [0, 31, 33, 64]) rejects(verifier, signature, message, signature.slice(0, n));
    const junk: unknown[] = [undefined, null, 'x', 5, {}, [1, 2, 3]];
    for (const x of junk) {
      expect(verifier.verify(x as Uint8Array, message, publicKey)).toBe(false);
      expect(verifier.verify(signature, x as Uint8Array, publicKey)).toBe(false);
      expect(verifier.verify(signature, message, x as Uint8Array)).toBe(false);
    }
  });

  it('a public key that is not on the curve', () => {
    const offCurve = toLE(2n); // y = 2 has no x on the curve
    expect(() => Point.fromBytes(offCurve)).toThrow();
    rejects(verifier, signature, message, offCurve);
  });
});

describe('mixed-order points (large-order point plus torsion): the cofactor trap', () => {
  const torsion = TORSION_POINTS.filter((t) => !t.is0());

  it.each(VERIFIERS)(
    '%s rejects an R with a torsion component, which noble’s cofactored verify accepts',
    (_n, verifier) => {
      for (const [i, t] of torsion.entries()) {
        const crafted = signWithTorsionR(secretKey, message, t, 1000n + BigInt(i));
        expect(ed25519.verify(crafted.signature, message, crafted.publicKey, { zip215: false })).toBe(true);
        rejects(verifier, crafted.signature, message, crafted.publicKey);
      }
    },
  );

  it.each(VERIFIERS)('%s accepts a key with a torsion component exactly when [k]T is the identity', (_n, verifier) => {
    const outcomes = new Set<boolean>();
    for (let nonce = 1n; nonce <= 24n; nonce++) {
      const t = torsion[Number(nonce) % torsion.length]!;
      const crafted = signWithTorsionKey(secretKey, message, t, nonce);
      expect(strictPrecheck(crafted.signature, crafted.publicKey)).toBe(true); // not small-order, so the pre-check passes
      expect(verifier.verify(crafted.signature, message, crafted.publicKey)).toBe(crafted.cofactorlessValid);
      outcomes.add(crafted.cofactorlessValid);
    }
    expect(outcomes).toEqual(new Set([true, false])); // both branches were exercised
  });
});
