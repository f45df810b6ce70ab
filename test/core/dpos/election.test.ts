import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareCandidates,
  electProducers,
  minimumVoteWeight,
  type CandidateStatus,
  type ElectionCandidate,
  type ElectionParams,
} from '../../../shared/core/dpos/election.ts';
import { addr, addrHex } from './helpers.ts';

const params: ElectionParams = { activeProducers: 3, minVoteRatioPpm: 0, minEligible: 1 };
const cand = (n: number, voteWeight: bigint, extra: Partial<ElectionCandidate> = {}): ElectionCandidate => ({
  address: addr(n),
  voteWeight,
  isMember: true,
  status: 'active',
  ...extra,
});
const current = [addr(900), addr(901)];

describe('electProducers ordering', () => {
  it('orders by weight, highest first', () => {
    const r = electProducers({
      candidates: [cand(1, 10n), cand(2, 30n), cand(3, 20n)],
      totalStake: 100n,
      params,
      currentSet: current,
    });
    expect(r.set).toEqual([addr(2), addr(3), addr(1)]);
    expect(r.carriedOver).toBe(false);
    expect(r.reason).toMatch(/elected 3 of 3/);
  });

  it('breaks weight ties by address ascending, bytewise', () => {
    // 0x01ff… < 0x02…: byte order, not numeric order of some later field.
    const a = { ...cand(0, 50n), address: addrHex('02') };
    const b = { ...cand(0, 50n), address: addrHex('01ff') };
    const c = { ...cand(0, 50n), address: addrHex('0100000000000000000000000000000000000001') };
    const r = electProducers({ candidates: [a, b, c], totalStake: 150n, params, currentSet: current });
    expect(r.set).toEqual([c.address, b.address, a.address]);
  });

  it('takes exactly N when more are eligible, cutting the lowest', () => {
    const candidates = [1, 2, 3, 4, 5].map((n) => cand(n, BigInt(n * 10)));
    const r = electProducers({ candidates, totalStake: 150n, params, currentSet: current });
    expect(r.set).toEqual([addr(5), addr(4), addr(3)]);
  });

  it('takes every eligible one when fewer than N but at least the minimum', () => {
    const r = electProducers({
      candidates: [cand(1, 10n), cand(2, 5n)],
      totalStake: 15n,
      params: { ...params, minEligible: 2 },
      currentSet: current,
    });
    expect(r.set).toEqual([addr(1), addr(2)]);
    expect(r.carriedOver).toBe(false);
  });

  it('matches sorting the eligible and taking the top N (property)', () => {
    const arbCand = fc.record({
      n: fc.integer({ min: 0, max: 60 }),
      w: fc.bigInt({ min: 0n, max: 1000n }),
      isMember: fc.boolean(),
      status: fc.constantFrom<CandidateStatus>('active', 'active', 'jailed', 'tombstoned', 'resigned'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCand, { selector: (c) => c.n, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (raw, n) => {
          const candidates = raw.map((c) => cand(c.n, c.w, { isMember: c.isMember, status: c.status }));
          const r = electProducers({
            candidates,
            totalStake: 10_000n,
            params: { activeProducers: n, minVoteRatioPpm: 0, minEligible: 1 },
            currentSet: current,
          });
          const eligible = candidates.filter((c) => c.isMember && c.status === 'active' && c.voteWeight > 0n);
          if (eligible.length === 0) {
            expect(r.carriedOver).toBe(true);
            return;
          }
          expect(r.set).toEqual(
            eligible
              .sort(compareCandidates)
              .slice(0, n)
              .map((c) => c.address),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('eligibility', () => {
  it('excludes non-members, jailed, tombstoned and resigned candidates, and zero weight', () => {
    const candidates = [
      cand(1, 10n),
      cand(2, 99n, { isMember: false }),
      cand(3, 98n, { status: 'jailed' }),
      cand(4, 97n, { status: 'tombstoned' }),
      cand(5, 96n, { status: 'resigned' }),
      cand(6, 0n),
    ];
    const r = electProducers({ candidates, totalStake: 400n, params, currentSet: current });
    expect(r.set).toEqual([addr(1)]);
  });

  it('admits a weight exactly at the minimum ratio and rejects one unit below', () => {
    // 15% of 1000 = 150 exactly.
    const p = { ...params, minVoteRatioPpm: 150_000 };
    const r = electProducers({
      candidates: [cand(1, 150n), cand(2, 149n)],
      totalStake: 1000n,
      params: p,
      currentSet: current,
    });
    expect(r.set).toEqual([addr(1)]);
  });

  it('rounds the minimum up, so a weight just under a fractional threshold is out', () => {
    // 15% of 1001 = 150.15: 150 falls short, 151 meets it.
    expect(minimumVoteWeight(1001n, 150_000)).toBe(151n);
    const p = { ...params, minVoteRatioPpm: 150_000 };
    const r = electProducers({
      candidates: [cand(1, 151n), cand(2, 150n)],
      totalStake: 1001n,
      params: p,
      currentSet: current,
    });
    expect(r.set).toEqual([addr(1)]);
  });

  it('computes the minimum without overflow at the top of the u64 range', () => {
    const max = (1n << 64n) - 1n;
    expect(minimumVoteWeight(max, 1_000_000)).toBe(max);
    expect(minimumVoteWeight(max, 0)).toBe(0n);
    expect(minimumVoteWeight(0n, 500_000)).toBe(0n);
  });
});

describe('carry-over', () => {
  it('keeps the current set when fewer than the minimum are eligible', () => {
    const r = electProducers({
      candidates: [cand(1, 10n), cand(2, 10n, { status: 'jailed' })],
      totalStake: 20n,
      params: { ...params, minEligible: 2 },
      currentSet: current,
    });
    expect(r.carriedOver).toBe(true);
    expect(r.set).toEqual(current);
    expect(r.set).not.toBe(current);
    expect(r.reason).toMatch(/only 1 eligible.*minimum 2.*carries on/);
  });

  it('elects when exactly the minimum are eligible', () => {
    const r = electProducers({
      candidates: [cand(1, 10n), cand(2, 10n)],
      totalStake: 20n,
      params: { ...params, minEligible: 2 },
      currentSet: current,
    });
    expect(r.carriedOver).toBe(false);
    expect(r.set).toEqual([addr(1), addr(2)]);
  });

  it('refuses to carry over an empty set', () => {
    expect(() => electProducers({ candidates: [], totalStake: 0n, params, currentSet: [] })).toThrow(
      /currentSet is empty/,
    );
  });
});

describe('input checks', () => {
  const base = { totalStake: 100n, currentSet: current };
  it('rejects duplicate candidates, bad addresses and out-of-range amounts', () => {
    expect(() => electProducers({ ...base, params, candidates: [cand(1, 1n), cand(1, 2n)] })).toThrow(/twice/);
    expect(() =>
      electProducers({ ...base, params, candidates: [{ ...cand(1, 1n), address: new Uint8Array(19) }] }),
    ).toThrow(/20-byte/);
    expect(() => electProducers({ ...base, params, candidates: [cand(1, 1n << 64n)] })).toThrow(/64-bit/);
    expect(() => electProducers({ ...base, params, candidates: [cand(1, -1n)] })).toThrow(/64-bit/);
  });

  it('rejects nonsensical parameters', () => {
    expect(() => electProducers({ ...base, params: { ...params, activeProducers: 0 }, candidates: [] })).toThrow(
      /activeProducers/,
    );
    expect(() => electProducers({ ...base, params: { ...params, minEligible: 0 }, candidates: [] })).toThrow(
      /minEligible/,
    );
    expect(() =>
      electProducers({ ...base, params: { ...params, minVoteRatioPpm: 1_000_001 }, candidates: [] }),
    ).toThrow(/minVoteRatioPpm/);
    expect(() => electProducers({ ...base, params: { ...params, minVoteRatioPpm: 0.5 }, candidates: [] })).toThrow(
      /minVoteRatioPpm/,
    );
  });
});
