import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  publicKeyFromSecret,
  sign,
  signDomain,
  SigningDomain,
  signingDigest,
  verifyDomain,
  type SignatureVerifier,
} from '../../../shared/core/crypto/index.ts';
import { transactionCodec } from '../../../shared/core/types/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import {
  CachingVerifier,
  NodeVerification,
  transactionItems,
  type BatchVerifier,
  type VerifyItem,
  type VerifyPool,
} from '../../../chain/verify/index.ts';

const keys = [1, 2, 3, 4, 5, 6].map((n) => new Uint8Array(32).fill(n));
const signed = keys.map((secretKey, i) => {
  const message = new Uint8Array(32).fill(0x40 + i);
  return { signature: sign(secretKey, message), message, publicKey: publicKeyFromSecret(secretKey) };
});

/** OpenSSL underneath, with a count of the calls that reached it. */
function counting(inner: SignatureVerifier = opensslVerifier) {
  const calls: VerifyItem[] = [];
  const verifier: SignatureVerifier = {
    verify(signature, message, publicKey) {
      calls.push({ signature, message, publicKey });
      return inner.verify(signature, message, publicKey);
    },
  };
  return { verifier, calls };
}

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[(bit >> 3) % out.length]! ^= 1 << (bit & 7);
  return out;
}

