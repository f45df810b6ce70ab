/**
 * Codecs of the chain-wide state records the data model does not define: chain totals and the
 * round record. The modules' own index records (member list, deadlines, candidate list, name and
 * key owners) are in their folders and re-exported at the end.
 */
import { checkRoundTable, type RoundSpan, type RoundTable } from '../dpos/index.ts';
import { array, refine, struct, u32, u64, type Codec } from '../encoding/index.ts';
import { validatorSetCodec, type ValidatorSet } from '../types/index.ts';

/** Chain-wide sums, so supply checks and the election's total stake need no scan. */
export interface ChainTotals {
  /** Every unit in existence: Σ (balance + staked + unbonding) over all accounts, between blocks. */
  supply: bigint;
  /** Σ staked over all accounts (the base of the election's minimum vote ratio). */
  staked: bigint;
  /** New units created by block rewards since genesis. */
  minted: bigint;
  /** Units destroyed since genesis (the part of each slash not paid to the reporter). */
  burned: bigint;
  /** Units taken by slashing since genesis (burned + paid to reporters). */
  slashed: bigint;
}

export const totalsCodec: Codec<ChainTotals> = struct({
  supply: u64,
  staked: u64,
  minted: u64,
  burned: u64,
  slashed: u64,
});

export const ZERO_TOTALS: ChainTotals = { supply: 0n, staked: 0n, minted: 0n, burned: 0n, slashed: 0n };

/** One DPoS round the chain has fixed: where it starts, its turn length and its producers. */
export interface RoundEntry {
  round: bigint;
  startHeight: bigint;
  blocksPerTurn: number;
  /** The round's producers with the consensus keys they sign with, in election order. */
  validators: ValidatorSet;
}

/**
 * The consensus record. Between blocks it holds the round of the next height first, then the
 * round after it (whose set is already elected); the election at a round's last height appends
 * the round after next and drops the finished one in the same block.
 */
export interface RoundRecord {
  /** Height of the last block applied (0 = genesis). */
  height: bigint;
  rounds: RoundEntry[];
}

/** Current, next, and (only inside the end-of-round step) the newly elected round. */
export const MAX_ROUND_ENTRIES = 3;

export function spanOf(entry: RoundEntry): RoundSpan {
  return {
    round: entry.round,
    startHeight: entry.startHeight,
    setSize: entry.validators.length,
    blocksPerTurn: entry.blocksPerTurn,
  };
}

export function roundTableOf(record: RoundRecord): RoundTable {
  return record.rounds.map(spanOf);
}

const roundEntryCodec: Codec<RoundEntry> = struct({
  round: u64,
  startHeight: u64,
  blocksPerTurn: u32,
  validators: validatorSetCodec,
});

export const roundRecordCodec: Codec<RoundRecord> = refine(
  struct({ height: u64, rounds: array(roundEntryCodec, MAX_ROUND_ENTRIES) }),
  (r) => {
    const first = r.rounds[0];
    if (first === undefined) return 'the round record lists no round';
    try {
      checkRoundTable(roundTableOf(r));
    } catch (e) {
      return (e as Error).message;
    }
    // The first round is the one the next block belongs to.
    if (first.startHeight > r.height + 1n)
      return `round ${first.round} starts at ${first.startHeight}, after the next height ${r.height + 1n}`;
    if (first.startHeight + BigInt(first.validators.length * first.blocksPerTurn) <= r.height + 1n) {
      return `round ${first.round} ends before the next height ${r.height + 1n}`;
    }
    return undefined;
  },
);

// The modules' index records, re-exported so the state layout can be read from one place.
export {
  applicationCodec,
  deadlinesCodec,
  memberListCodec,
  openProposalListCodec,
  type Application,
  type Deadlines,
} from '../modules/governance/records.ts';
export { MAX_OPEN_PROPOSALS, MAX_PROPOSALS_PER_DEADLINE } from '../modules/governance/limits.ts';
export { candidateListCodec, ownerCodec, type Owner } from '../modules/candidates/records.ts';
export { MAX_CANDIDATES } from '../modules/candidates/limits.ts';
