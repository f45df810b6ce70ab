// Missed turns (DESIGN §3): a producer whose slot passes without its block is counted as missed;
// missLimit consecutive misses jail it. In a BFT chain every height ends up with some block, so a
// slot counts as missed when the block committed there is not the scheduled producer's (the round
// rotated to another proposer on timeout) or when the slot is recorded as a gap (null).
//
// Choices:
// - Only a producer's own slots count, in slot order. A block proposed in someone else's slot after
//   a rotation neither credits nor resets the stand-in: liveness is judged on one's own turns.
// - Counters are kept canonically: sorted by address, zero counters dropped (absent means 0).
// - Jailing resets the counter to 0 so an unjailed producer starts clean with no extra step. Once
//   jailed in a round its remaining slots of that round still count in the tallies but do not
//   advance the counter, so a producer is reported at most once per round. A producer still
//   scheduled while jailed can be reported again after another missLimit misses; applying a jail
//   to a jailed candidate is the state transition's no-op.
import { assertAddress, assertCount, bytesEqual, compareBytes, hexAddress, type Address } from './bytes.ts';
import type { Schedule } from './shuffle.ts';

export interface MissCounter {
  readonly address: Address;
  /** Consecutive own slots missed since the last produced one (≥ 1 when stored). */
  readonly consecutiveMisses: number;
}

export interface ProducerTally {
  readonly address: Address;
  readonly produced: number;
  readonly missed: number;
}

export interface RoundOutcome {
  readonly schedule: Schedule;
  /** Per slot: who produced the block committed at that height, or null for a gap. */
  readonly producedBy: readonly (Address | null)[];
}

export interface MissParams {
  /** Consecutive misses that jail a producer (≥ 1). */
  readonly missLimit: number;
}

export interface MissUpdate {
  /** Every counter after the round: sorted by address, zeros dropped. */
  readonly counters: readonly MissCounter[];
  /** Per scheduled producer, sorted by address. */
  readonly tallies: readonly ProducerTally[];
  /** Producers that reached missLimit in this round, sorted by address. */
  readonly newlyJailed: readonly Address[];
}

export function applyRoundOutcome(
  previous: readonly MissCounter[],
  outcome: RoundOutcome,
  params: MissParams,
): MissUpdate {
  assertCount(params.missLimit, 'missLimit', 1);
  const { schedule, producedBy } = outcome;
  if (producedBy.length !== schedule.length) {
    throw new RangeError(`round has ${schedule.length} slots but ${producedBy.length} outcomes`);
  }

  const counters = new Map<string, { address: Address; misses: number }>();
  previous.forEach((c, i) => {
    assertAddress(c.address, `previous[${i}].address`);
    assertCount(c.consecutiveMisses, `previous[${i}].consecutiveMisses`);
    const key = hexAddress(c.address);
    if (counters.has(key)) throw new RangeError(`counter for ${key} appears twice`);
    counters.set(key, { address: c.address, misses: c.consecutiveMisses });
  });

  const tallies = new Map<string, { address: Address; produced: number; missed: number }>();
  const jailed = new Map<string, Address>();
  schedule.forEach((scheduled, slot) => {
    assertAddress(scheduled, `schedule[${slot}]`);
    const actual = producedBy[slot] ?? null;
    if (actual !== null) assertAddress(actual, `producedBy[${slot}]`);
    const key = hexAddress(scheduled);
    const tally = tallies.get(key) ?? { address: scheduled, produced: 0, missed: 0 };
    tallies.set(key, tally);
    const counter = counters.get(key) ?? { address: scheduled, misses: 0 };
    counters.set(key, counter);

    const produced = actual !== null && bytesEqual(actual, scheduled);
    if (produced) tally.produced++;
    else tally.missed++;
    if (jailed.has(key)) return; // already jailed this round: counter stays reset
    if (produced) {
      counter.misses = 0;
    } else if (++counter.misses >= params.missLimit) {
      counter.misses = 0;
      jailed.set(key, scheduled);
    }
  });

  const byAddress = (a: { address: Address }, b: { address: Address }): number => compareBytes(a.address, b.address);
  return {
    counters: [...counters.values()]
      .filter((c) => c.misses > 0)
      .sort(byAddress)
      .map((c) => ({ address: c.address, consecutiveMisses: c.misses })),
    tallies: [...tallies.values()].sort(byAddress),
    newlyJailed: [...jailed.values()].sort(compareBytes),
  };
}
