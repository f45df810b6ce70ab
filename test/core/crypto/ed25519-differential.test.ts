// The consensus-critical property: the OpenSSL path and the pure-JS path give the same answer on
// every input. Inputs are honest signatures, bit-flipped ones, spliced-in edge-case encodings,
// hand-made torsion signatures and plain random bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { nobleVerifier, publicKeyFromSecret, sign } from '../../../shared/core/crypto/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import {
  L,
  NON_CANONICAL_ENCODINGS,
  SMALL_ORDER_ENCODINGS,
  TORSION_POINTS,
  fromLE,
  signWithTorsionKey,
  signWithTorsionR,
  toLE,
} from './ed25519-fixtures.ts';

interface Case {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

const SECRET_KEYS = [1, 2, 3, 4].map((n) => new Uint8Array(32).fill(n));

/** Honest signatures to mutate: each key over a few messages, plus torsion-crafted ones (both outcomes). */
const POOL: Case[] = SECRET_KEYS.flatMap((secretKey, i) => {
  const messages = [
    new Uint8Array(0),
    Uint8Array.of(i),
    new Uint8Array(32).fill(0xa0 + i),
    new Uint8Array(200).fill(i),
  ];
  const publicKey = publicKeyFromSecret(secretKey);
  const honest = messages.map((message) => ({ signature: sign(secretKey, message), message, publicKey }));
  const t = TORSION_POINTS[1 + i]!;
  const crafted = [5n, 6n, 7n].flatMap((nonce) => [
    { ...signWithTorsionR(secretKey, messages[2]!, t, nonce), message: messages[2]! },
    { ...signWithTorsionKey(secretKey, messages[2]!, t, nonce), message: messages[2]! },
  ]);
  return [...honest, ...crafted];
});

/** Encodings the pre-check must refuse: cheap, so every one is tried against every pool entry. */
const BAD_POINTS: Uint8Array[] = [...SMALL_ORDER_ENCODINGS, ...NON_CANONICAL_ENCODINGS, new Uint8Array(32).fill(0xff)];
/** Plus valid points of other keys (including torsion-carrying ones), which reach the curve equation. */
const EDGE_POINTS: Uint8Array[] = [...BAD_POINTS, ...POOL.map((c) => c.publicKey)];

function edgeScalars(s: bigint): bigint[] {
  return [0n, 1n, L - 1n, L, L + 1n, s + L, s + 2n * L, s + 15n * L, 2n ** 255n - 1n, 2n ** 256n - 1n, 2n ** 253n];
}

/** Same answer from both paths; never a throw. */
function agree(c: Case): boolean {
  const a = nobleVerifier.verify(c.signature, c.message, c.publicKey);
  const b = opensslVerifier.verify(c.signature, c.message, c.publicKey);
  // Our rule is a subset of noble's own strict (cofactored) verify: nothing we accept does it reject.
  if (a) expect(ed25519.verify(c.signature, c.message, c.publicKey, { zip215: false })).toBe(true);
  return a === b;
}

function flipBits(bytes: Uint8Array, positions: number[]): Uint8Array {
  const out = bytes.slice();
  for (const p of positions) if (out.length > 0) out[(p >> 3) % out.length]! ^= 1 << (p & 7);
  return out;
}

const poolCase = fc.constantFrom(...POOL);

const bitFlipped = fc
  .tuple(
    poolCase,
    fc.constantFrom('signature', 'message', 'publicKey'),
    fc.array(fc.nat(4095), { minLength: 1, maxLength: 3 }),
  )
  .map(([c, field, bits]): Case => ({ ...c, [field]: flipBits(c[field as keyof Case], bits) }));

const spliced = fc.oneof(
  fc
    .tuple(poolCase, fc.constantFrom(...EDGE_POINTS))
    .map(([c, r]): Case => ({ ...c, signature: Uint8Array.from([...r, ...c.signature.subarray(32)]) })),
  fc.tuple(poolCase, fc.constantFrom(...EDGE_POINTS)).map(([c, a]): Case => ({ ...c, publicKey: a })),
  fc.tuple(poolCase, fc.nat(10)).map(([c, i]): Case => {
    const s = edgeScalars(fromLE(c.signature.subarray(32)))[i]!;
    return { ...c, signature: Uint8Array.from([...c.signature.subarray(0, 32), ...toLE(s % 2n ** 256n)]) };
  }),
  fc.tuple(poolCase, poolCase).map(([c, d]): Case => ({ ...c, publicKey: d.publicKey })),
);

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

/** Random R, key and message; S is random or reduced below L so that half the cases reach the curve equation. */
const randomBytesCase = fc
  .record({
    r: bytes(32),
    s: bytes(32),
    reduce: fc.boolean(),
    message: fc.uint8Array({ maxLength: 64 }),
    publicKey: fc.oneof(bytes(32), fc.constantFrom(...EDGE_POINTS)),
  })
  .map(({ r, s, reduce, message, publicKey }): Case => ({
    signature: Uint8Array.from([...r, ...(reduce ? toLE(fromLE(s) % L) : s)]),
    message,
    publicKey,
  }));

const wrongLengths = fc.record({
  signature: fc.uint8Array({ maxLength: 70 }),
  message: fc.uint8Array({ maxLength: 8 }),
  publicKey: fc.uint8Array({ maxLength: 40 }),
});

describe('OpenSSL and noble verifiers agree on every input', () => {
  it('accept fresh honest signatures (random keys and messages)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 100 }),
        (secretKey, message) => {
          const signature = sign(secretKey, message);
          const publicKey = publicKeyFromSecret(secretKey);
          return (
            nobleVerifier.verify(signature, message, publicKey) && opensslVerifier.verify(signature, message, publicKey)
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the pool, and every bad encoding spliced in as A and as R, exhaustively', () => {
    let accepted = 0;
    for (const c of POOL) {
      expect(agree(c)).toBe(true);
      if (nobleVerifier.verify(c.signature, c.message, c.publicKey)) accepted++;
      for (const e of BAD_POINTS) {
        expect(agree({ ...c, publicKey: e })).toBe(true);
        expect(agree({ ...c, signature: Uint8Array.from([...e, ...c.signature.subarray(32)]) })).toBe(true);
      }
    }
    // 16 honest + the torsion-key signatures whose challenge killed T: the pool holds accepts and rejects.
    expect(accepted).toBeGreaterThanOrEqual(16);
    expect(accepted).toBeLessThan(POOL.length);
  });

  it('degenerate signatures (R, S = 0 or 1) under degenerate keys, every pair', () => {
    // e.g. R = identity, S = 0 under the identity key holds for any message in the plain equation.
    const message = Uint8Array.of(1, 2, 3);
    for (const r of BAD_POINTS) {
      for (const a of BAD_POINTS) {
        for (const s of [0n, 1n])
          expect(agree({ signature: Uint8Array.from([...r, ...toLE(s)]), message, publicKey: a })).toBe(true);
      }
    }
  });

  it('bit-flipped signatures, messages and keys', () => {
    fc.assert(fc.property(bitFlipped, agree), { numRuns: 700 });
  });

  it('spliced edge-case encodings and scalars', () => {
    fc.assert(fc.property(spliced, agree), { numRuns: 400 });
  });

  it('random bytes', () => {
    fc.assert(fc.property(randomBytesCase, agree), { numRuns: 400 });
  });

  it('random lengths: both reject anything but 64/32-byte inputs', () => {
    fc.assert(
      fc.property(wrongLengths, (c) => {
        fc.pre(c.signature.length !== 64 || c.publicKey.length !== 32);
        return (
          !nobleVerifier.verify(c.signature, c.message, c.publicKey) &&
          !opensslVerifier.verify(c.signature, c.message, c.publicKey)
        );
      }),
      { numRuns: 300 },
    );
  });
});
