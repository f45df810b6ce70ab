/**
 * Size limits baked into the encoding. They bound what a decoder will allocate for hostile input
 * and are consensus rules: changing one changes which bytes are valid, so it needs a new version.
 */
export const MAX_MEMO_BYTES = 64;
export const MAX_MEMBER_NAME_BYTES = 64;
export const MAX_MEMBER_INFO_BYTES = 256;
export const MAX_CANDIDATE_NAME_BYTES = 32;
export const MAX_ENDPOINT_BYTES = 128;
/** Per `vote` transaction, and per account: the design's "up to 10 candidates". */
export const MAX_VOTE_CHANGES = 10;
export const MAX_VOTES_PER_ACCOUNT = 10;
/** Pending unbonding entries per account; an unstake beyond this is refused until a withdraw. */
export const MAX_UNBONDING_ENTRIES = 32;
/** Upper bound on any validator set (and so on commit signatures). */
export const MAX_VALIDATORS = 256;
/** Upper bound on consortium members (bounds the yes/no lists of a proposal). */
export const MAX_MEMBERS = 1024;
export const MAX_BLOCK_TRANSACTIONS = 10_000;
/** The block header layout defined here. */
export const HEADER_VERSION = 1;
