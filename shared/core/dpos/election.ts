// Producer election (DESIGN §3 "Election and rounds"): at the end of each round the top N eligible
// candidates by delegated vote weight become the set for the round after next (see rounds.ts).
import { assertAddress, assertCount, assertU64, compareBytes, hexAddress, type Address } from './bytes.ts';

export type CandidateStatus = 'active' | 'jailed' | 'tombstoned' | 'resigned';

export interface ElectionCandidate {
  readonly address: Address;
  /** Total stake delegated to this candidate by votes, in base units. */
  readonly voteWeight: bigint;
  /** Whether the candidate's account is currently a consortium member. */
  readonly isMember: boolean;
  readonly status: CandidateStatus;
}

export interface ElectionParams {
  /** N: how many producers a round has at most. */
  readonly activeProducers: number;
  /** Minimum vote weight as parts per million of total stake (0 … 1 000 000). */
  readonly minVoteRatioPpm: number;
  /** If fewer candidates than this are eligible, no election happens and the current set carries on. */
  readonly minEligible: number;
}

export interface ElectionInput {
  readonly candidates: readonly ElectionCandidate[];
  /** All stake in the pool (the base of the minimum ratio), in base units. */
  readonly totalStake: bigint;
  readonly params: ElectionParams;
  /**
   * The set that carries on when too few are eligible. Pass the most recently elected set (the one
   * already scheduled for the next round), so a failed election never reverts a settled one.
   */
  readonly currentSet: readonly Address[];
}

export interface ElectionResult {
  /** Producers ordered by vote weight descending, ties by address ascending (bytewise). */
  readonly set: readonly Address[];
  readonly carriedOver: boolean;
  /** One sentence for people: what happened and why. */
  readonly reason: string;
}

export const PPM = 1_000_000n;

/**
 * Smallest weight that meets the minimum ratio: ceil(ratioPpm × totalStake / 10^6).
 * Rounding up keeps the rule exact — eligibility is `weight × 10^6 ≥ ratioPpm × totalStake`, with
 * no precision lost, so a candidate just below the true ratio never slips in through truncation.
 */
export function minimumVoteWeight(totalStake: bigint, minVoteRatioPpm: number): bigint {
  assertU64(totalStake, 'totalStake');
  assertPpm(minVoteRatioPpm);
  const product = BigInt(minVoteRatioPpm) * totalStake;
  return (product + PPM - 1n) / PPM;
}

/** Why a candidate cannot be elected, or null if it can. */
export function ineligibility(c: ElectionCandidate, minWeight: bigint): string | null {
  if (!c.isMember) return 'not a member';
  if (c.status !== 'active') return c.status;
  if (c.voteWeight === 0n) return 'no votes';
  if (c.voteWeight < minWeight) return `weight ${c.voteWeight} below the minimum ${minWeight}`;
  return null;
}

/** Weight descending, then address ascending: the one canonical order of a set. */
export function compareCandidates(a: ElectionCandidate, b: ElectionCandidate): number {
  if (a.voteWeight !== b.voteWeight) return a.voteWeight > b.voteWeight ? -1 : 1;
  return compareBytes(a.address, b.address);
}

export function electProducers(input: ElectionInput): ElectionResult {
  const { candidates, totalStake, params, currentSet } = input;
  checkParams(params);
  const minWeight = minimumVoteWeight(totalStake, params.minVoteRatioPpm);
  checkCandidates(candidates);

  const eligible = candidates.filter((c) => ineligibility(c, minWeight) === null);
  if (eligible.length < params.minEligible) {
    // A set must always exist; an empty or stale carry-over is a caller bug, not a protocol state.
    if (currentSet.length === 0) throw new RangeError('currentSet is empty: nothing can carry on');
    currentSet.forEach((a, i) => assertAddress(a, `currentSet[${i}]`));
    return {
      set: currentSet.slice(),
      carriedOver: true,
      reason:
        `only ${eligible.length} eligible candidate(s), fewer than the minimum ${params.minEligible}; ` +
        `the current set of ${currentSet.length} carries on`,
    };
  }

  const chosen = eligible.slice().sort(compareCandidates).slice(0, params.activeProducers);
  return {
    set: chosen.map((c) => c.address),
    carriedOver: false,
    reason: `elected ${chosen.length} of ${eligible.length} eligible candidate(s) (minimum weight ${minWeight})`,
  };
}

function assertPpm(ppm: number): void {
  if (!Number.isSafeInteger(ppm) || ppm < 0 || ppm > 1_000_000) {
    throw new RangeError(`minVoteRatioPpm must be an integer in 0…1000000, got ${ppm}`);
  }
}

function checkParams(p: ElectionParams): void {
  assertCount(p.activeProducers, 'activeProducers', 1);
  // minEligible ≥ 1 guarantees an election never yields an empty set.
  assertCount(p.minEligible, 'minEligible', 1);
  assertPpm(p.minVoteRatioPpm);
}

function checkCandidates(candidates: readonly ElectionCandidate[]): void {
  // Duplicates would let one address take two seats; state can never hold them, so this is a bug.
  const seen = new Set<string>();
  candidates.forEach((c, i) => {
    assertAddress(c.address, `candidates[${i}].address`);
    assertU64(c.voteWeight, `candidates[${i}].voteWeight`);
    const key = hexAddress(c.address);
    if (seen.has(key)) throw new RangeError(`candidate ${key} appears twice`);
    seen.add(key);
  });
}
