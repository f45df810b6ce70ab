import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_VOTE_CANDIDATES,
  applyVoteChanges,
  checkAllocations,
  totalAllocated,
  unallocatedStake,
  type VoteAllocation,
  type VoteChange,
} from '../../../shared/core/dpos/votes.ts';
import { U64_MAX, compareBytes } from '../../../shared/core/dpos/bytes.ts';
import { addr } from './helpers.ts';

const inc = (n: number, amount: bigint): VoteChange => ({ candidate: addr(n), increase: true, amount });
const dec = (n: number, amount: bigint): VoteChange => ({ candidate: addr(n), increase: false, amount });
const alloc = (n: number, amount: bigint): VoteAllocation => ({ candidate: addr(n), amount });
const hex = (n: number): string => `0x${Buffer.from(addr(n)).toString('hex')}`;

function accepted(r: ReturnType<typeof applyVoteChanges>): readonly VoteAllocation[] {
  if (!r.ok) throw new Error(`expected acceptance, got: ${r.reason}`);
  return r.allocations;
}
function reason(r: ReturnType<typeof applyVoteChanges>): string {
  if (r.ok) throw new Error('expected rejection');
  return r.reason;
}

describe('applyVoteChanges accepts', () => {
  it('a new allocation, returned sorted by candidate', () => {
    expect(accepted(applyVoteChanges([alloc(5, 100n)], [inc(2, 300n)], 1000n))).toEqual([
      alloc(2, 300n),
      alloc(5, 100n),
    ]);
  });

  it('adding to and partly withdrawing from existing allocations', () => {
    expect(accepted(applyVoteChanges([alloc(1, 100n), alloc(2, 100n)], [inc(1, 50n), dec(2, 30n)], 1000n))).toEqual([
      alloc(1, 150n),
      alloc(2, 70n),
    ]);
  });

  it('a withdrawal to zero, removing the allocation', () => {
    expect(accepted(applyVoteChanges([alloc(1, 20n), alloc(2, 5n)], [dec(1, 20n)], 100n))).toEqual([alloc(2, 5n)]);
  });

  it('allocating exactly the whole stake to exactly 10 candidates', () => {
    const changes = Array.from({ length: MAX_VOTE_CANDIDATES }, (_, i) => inc(i + 1, 100n));
    expect(accepted(applyVoteChanges([], changes, 1000n))).toHaveLength(MAX_VOTE_CANDIDATES);
  });

  it('moving votes from an 11th-to-be candidate within one transaction', () => {
    const ten = Array.from({ length: 10 }, (_, i) => alloc(i + 1, 10n));
    const r = accepted(applyVoteChanges(ten, [dec(1, 10n), inc(11, 10n)], 100n));
    expect(r.map((a) => a.candidate)).toEqual(Array.from({ length: 10 }, (_, i) => addr(i + 2)));
  });
});

