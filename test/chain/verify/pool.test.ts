import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { publicKeyFromSecret, sign } from '../../../shared/core/crypto/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import { CachingVerifier, defaultPoolSize, VerifyPool, type VerifyItem } from '../../../chain/verify/index.ts';
import {
  L,
  NON_CANONICAL_ENCODINGS,
  RFC8032_VECTORS,
  SMALL_ORDER_ENCODINGS,
  TORSION_POINTS,
  signWithTorsionKey,
  signWithTorsionR,
  toLE,
} from '../../core/crypto/ed25519-fixtures.ts';

const secretKeys = [1, 2, 3, 4].map((n) => new Uint8Array(32).fill(n));

/** Honest signatures, torsion-crafted ones (some pass, some fail), and the RFC 8032 vectors. */
const honest: VerifyItem[] = [
  ...secretKeys.flatMap((secretKey, i) =>
    [new Uint8Array(0), new Uint8Array(32).fill(i), new Uint8Array(300).fill(0xa0 + i)].map((message) => ({
      signature: sign(secretKey, message),
      message,
      publicKey: publicKeyFromSecret(secretKey),
    })),
  ),
  ...secretKeys.flatMap((secretKey, i) => {
    const message = new Uint8Array(32).fill(0x50 + i);
    return [5n, 6n].flatMap((nonce) => [
      { ...signWithTorsionR(secretKey, message, TORSION_POINTS[1 + i]!, nonce), message },
      { ...signWithTorsionKey(secretKey, message, TORSION_POINTS[1 + i]!, nonce), message },
    ]);
  }),
  ...RFC8032_VECTORS.map((v) => ({ signature: v.signature, message: v.message, publicKey: v.publicKey })),
];

/** Every way to be wrong the verifiers know of: bad encodings spliced in as A and R, S ≥ L, swaps, wrong lengths. */
const invalid: VerifyItem[] = [
  ...[...SMALL_ORDER_ENCODINGS, ...NON_CANONICAL_ENCODINGS].flatMap((bad) => {
    const c = honest[0]!;
    return [
      { ...c, publicKey: bad },
      { ...c, signature: Uint8Array.from([...bad, ...c.signature.subarray(32)]) },
    ];
  }),
  ...honest
    .slice(0, 6)
    .map((c) => ({ ...c, signature: Uint8Array.from([...c.signature.subarray(0, 32), ...toLE(L)]) })),
  ...honest.slice(0, 6).map((c, i) => ({ ...c, message: honest[(i + 1) % 6]!.message })),
  ...honest.slice(0, 6).map((c, i) => ({ ...c, publicKey: honest[(i + 3) % 12]!.publicKey })),
  { ...honest[0]!, signature: honest[0]!.signature.subarray(0, 63) },
  { ...honest[0]!, publicKey: Uint8Array.from([...honest[0]!.publicKey, 0]) },
  { ...honest[0]!, message: 'text' as unknown as Uint8Array },
];

const expected = (items: readonly VerifyItem[]) =>
  items.map((c) => opensslVerifier.verify(c.signature, c.message, c.publicKey));

describe('VerifyPool', () => {
  const pool = new VerifyPool({ size: 2, minBatch: 8 });
  afterAll(() => pool.close());

  it('runs its checks in worker threads', async () => {
    expect(await pool.warmUp()).toBe(true);
    expect(pool.ready).toBe(true);
    expect(pool.stats.workers).toBe(2);
    expect(defaultPoolSize()).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('agrees with opensslVerifier on valid and invalid inputs, in one large batch', async () => {
    const items = [...honest, ...invalid, ...honest];
    const answers = expected(items);
    expect(answers.filter(Boolean).length).toBeGreaterThan(honest.length); // both outcomes are exercised
    expect(answers.some((a) => !a)).toBe(true);
    const before = pool.stats;
    expect(await pool.verifyBatch(items)).toEqual(answers);
    expect(pool.stats.inline).toBe(before.inline);
    expect(pool.stats.batches).toBeGreaterThanOrEqual(before.batches + 2); // split over both workers
  });

  it('agrees on single checks coalesced into shared batches', async () => {
    const items = [...honest, ...invalid];
    expect(await Promise.all(items.map((c) => pool.verify(c.signature, c.message, c.publicKey)))).toEqual(
      expected(items),
    );
  });

  it('agrees on bit-flipped and random inputs (property)', async () => {
    const base = fc.constantFrom(...honest);
    const flipped = fc
      .tuple(base, fc.constantFrom('signature', 'message', 'publicKey'), fc.nat(4095))
      .map(([c, field, bit]): VerifyItem => {
        const bytes = (c[field as keyof VerifyItem] as Uint8Array).slice();
        if (bytes.length > 0) bytes[(bit >> 3) % bytes.length]! ^= 1 << (bit & 7);
        return { ...c, [field]: bytes };
      });
    const random = fc.record({
      signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      message: fc.uint8Array({ maxLength: 40 }),
      publicKey: fc.oneof(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        base.map((c) => c.publicKey),
      ),
    });
    const items = fc.sample(fc.oneof(flipped, random, base), 600);
    expect(await pool.verifyBatch(items)).toEqual(expected(items));
  });

  it('verifies the bytes as they were at call time', async () => {
    const c = honest[0]!;
    const message = c.message.slice();
    const answer = pool.verify(c.signature, message, c.publicKey);
    message.fill(0xff);
    expect(await answer).toBe(opensslVerifier.verify(c.signature, c.message, c.publicKey));
  });

  it('fills a CachingVerifier so that it never verifies those signatures itself', async () => {
    let innerCalls = 0;
    const cache = new CachingVerifier({ verify: (s, m, k) => (innerCalls++, opensslVerifier.verify(s, m, k)) });
    const items = [...honest, ...invalid];
    await cache.preverify(items, pool);
    const answers = items.map((c) => cache.verify(c.signature, c.message, c.publicKey));
    expect(answers).toEqual(expected(items));
    // Only the items that did not verify in the pool reach the inner verifier (to be rejected there).
    expect(innerCalls).toBe(answers.filter((a) => !a).length);
  });
});

describe('VerifyPool shutdown', () => {
  it('terminates its workers on close and then answers inline, still correctly', async () => {
    const pool = new VerifyPool({ size: 1 });
    expect(await pool.warmUp()).toBe(true);
    const pending = pool.verifyBatch([...honest, ...invalid]);
    await pool.close();
    expect(await pending).toEqual(expected([...honest, ...invalid]));
    expect(pool.stats.workers).toBe(0);
    expect(pool.usesWorkers).toBe(false);
    expect(await pool.verifyBatch(honest)).toEqual(expected(honest));
    await pool.close(); // idempotent
  });

  it('does not keep a process alive, whether closed or left idle', async () => {
    const script = fileURLToPath(new URL('./pool-exit.fixture.ts', import.meta.url));
    const run = (mode: string) =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', script, mode],
          { cwd: fileURLToPath(new URL('../../..', import.meta.url)) },
          (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
        );
      });
    expect(await run('close')).toBe('ok true');
    expect(await run('idle')).toBe('ok true');
  }, 120_000); // two child processes that load TypeScript: slow on a busy machine
});
