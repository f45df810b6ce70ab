/**
 * The end-of-round step, run after the last block of round r: elect the set of round r + 2 from
 * the live candidates (dpos electProducers: weight order, members only, not jailed, minimum vote
 * ratio of the total stake), append that round to the record and drop round r.
 *
 * Too few eligible (below minProducers): the most recently elected set (round r + 1's) carries on.
 * Either way each producer's consensus key is read from its candidate record now, so a key
 * rotated with candidate.update takes effect in the first set fixed after the rotation.
 */
import { electProducers } from '../dpos/index.ts';
import type { ChainParameters, ValidatorSet } from '../types/index.ts';
import type { RoundEntry, RoundRecord } from './records.ts';
import type { StateView } from './view.ts';

export interface ElectionOutcome {
  /** The round the set will produce in (r + 2). */
  round: bigint;
  validators: ValidatorSet;
  carriedOver: boolean;
  /** One sentence for people, from the election. */
  reason: string;
}

export function closeRound(
  view: StateView,
  record: RoundRecord,
  params: ChainParameters,
): { record: RoundRecord; election: ElectionOutcome } {
  const latest = record.rounds[record.rounds.length - 1]!; // a round record is never empty (codec rule)
  const candidates = view.candidateList().map((address) => {
    const c = view.candidate(address)!; // the list holds registered candidates only
    return { address, voteWeight: c.voteWeight, isMember: view.isMember(address), status: c.status };
  });
  const result = electProducers({
    candidates,
    totalStake: view.totals().staked,
    params: {
      activeProducers: params.activeProducers,
      minVoteRatioPpm: params.minVoteRatioPpm,
      minEligible: params.minProducers,
    },
    currentSet: latest.validators.map((v) => v.address),
  });
  // Every address here is a candidate: elected from the list, or carried over from an elected set.
  const validators = result.set.map((address) => ({ address, consensusKey: view.candidate(address)!.consensusKey }));
  const entry: RoundEntry = {
    round: latest.round + 1n,
    startHeight: latest.startHeight + BigInt(latest.validators.length * latest.blocksPerTurn),
    blocksPerTurn: params.blocksPerTurn,
    validators,
  };
  return {
    record: { ...record, rounds: [...record.rounds.slice(1), entry] },
    election: { round: entry.round, validators, carriedOver: result.carriedOver, reason: result.reason },
  };
}