describe('applyVoteChanges rejects, with a reason', () => {
  it('allocating more than is staked', () => {
    expect(reason(applyVoteChanges([alloc(1, 700n)], [inc(2, 500n)], 1000n))).toBe(
      'would allocate 1200 but only 1000 is staked',
    );
  });

  it('an eleventh candidate', () => {
    const ten = Array.from({ length: 10 }, (_, i) => alloc(i + 1, 10n));
    expect(reason(applyVoteChanges(ten, [inc(11, 10n)], 1000n))).toBe('11 candidates; at most 10');
  });

  it('withdrawing more than is allocated, or from a candidate with nothing', () => {
    expect(reason(applyVoteChanges([alloc(1, 20n)], [dec(1, 50n)], 100n))).toBe(
      `cannot withdraw 50 from candidate ${hex(1)}: only 20 allocated`,
    );
    expect(reason(applyVoteChanges([], [dec(3, 1n)], 100n))).toBe(
      `cannot withdraw 1 from candidate ${hex(3)}: only 0 allocated`,
    );
  });

  it('zero, negative and over-64-bit amounts', () => {
    expect(reason(applyVoteChanges([], [inc(1, 0n)], 100n))).toMatch(/positive 64-bit amount/);
    expect(reason(applyVoteChanges([], [inc(1, -5n)], 100n))).toMatch(/positive 64-bit amount/);
    expect(reason(applyVoteChanges([], [inc(1, U64_MAX + 1n)], U64_MAX))).toMatch(/positive 64-bit amount/);
  });

  it('an allocation that would overflow 64 bits', () => {
    expect(reason(applyVoteChanges([alloc(1, U64_MAX)], [inc(1, 1n)], U64_MAX))).toMatch(/overflow/);
  });

  it('a candidate named twice, an empty change list or a bad address', () => {
    expect(reason(applyVoteChanges([], [inc(1, 1n), inc(1, 1n)], 100n))).toMatch(/more than once/);
    expect(reason(applyVoteChanges([], [], 100n))).toMatch(/at least one/);
    expect(reason(applyVoteChanges([], [{ candidate: new Uint8Array(4), increase: true, amount: 1n }], 100n))).toMatch(
      /20 bytes/,
    );
  });

  it('names candidates with the caller’s formatter', () => {
    const r = applyVoteChanges([], [dec(1, 5n)], 100n, { formatAddress: () => 'cns1alice' });
    expect(reason(r)).toBe('cannot withdraw 5 from candidate cns1alice: only 0 allocated');
  });

  it('throws on current allocations that already break the rules (a state bug, not a user error)', () => {
    expect(() => applyVoteChanges([alloc(2, 1n), alloc(1, 1n)], [inc(3, 1n)], 100n)).toThrow(/sorted/);
    expect(() => applyVoteChanges([alloc(1, 0n)], [inc(3, 1n)], 100n)).toThrow(/positive/);
    expect(() => applyVoteChanges([alloc(1, 200n)], [dec(1, 1n)], 100n)).toThrow(/only 100 is staked/);
  });
});

describe('stake accounting', () => {
  it('unallocatedStake is what the allocations leave free', () => {
    expect(unallocatedStake([alloc(1, 300n), alloc(2, 200n)], 1000n)).toBe(500n);
    expect(unallocatedStake([], 0n)).toBe(0n);
    expect(unallocatedStake([alloc(1, 1000n)], 1000n)).toBe(0n);
  });

  it('unallocatedStake refuses allocations above the stake', () => {
    expect(() => unallocatedStake([alloc(1, 1001n)], 1000n)).toThrow(/exceed/);
    expect(() => unallocatedStake([], -1n)).toThrow(/staked/);
  });

  it('checkAllocations passes valid allocations and explains invalid ones', () => {
    expect(checkAllocations([alloc(1, 5n), alloc(2, 5n)], 10n)).toBeNull();
    expect(checkAllocations([alloc(1, 5n), alloc(1, 5n)], 10n)).toMatch(/sorted/);
    expect(
      checkAllocations(
        Array.from({ length: 11 }, (_, i) => alloc(i + 1, 1n)),
        100n,
      ),
    ).toBe('11 candidates; at most 10');
  });
});

/** The rules restated plainly over numbered candidates: the decision the module must match. */
function model(
  current: Map<number, bigint>,
  changes: { id: number; up: boolean; amount: bigint }[],
  staked: bigint,
): Map<number, bigint> | null {
  if (changes.length === 0) return null;
  if (new Set(changes.map((c) => c.id)).size !== changes.length) return null;
  const next = new Map(current);
  for (const c of changes) {
    if (c.amount <= 0n) return null;
    const have = next.get(c.id) ?? 0n;
    if (!c.up && c.amount > have) return null;
    next.set(c.id, c.up ? have + c.amount : have - c.amount);
  }
  for (const [id, v] of next) if (v === 0n) next.delete(id);
  if (next.size > MAX_VOTE_CANDIDATES) return null;
  if ([...next.values()].reduce((a, b) => a + b, 0n) > staked) return null;
  return next;
}

