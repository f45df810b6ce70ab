/** Governance limits. Consensus rules: changing one changes which bytes or transactions are valid. */
import { MAX_BLOCK_TRANSACTIONS } from '../../types/limits.ts';

export const MAX_MEMBER_NAME_BYTES = 64;
export const MAX_MEMBER_INFO_BYTES = 256;
/** Upper bound on consortium members (bounds the yes/no lists of a proposal). */
export const MAX_MEMBERS = 1024;
/** Open proposals at once: the open-proposal list is one record, so it stays small. */
export const MAX_OPEN_PROPOSALS = 1024;
/** A parameter change can make proposals of different blocks share a deadline; this bounds the list. */
export const MAX_PROPOSALS_PER_DEADLINE = MAX_BLOCK_TRANSACTIONS;