describe('CachingVerifier', () => {
  it('verifies a triple once, then answers it from the cache', () => {
    const { verifier, calls } = counting();
    const cache = new CachingVerifier(verifier, 16);
    const s = signed[0]!;
    expect(cache.verify(s.signature, s.message, s.publicKey)).toBe(true);
    expect(cache.verify(s.signature, s.message.slice(), s.publicKey.slice())).toBe(true);
    expect(calls).toHaveLength(1);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it('never stores a false: a failing triple is verified again, and stays false', () => {
    const { verifier, calls } = counting();
    const cache = new CachingVerifier(verifier, 16);
    const s = signed[0]!;
    const other = signed[1]!;
    for (let i = 0; i < 3; i++) expect(cache.verify(s.signature, other.message, s.publicKey)).toBe(false);
    expect(calls).toHaveLength(3);
    expect(cache.size).toBe(0);
  });

  it('a cached triple does not vouch for the same signature with another message, key, or a flipped bit', () => {
    const cache = new CachingVerifier(opensslVerifier, 64);
    for (const s of signed) expect(cache.verify(s.signature, s.message, s.publicKey)).toBe(true);
    const [a, b] = [signed[0]!, signed[1]!];
    expect(cache.verify(a.signature, b.message, a.publicKey)).toBe(false);
    expect(cache.verify(a.signature, a.message, b.publicKey)).toBe(false);
    expect(cache.verify(b.signature, a.message, a.publicKey)).toBe(false);
    for (const bit of [0, 7, 255, 300, 511])
      expect(cache.verify(flip(a.signature, bit), a.message, a.publicKey)).toBe(false);
    for (const bit of [0, 100, 255]) {
      expect(cache.verify(a.signature, flip(a.message, bit), a.publicKey)).toBe(false);
      expect(cache.verify(a.signature, a.message, flip(a.publicKey, bit))).toBe(false);
    }
    // Messages that share the digest's length but not its content, and longer messages with the same prefix.
    expect(cache.verify(a.signature, Uint8Array.from([...a.message, 0]), a.publicKey)).toBe(false);
    expect(cache.verify(a.signature, a.message.subarray(0, 31), a.publicKey)).toBe(false);
  });

  it('keys by content: an array changed in place after a hit is looked up afresh', () => {
    const { verifier, calls } = counting();
    const cache = new CachingVerifier(verifier, 16);
    const s = signed[2]!;
    const message = s.message.slice();
    expect(cache.verify(s.signature, message, s.publicKey)).toBe(true);
    message[0]! ^= 1;
    expect(cache.verify(s.signature, message, s.publicKey)).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('answers the inner verifier on every input, whatever it holds (property)', () => {
    const cache = new CachingVerifier(opensslVerifier, 8);
    const base = fc.constantFrom(...signed);
    const mutated = fc
      .tuple(base, base, fc.constantFrom('none', 'signature', 'message', 'publicKey', 'swap'), fc.nat(511))
      .map(([s, t, field, bit]): VerifyItem => {
        if (field === 'none') return s;
        if (field === 'swap') return { ...s, message: t.message };
        return { ...s, [field]: flip(s[field], bit) };
      });
    fc.assert(
      fc.property(mutated, (c) => {
        expect(cache.verify(c.signature, c.message, c.publicKey)).toBe(
          opensslVerifier.verify(c.signature, c.message, c.publicKey),
        );
        expect(cache.size).toBeLessThanOrEqual(8);
      }),
      { numRuns: 400 },
    );
  });

  it('rejects malformed input without caching it', () => {
    const { verifier, calls } = counting();
    const cache = new CachingVerifier(verifier, 16);
    const s = signed[0]!;
    const bad: [unknown, unknown, unknown][] = [
      [s.signature.subarray(0, 63), s.message, s.publicKey],
      [Uint8Array.from([...s.signature, 0]), s.message, s.publicKey],
      [s.signature, s.message, s.publicKey.subarray(0, 31)],
      [s.signature, 'not bytes', s.publicKey],
      [null, s.message, s.publicKey],
      [[...s.signature], s.message, s.publicKey],
    ];
    for (const [signature, message, publicKey] of bad) {
      expect(cache.verify(signature as Uint8Array, message as Uint8Array, publicKey as Uint8Array)).toBe(false);
    }
    expect(calls).toHaveLength(bad.length);
    expect(cache.size).toBe(0);
  });

  it('stays within its bound, evicting the least recently used entry', () => {
    const { verifier, calls } = counting();
    const cache = new CachingVerifier(verifier, 2);
    const [a, b, c] = [signed[0]!, signed[1]!, signed[2]!];
    const check = (s: VerifyItem) => expect(cache.verify(s.signature, s.message, s.publicKey)).toBe(true);
    check(a);
    check(b);
    check(a); // hit: a is now the most recent
    check(c); // evicts b
    expect(cache.size).toBe(2);
    expect(calls).toHaveLength(3);
    check(a);
    expect(calls).toHaveLength(3);
    check(b);
    expect(calls).toHaveLength(4);
    expect(() => new CachingVerifier(opensslVerifier, 0)).toThrow(RangeError);
  });

  it('preverify remembers only the items the batch verifier confirmed, and sends each unknown item once', async () => {
    const sent: VerifyItem[][] = [];
    const batch: BatchVerifier = {
      async verifyBatch(items) {
        sent.push([...items]);
        return items.map((i) => opensslVerifier.verify(i.signature, i.message, i.publicKey));
      },
    };
    const { verifier, calls } = counting();
    const cache = new CachingVerifier(verifier, 64);
    const [a, b, c] = [signed[0]!, signed[1]!, signed[2]!];
    const forged = { ...a, message: b.message };
    cache.verify(c.signature, c.message, c.publicKey); // already known: not sent
    const failed = await cache.preverify([a, b, a, forged, c, { ...b, signature: b.signature.subarray(1) }], batch);
    expect(failed).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(3); // a, b, forged
    calls.length = 0;
    expect(cache.verify(a.signature, a.message, a.publicKey)).toBe(true);
    expect(cache.verify(b.signature, b.message, b.publicKey)).toBe(true);
    expect(calls).toHaveLength(0);
    expect(cache.verify(forged.signature, forged.message, forged.publicKey)).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('concurrent preverify calls share one check of the same item, and a failing batch verifier only costs entries', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let batches = 0;
    const slow: BatchVerifier = {
      async verifyBatch(items) {
        batches++;
        await gate;
        return items.map(() => true);
      },
    };
    const cache = new CachingVerifier(opensslVerifier, 64);
    const a = signed[3]!;
    const first = cache.preverify([a], slow);
    const second = cache.preverify([a], slow);
    release();
    await Promise.all([first, second]);
    expect(batches).toBe(1);
    expect(cache.has(a.signature, a.message, a.publicKey)).toBe(true);

    const broken: BatchVerifier = { verifyBatch: () => Promise.reject(new Error('down')) };
    const b = signed[4]!;
    await expect(cache.preverify([b], broken)).resolves.toBe(0);
    expect(cache.has(b.signature, b.message, b.publicKey)).toBe(false);
    expect(cache.verify(b.signature, b.message, b.publicKey)).toBe(true);
  });
});

describe('transactionItems', () => {
  it('gives the digest signDomain signs, so preverified transactions are hits for the state transition', () => {
    const secretKey = new Uint8Array(32).fill(8);
    const tx = {
      senderPublicKey: publicKeyFromSecret(secretKey),
      nonce: 3n,
      fee: 1000n,
      expiryHeight: 10n,
      payload: { type: 'transfer' as const, to: new Uint8Array(20).fill(1), amount: 5n, memo: 'hi' },
    };
    const bytes = transactionCodec.encode(tx);
    const signature = signDomain(SigningDomain.TRANSACTION, 'consortia-test', bytes, secretKey);
    const [item] = transactionItems('consortia-test', [{ tx, signature }]);
    expect(item!.message).toEqual(signingDigest(SigningDomain.TRANSACTION, 'consortia-test', bytes));
    expect(transactionItems('not a valid id', [{ tx, signature }])).toEqual([]);
    const cache = new CachingVerifier(opensslVerifier);
    expect(cache.verify(item!.signature, item!.message, item!.publicKey)).toBe(true);
    expect(verifyDomain(SigningDomain.TRANSACTION, 'consortia-test', bytes, signature, tx.senderPublicKey, cache)).toBe(
      true,
    );
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
  });
});

describe('NodeVerification', () => {
  const secretKey = new Uint8Array(32).fill(6);
  const tx = {
    senderPublicKey: publicKeyFromSecret(secretKey),
    nonce: 0n,
    fee: 1000n,
    expiryHeight: 10n,
    payload: { type: 'transfer' as const, to: new Uint8Array(20), amount: 1n, memo: '' },
  };
  const signed = {
    tx,
    signature: signDomain(SigningDomain.TRANSACTION, 'consortia-test', transactionCodec.encode(tx), secretKey),
  };

  function fakePool(backlog: number) {
    const sent: VerifyItem[][] = [];
    const pool = {
      ready: true,
      usesWorkers: true,
      size: 1,
      backlog,
      verifyBatch: async (items: readonly VerifyItem[]) => (
        sent.push([...items]),
        items.map((i) => opensslVerifier.verify(i.signature, i.message, i.publicKey))
      ),
      close: async () => undefined,
    };
    return { pool: pool as unknown as VerifyPool, sent };
  }

  it('sends gossip to the pool only while its backlog is short; blocks always', async () => {
    const idle = fakePool(0);
    const a = new NodeVerification({ pool: idle.pool, maxGossipBacklog: 100 });
    await a.preverifyTransactions('consortia-test', [signed], 'gossip');
    expect(idle.sent).toHaveLength(1);
    expect(a.verifier.size).toBe(1);

    const busy = fakePool(100);
    const b = new NodeVerification({ pool: busy.pool, maxGossipBacklog: 100 });
    await b.preverifyTransactions('consortia-test', [signed], 'gossip');
    expect(busy.sent).toHaveLength(0); // verified on the calling thread by the rules instead
    await b.preverifyTransactions('consortia-test', [signed], 'block');
    expect(busy.sent).toHaveLength(1);
  });

  it('does nothing without a pool or once closed', async () => {
    const none = new NodeVerification({ pool: null });
    await none.preverifyTransactions('consortia-test', [signed]);
    expect(none.verifier.size).toBe(0);
    const idle = fakePool(0);
    const closed = new NodeVerification({ pool: idle.pool });
    await closed.close();
    await closed.preverifyTransactions('consortia-test', [signed]);
    expect(idle.sent).toHaveLength(0);
  });
});
