import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activationRound,
  announcingRound,
  appendRound,
  checkRoundTable,
  firstHeightOfRound,
  firstSpan,
  heightOfSlot,
  isLastHeightOfRound,
  lastHeightOfRound,
  roundLength,
  roundOf,
  slotOf,
  spanOfRound,
  type RoundSpan,
  type RoundTable,
} from '../../../shared/core/dpos/rounds.ts';

/** Round `firstRound` at height `start` with the given set sizes, blocksPerTurn `bpt`. */
function tableOf(sizes: number[], bpt = 2, firstRound = 0n, start = 1n): RoundTable {
  let t: RoundTable = [firstSpan(firstRound, start, sizes[0] as number, bpt)];
  for (const s of sizes.slice(1)) t = appendRound(t, s, bpt);
  return t;
}

describe('round table', () => {
  // Sizes 4, 3, 4 with 2 blocks per turn: rounds cover 1–8, 9–14, 15–22.
  const t = tableOf([4, 3, 4]);

  it('lays rounds end to end, each setSize × blocksPerTurn long', () => {
    expect(t.map((s) => [s.round, s.startHeight, roundLength(s)])).toEqual([
      [0n, 1n, 8],
      [1n, 9n, 6],
      [2n, 15n, 8],
    ]);
    expect(firstHeightOfRound(1n, t)).toBe(9n);
    expect(lastHeightOfRound(1n, t)).toBe(14n);
    expect(lastHeightOfRound(2n, t)).toBe(22n);
  });

  it('maps heights to rounds and slots at the boundaries', () => {
    expect([1n, 8n, 9n, 14n, 15n, 22n].map((h) => roundOf(h, t))).toEqual([0n, 0n, 1n, 1n, 2n, 2n]);
    expect([1n, 8n, 9n, 14n, 15n].map((h) => slotOf(h, t))).toEqual([0, 7, 0, 5, 0]);
    expect(heightOfSlot(1n, 5, t)).toBe(14n);
  });

  it('marks only the last height of each round as last', () => {
    const last = [];
    for (let h = 1n; h <= 22n; h++) if (isLastHeightOfRound(h, t)) last.push(h);
    expect(last).toEqual([8n, 14n, 22n]);
  });

  it('refuses heights, rounds and slots it does not cover', () => {
    expect(() => roundOf(0n, t)).toThrow(/outside the known rounds/);
    expect(() => roundOf(23n, t)).toThrow(/outside the known rounds/);
    expect(() => roundOf(-1n, t)).toThrow(/height/);
    expect(() => firstHeightOfRound(3n, t)).toThrow(/not in the table/);
    expect(() => heightOfSlot(1n, 6, t)).toThrow(/outside round 1/);
    expect(() => heightOfSlot(1n, -1, t)).toThrow(/outside round 1/);
    expect(() => spanOfRound(0n, [])).toThrow(/not in the table/);
  });

  it('works on a table pruned to start at a later round, far up the u64 range', () => {
    const pruned = tableOf([5, 5], 1, 40n, 1n << 60n);
    expect(roundOf((1n << 60n) + 4n, pruned)).toBe(40n);
    expect(roundOf((1n << 60n) + 5n, pruned)).toBe(41n);
    expect(() => firstHeightOfRound(39n, pruned)).toThrow(/not in the table/);
  });

  it('accepts contiguous tables and rejects gaps, overlaps and skipped rounds', () => {
    expect(() => checkRoundTable(t)).not.toThrow();
    const [a, b] = t as [RoundSpan, RoundSpan];
    expect(() => checkRoundTable([a, { ...b, startHeight: b.startHeight + 1n }])).toThrow(/not contiguous/);
    expect(() => checkRoundTable([a, { ...b, startHeight: b.startHeight - 1n }])).toThrow(/not contiguous/);
    expect(() => checkRoundTable([a, { ...b, round: 2n }])).toThrow(/not contiguous/);
    expect(() => checkRoundTable([])).toThrow(/empty/);
    expect(() => checkRoundTable([{ ...a, setSize: 0 }])).toThrow(/setSize/);
  });

  it('rejects empty sets, zero blocks per turn and rounds past the u64 range', () => {
    expect(() => firstSpan(0n, 1n, 0, 1)).toThrow(/setSize/);
    expect(() => firstSpan(0n, 1n, 4, 0)).toThrow(/blocksPerTurn/);
    expect(() => firstSpan(0n, (1n << 64n) - 2n, 4, 1)).toThrow(/end height/);
    expect(() => appendRound([], 4, 1)).toThrow(/empty/);
  });

  it('round-trips height → (round, slot) → height for any table (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.bigInt({ min: 0n, max: 1000n }),
        (sizes, bpt, start) => {
          const table = tableOf(sizes, bpt, 0n, start);
          checkRoundTable(table);
          const end = lastHeightOfRound(BigInt(sizes.length - 1), table);
          for (let h = start; h <= end; h++) {
            const r = roundOf(h, table);
            expect(heightOfSlot(r, slotOf(h, table), table)).toBe(h);
            expect(isLastHeightOfRound(h, table)).toBe(h === lastHeightOfRound(r, table));
          }
          for (let r = 1n; r < BigInt(sizes.length); r++)
            expect(firstHeightOfRound(r, table)).toBe(lastHeightOfRound(r - 1n, table) + 1n);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('set timeline', () => {
  it('activates a set two rounds after its election and announces it in the round before', () => {
    expect(activationRound(0n)).toBe(2n);
    expect(activationRound(7n)).toBe(9n);
    expect(announcingRound(activationRound(7n))).toBe(8n);
    expect(() => announcingRound(0n)).toThrow(/genesis/);
    expect(() => activationRound(-1n)).toThrow(/electionRound/);
  });
});
