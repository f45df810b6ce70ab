import type { RoundTimeouts } from './types.ts';

/**
 * Timeouts that grow linearly with the round, so that after GST some round is long enough to decide; with
 * `growthRounds` they stop growing after that many rounds, so that a round reached after a long halt (or a
 * round catch-up) costs a bounded time. The bound trades the paper's "eventually long enough for any delay"
 * for a known recovery time: the largest timeout must exceed the real message delay of the network.
 */
export function linearTimeouts(
  base: RoundTimeouts,
  perRound: RoundTimeouts,
  growthRounds = Number.POSITIVE_INFINITY,
): (round: number) => RoundTimeouts {
  if (!(growthRounds >= 0)) throw new RangeError(`growthRounds must be zero or more, got ${growthRounds}`);
  return (round) => {
    const steps = Math.min(round, growthRounds);
    return {
      propose: base.propose + perRound.propose * steps,
      prevote: base.prevote + perRound.prevote * steps,
      precommit: base.precommit + perRound.precommit * steps,
    };
  };
}
