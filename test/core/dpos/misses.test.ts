import { describe, expect, it } from 'vitest';
import { applyRoundOutcome, type MissCounter } from '../../../shared/core/dpos/misses.ts';
import { addr } from './helpers.ts';

const A = addr(1);
const B = addr(2);
const C = addr(3);
const limit3 = { missLimit: 3 };

describe('applyRoundOutcome', () => {
  it('counts produced and missed slots per scheduled producer, sorted by address', () => {
    const r = applyRoundOutcome([], { schedule: [B, B, A, A], producedBy: [null, B, A, A] }, limit3);
    expect(r.tallies).toEqual([
      { address: A, produced: 2, missed: 0 },
      { address: B, produced: 1, missed: 1 },
    ]);
    expect(r.counters).toEqual([]); // B's miss was followed by its own block
    expect(r.newlyJailed).toEqual([]);
  });

  it('resets a counter when the producer makes its block', () => {
    const r = applyRoundOutcome([{ address: A, consecutiveMisses: 2 }], { schedule: [A], producedBy: [A] }, limit3);
    expect(r.counters).toEqual([]);
    expect(r.newlyJailed).toEqual([]);
  });

  it('carries misses across rounds and stays free below the limit', () => {
    const r = applyRoundOutcome([{ address: A, consecutiveMisses: 1 }], { schedule: [A], producedBy: [null] }, limit3);
    expect(r.counters).toEqual([{ address: A, consecutiveMisses: 2 }]);
    expect(r.newlyJailed).toEqual([]);
  });

  it('jails at exactly missLimit consecutive misses and resets the counter', () => {
    const r = applyRoundOutcome(
      [{ address: A, consecutiveMisses: 2 }],
      { schedule: [A, B], producedBy: [null, B] },
      limit3,
    );
    expect(r.newlyJailed).toEqual([A]);
    expect(r.counters).toEqual([]);
  });

  it('does not jail misses that a produced block interrupted', () => {
    const r = applyRoundOutcome([], { schedule: [A, A, A, A, A], producedBy: [null, null, A, null, null] }, limit3);
    expect(r.newlyJailed).toEqual([]);
    expect(r.counters).toEqual([{ address: A, consecutiveMisses: 2 }]);
    expect(r.tallies).toEqual([{ address: A, produced: 1, missed: 4 }]);
  });

  it('counts a slot taken by a stand-in proposer as the scheduled one missing, with no credit to the stand-in', () => {
    const r = applyRoundOutcome(
      [{ address: B, consecutiveMisses: 1 }],
      { schedule: [A, B], producedBy: [B, null] },
      { missLimit: 2 },
    );
    expect(r.tallies).toEqual([
      { address: A, produced: 0, missed: 1 },
      { address: B, produced: 0, missed: 1 },
    ]);
    // B's block in A's slot does not reset B's streak: B reaches the limit on its own empty slot.
    expect(r.newlyJailed).toEqual([B]);
    expect(r.counters).toEqual([{ address: A, consecutiveMisses: 1 }]);
  });

  it('reports a producer once per round even if it keeps missing after reaching the limit', () => {
    const r = applyRoundOutcome(
      [],
      { schedule: [A, A, A, A, A], producedBy: [null, null, null, null, null] },
      { missLimit: 2 },
    );
    expect(r.newlyJailed).toEqual([A]);
    expect(r.counters).toEqual([]);
    expect(r.tallies).toEqual([{ address: A, produced: 0, missed: 5 }]);
  });

  it('leaves counters of producers outside this round untouched and keeps output sorted', () => {
    const previous: MissCounter[] = [
      { address: C, consecutiveMisses: 1 },
      { address: A, consecutiveMisses: 2 },
    ];
    const r = applyRoundOutcome(previous, { schedule: [B, A], producedBy: [null, null] }, limit3);
    expect(r.counters).toEqual([
      { address: B, consecutiveMisses: 1 },
      { address: C, consecutiveMisses: 1 },
    ]);
    expect(r.newlyJailed).toEqual([A]);
  });

  it('jails with missLimit 1 on the first miss, and several producers at once in address order', () => {
    const r = applyRoundOutcome([], { schedule: [C, A, B], producedBy: [null, null, B] }, { missLimit: 1 });
    expect(r.newlyJailed).toEqual([A, C]);
  });

  it('rejects mismatched outcomes, duplicate counters and a zero limit', () => {
    expect(() => applyRoundOutcome([], { schedule: [A, B], producedBy: [A] }, limit3)).toThrow(/2 slots but 1/);
    const dup = [
      { address: A, consecutiveMisses: 1 },
      { address: A, consecutiveMisses: 2 },
    ];
    expect(() => applyRoundOutcome(dup, { schedule: [A], producedBy: [A] }, limit3)).toThrow(/twice/);
    expect(() => applyRoundOutcome([], { schedule: [A], producedBy: [A] }, { missLimit: 0 })).toThrow(/missLimit/);
    expect(() => applyRoundOutcome([], { schedule: [A], producedBy: [new Uint8Array(3)] }, limit3)).toThrow(/20-byte/);
  });
});
