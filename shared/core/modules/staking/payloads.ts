/** The stake pool's transactions (tags 0x2_) and voting (0x3_), and their wire form. */
import { bool, sortedSet, struct, u64, type Codec } from '../../encoding/index.ts';
import { addressCodec, type Address } from '../../types/primitives.ts';
import { MAX_VOTE_CHANGES } from './limits.ts';
import type { VariantsOf } from '../kinds.ts';
import type { stakingKinds } from './kinds.ts';

/** Balance → stake pool (members only). */
export interface Stake {
  type: 'stake';
  amount: bigint;
}

/** Unallocated stake → unbonding, released after the unbonding period. */
export interface Unstake {
  type: 'unstake';
  amount: bigint;
}

/** All matured unbonding → balance. */
export interface Withdraw {
  type: 'withdraw';
}

/** Allocate (increase) or withdraw (decrease) staked amount on one candidate. */
export interface VoteChange {
  candidate: Address;
  increase: boolean;
  amount: bigint;
}

/** Changes to up to 10 candidates, sorted by candidate address with none repeated. */
export interface VotePayload {
  type: 'vote';
  changes: VoteChange[];
}

export type StakingPayload = Stake | Unstake | Withdraw | VotePayload;

const voteChangeCodec: Codec<VoteChange> = struct({ candidate: addressCodec, increase: bool, amount: u64 });

/** Variants of the payload union (../../types/payload.ts): tags are wire values, never renumbered. */
export const stakingPayloads = {
  stake: [0x20, struct({ amount: u64 })],
  unstake: [0x21, struct({ amount: u64 })],
  withdraw: [0x22, struct({})],
  vote: [0x30, struct({ changes: sortedSet(voteChangeCodec, MAX_VOTE_CHANGES, (c) => c.candidate) })],
} as const satisfies VariantsOf<typeof stakingKinds>;
