/** Staking and voting limits. Consensus rules: changing one changes which bytes are valid. */

/** Per `vote` transaction: the design's "up to 10 candidates". */
export const MAX_VOTE_CHANGES = 10;
/** Candidates one account's stake may be allocated to at once. */
export const MAX_VOTES_PER_ACCOUNT = 10;
/** Pending unbonding entries per account; an unstake beyond this is refused until a withdraw. */
export const MAX_UNBONDING_ENTRIES = 32;
