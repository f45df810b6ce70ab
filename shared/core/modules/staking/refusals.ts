/** Why the staking and voting rules refuse a transaction, as stable codes (see ../refusal.ts). */
export const STAKING_REFUSALS = [
  'NOT_A_MEMBER',
  'ZERO_AMOUNT',
  'STAKE_ALLOCATED',
  'TOO_MANY_UNBONDING',
  'NOTHING_TO_WITHDRAW',
  'NOT_YET_RELEASED',
  'CANDIDATE_NOT_FOUND',
  'CANDIDATE_CLOSED',
  'INVALID_VOTE_CHANGES',
] as const;
export type StakingRefusal = (typeof STAKING_REFUSALS)[number];
