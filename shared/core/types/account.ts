/** An account's state, stored under its address (the address is the key, not a field). */
import { refine, sortedSet, struct, sumU64, u64, type Codec } from '../encoding/index.ts';
import { MAX_UNBONDING_ENTRIES, MAX_VOTES_PER_ACCOUNT } from '../modules/staking/limits.ts';
import { addressCodec, type Address } from './primitives.ts';

/** Stake on its way out: withdrawable from `releaseHeight` on. */
export interface Unbonding {
  amount: bigint;
  releaseHeight: bigint;
}

/** Staked amount allocated to one candidate. */
export interface VoteAllocation {
  candidate: Address;
  amount: bigint;
}

export interface Account {
  /** Spendable units. */
  balance: bigint;
  /** The nonce this account's next transaction must carry (= transactions sent so far). */
  nonce: bigint;
  /** Total in the stake pool, allocated to candidates or not (unallocated = staked − Σ votes). */
  staked: bigint;
  /** Pending releases, strictly increasing by releaseHeight (same-height entries are merged). */
  unbonding: Unbonding[];
  /** Allocations, sorted by candidate, one per candidate, never summing above `staked`. */
  votes: VoteAllocation[];
}

const unbondingCodec: Codec<Unbonding> = struct({ amount: u64, releaseHeight: u64 });
const voteAllocationCodec: Codec<VoteAllocation> = struct({ candidate: addressCodec, amount: u64 });

export const accountCodec: Codec<Account> = refine(
  struct({
    balance: u64,
    nonce: u64,
    staked: u64,
    unbonding: sortedSet(unbondingCodec, MAX_UNBONDING_ENTRIES, (u) => u64.encode(u.releaseHeight)),
    votes: sortedSet(voteAllocationCodec, MAX_VOTES_PER_ACCOUNT, (v) => v.candidate),
  }),
  (a) => {
    // A zero entry means the same as no entry: dropping them keeps one encoding per state.
    if (a.unbonding.some((u) => u.amount === 0n)) return 'an unbonding entry has amount 0';
    if (a.votes.some((v) => v.amount === 0n)) return 'a vote allocation has amount 0';
    let allocated: bigint;
    try {
      allocated = sumU64(a.votes.map((v) => v.amount));
    } catch {
      return 'vote allocations overflow u64';
    }
    if (allocated > a.staked) return `vote allocations (${allocated}) exceed staked (${a.staked})`;
    return undefined;
  },
);
