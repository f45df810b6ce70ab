import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Mempool, type PoolEntry } from '../../chain/mempool/mempool.ts';

let counter = 0;
function entry(sender: string, nonce: bigint, fee: bigint, expiryHeight = 100n): PoolEntry {
  const idHex = `${sender}-${nonce}-${fee}-${counter++}`;
  return { tx: {} as never, id: new Uint8Array(32), idHex, sender, nonce, fee, expiryHeight, size: 200 };
}
const ctx = (accountNonce = 0n, height = 1n) => ({ accountNonce, height });

describe('mempool', () => {
  it('admits once, and explains every refusal', () => {
    const pool = new Mempool();
    const a = entry('alice', 0n, 10n);
    expect(pool.admit(a, ctx())).toEqual({ ok: true });
    expect(pool.admit(a, ctx())).toEqual({
      ok: false,
      code: 'DUPLICATE',
      reason: 'This transaction is already in the pool.',
    });
    expect(pool.admit(entry('bob', 0n, 10n, 5n), ctx(0n, 6n))).toMatchObject({
      ok: false,
      code: 'EXPIRED',
      reason: expect.stringMatching(/expired at height 5/),
    });
    expect(pool.admit(entry('carol', 2n, 10n), ctx(3n))).toMatchObject({
      ok: false,
      code: 'NONCE_USED',
      reason: expect.stringMatching(/Nonce 2 is already used; the account's next nonce is 3/),
    });
    expect(pool.admit(entry('dave', 1000n, 10n), ctx(0n))).toMatchObject({
      ok: false,
      code: 'NONCE_GAP',
      reason: expect.stringMatching(/too far ahead/),
    });
    expect(pool.size).toBe(1);
  });

  it('replaces a pending nonce only for a fee bump', () => {
    const pool = new Mempool();
    pool.admit(entry('alice', 0n, 100n), ctx());
    expect(pool.admit(entry('alice', 0n, 105n), ctx())).toMatchObject({
      ok: false,
      code: 'REPLACEMENT_FEE_TOO_LOW',
      reason: expect.stringMatching(/at least 110/),
    });
    const bump = entry('alice', 0n, 110n);
    expect(pool.admit(bump, ctx())).toMatchObject({ ok: true, replaced: expect.any(String) });
    expect(pool.size).toBe(1);
    expect(pool.entries()[0]!.idHex).toBe(bump.idHex);
  });

  it('selects each sender in nonce order, senders by fee, and never across a gap', () => {
    const pool = new Mempool();
    pool.admit(entry('alice', 0n, 5n), ctx());
    pool.admit(entry('alice', 1n, 50n), ctx());
    pool.admit(entry('bob', 0n, 20n), ctx());
    pool.admit(entry('carol', 1n, 99n), ctx()); // gap: carol's next nonce is 0
    const picked = pool.select(10, () => 0n).map((e) => `${e.sender}:${e.nonce}`);
    expect(picked).toEqual(['bob:0', 'alice:0', 'alice:1']);
    expect(pool.select(2, () => 0n)).toHaveLength(2);
  });

  it('stays bounded: a full pool takes a higher fee by evicting the cheapest tail, and refuses a lower one', () => {
    const pool = new Mempool({ maxTransactions: 2, maxPerSender: 8, maxBytes: 1 << 20, replaceBumpPercent: 10 });
    pool.admit(entry('alice', 0n, 10n), ctx());
    pool.admit(entry('bob', 0n, 30n), ctx());
    expect(pool.admit(entry('carol', 0n, 5n), ctx())).toMatchObject({
      ok: false,
      code: 'POOL_FULL',
      reason: expect.stringMatching(/pool is full; a fee above 10/),
    });
    expect(pool.admit(entry('carol', 0n, 20n), ctx())).toEqual({ ok: true });
    expect(
      pool
        .entries()
        .map((e) => e.sender)
        .sort(),
    ).toEqual(['bob', 'carol']);
  });

  it('caps pending transactions per sender', () => {
    const pool = new Mempool({ maxTransactions: 100, maxPerSender: 2, maxBytes: 1 << 20, replaceBumpPercent: 10 });
    pool.admit(entry('alice', 0n, 1n), ctx());
    pool.admit(entry('alice', 1n, 1n), ctx());
    expect(pool.admit(entry('alice', 2n, 1n), ctx())).toMatchObject({ ok: false });
  });

  it('prunes included, stale and expired transactions', () => {
    const pool = new Mempool();
    pool.admit(entry('alice', 0n, 1n), ctx());
    pool.admit(entry('alice', 1n, 1n), ctx());
    pool.admit(entry('bob', 0n, 1n, 3n), ctx());
    const dropped = pool.prune(4n, (s) => (s === 'alice' ? 1n : 0n));
    expect(dropped).toHaveLength(2);
    expect(pool.entries().map((e) => `${e.sender}:${e.nonce}`)).toEqual(['alice:1']);
  });

  it('never exceeds its bounds and always selects gap-free nonce runs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.bigInt(0n, 6n), fc.bigInt(1n, 100n)), {
          maxLength: 60,
        }),
        (ops) => {
          const pool = new Mempool({ maxTransactions: 8, maxPerSender: 4, maxBytes: 1 << 20, replaceBumpPercent: 10 });
          for (const [sender, nonce, fee] of ops) pool.admit(entry(sender, nonce, fee), ctx());
          expect(pool.size).toBeLessThanOrEqual(8);
          const picked = pool.select(100, () => 0n);
          const next = new Map<string, bigint>();
          for (const e of picked) {
            expect(e.nonce).toBe(next.get(e.sender) ?? 0n);
            next.set(e.sender, e.nonce + 1n);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
