import type { RoundTimeouts } from './types.ts';

/** Timeouts that grow linearly with the round, so that after GST some round is long enough to decide. */
export function linearTimeouts(base: RoundTimeouts, perRound: RoundTimeouts): (round: number) => RoundTimeouts {
  return (round) => ({
    propose: base.propose + perRound.propose * round,
    prevote: base.prevote + perRound.prevote * round,
    precommit: base.precommit + perRound.precommit * round,
  });
}