describe('vote rules hold over random histories (property)', () => {
  // Mostly small increases, so histories grow to the 10-candidate limit and to the stake, with
  // enough zero amounts, over-withdrawals and repeats mixed in to reach every rejection.
  const weighted = <T>(...options: [fc.Arbitrary<T>, number][]): fc.Arbitrary<T> =>
    fc.oneof(...options.map(([arbitrary, weight]) => ({ arbitrary, weight })));
  const arbAmount = weighted(
    [fc.constant(0n), 1],
    [fc.bigInt({ min: 1n, max: 20n }), 6],
    [fc.bigInt({ min: 1n, max: 600n }), 3],
  );
  const arbChange = fc.record({
    id: fc.integer({ min: 1, max: 14 }),
    up: weighted([fc.constant(true), 3], [fc.constant(false), 1]),
    amount: arbAmount,
  });
  // A burst spreads small votes over many candidates at once: the way to reach the 10-candidate limit.
  const arbBurst = fc
    .uniqueArray(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 12 })
    .map((ids) => ids.map((id) => ({ id, up: true, amount: 1n })));
  const arbStep = fc.record({
    changes: weighted([fc.array(arbChange, { maxLength: 3 }), 4], [arbBurst, 1]),
    stakeDelta: fc.bigInt({ min: -300n, max: 600n }),
  });

  it('never exceeds the stake or 10 candidates, agrees with the plain model, and explains every rejection', () => {
    let accepts = 0;
    const rejections = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2000n }),
        fc.array(arbStep, { minLength: 1, maxLength: 40 }),
        (initialStake, steps) => {
          let staked = initialStake;
          let allocations: readonly VoteAllocation[] = [];
          let state = new Map<number, bigint>();
          for (const step of steps) {
            // Stake moves too (stake adds, unstake only takes unallocated stake).
            const floor = totalAllocated(allocations);
            staked = staked + step.stakeDelta < floor ? floor : staked + step.stakeDelta;
            const changes = step.changes.map((c) => (c.up ? inc(c.id, c.amount) : dec(c.id, c.amount)));
            const expected = model(state, step.changes, staked);
            const r = applyVoteChanges(allocations, changes, staked);
            expect(r.ok).toBe(expected !== null);
            if (!r.ok) {
              const kind =
                /would allocate|candidates; at most|cannot withdraw|positive|more than once|at least one/.exec(
                  r.reason,
                )?.[0];
              expect(kind, r.reason).toBeDefined();
              rejections.set(kind as string, (rejections.get(kind as string) ?? 0) + 1);
              continue;
            }
            accepts++;
            allocations = r.allocations;
            state = expected as Map<number, bigint>;
            expect(allocations.length).toBeLessThanOrEqual(MAX_VOTE_CANDIDATES);
            expect(totalAllocated(allocations)).toBeLessThanOrEqual(staked);
            expect(allocations.every((a) => a.amount > 0n)).toBe(true);
            for (let i = 1; i < allocations.length; i++) {
              expect(
                compareBytes(
                  (allocations[i - 1] as VoteAllocation).candidate,
                  (allocations[i] as VoteAllocation).candidate,
                ),
              ).toBeLessThan(0);
            }
            const ids = [...state.keys()].sort((a, b) => a - b);
            expect(allocations).toEqual(ids.map((id) => alloc(id, state.get(id) as bigint)));
            expect(unallocatedStake(allocations, staked)).toBe(staked - totalAllocated(allocations));
          }
        },
      ),
      { numRuns: 400 },
    );
    // The generator must reach every rule, or the property proves less than it claims.
    expect(accepts).toBeGreaterThan(200);
    expect([...rejections.keys()].sort()).toEqual([
      'at least one',
      'candidates; at most',
      'cannot withdraw',
      'more than once',
      'positive',
      'would allocate',
    ]);
  });
});
