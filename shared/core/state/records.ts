/**
 * Codecs of the state records the data model does not define: chain totals, the round record,
 * and the small index records that let rules find things without scanning (the state is a
 * key-value map with hashed keys, so nothing can be enumerated that is not listed somewhere).
 */
import { checkRoundTable, type RoundSpan, type RoundTable } from '../dpos/index.ts';
import { array, refine, sortedSet, struct, u32, u64, type Codec } from '../encoding/index.ts';
import {
  addressCodec,
  hashCodec,
  MAX_BLOCK_TRANSACTIONS,
  MAX_MEMBERS,
  validatorSetCodec,
  type Address,
  type Hash,
  type ValidatorSet,
} from '../types/index.ts';

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

/** Who owns a unique name or consensus key (index records). */
export interface Owner {
  candidate: Address;
}
export const ownerCodec: Codec<Owner> = struct({ candidate: addressCodec });

/** An applicant's open admission proposal (at most one each). */
export interface Application {
  proposalId: Hash;
}
export const applicationCodec: Codec<Application> = struct({ proposalId: hashCodec });

/** Proposals whose voting ends at one height, in creation order: what lapses at its end. */
export interface Deadlines {
  proposals: Hash[];
}
/** A parameter change can make proposals of different blocks share a deadline; this bounds the list. */
export const MAX_PROPOSALS_PER_DEADLINE = MAX_BLOCK_TRANSACTIONS;
export const deadlinesCodec: Codec<Deadlines> = struct({ proposals: array(hashCodec, MAX_PROPOSALS_PER_DEADLINE) });

/** All members, sorted: the count behind the 2/3 and 1/3 thresholds, and a list wallets can prove. */
export const memberListCodec: Codec<Address[]> = sortedSet(addressCodec, MAX_MEMBERS);

/** Live candidates (active or jailed), sorted: who the election reads. One per member at most when registering. */
export const MAX_CANDIDATES = MAX_MEMBERS;
export const candidateListCodec: Codec<Address[]> = sortedSet(addressCodec, MAX_CANDIDATES);

/**
 * Ids of the proposals still open, sorted: one proof shows the whole set, so a listing of open
 * proposals can be checked complete (an endpoint cannot hide one). Bounded, so the record stays
 * small: opening a proposal while it is full is refused until one closes.
 */
export const MAX_OPEN_PROPOSALS = 1024;
export const openProposalListCodec: Codec<Hash[]> = sortedSet(hashCodec, MAX_OPEN_PROPOSALS);
