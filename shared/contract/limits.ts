/**
 * The protocol's field limits, for the contract's schemas and the page's forms: the modules'
 * constants themselves (shared/core/modules/<name>/limits.ts), re-exported because the page may
 * import only the contract. Byte limits count UTF-8 bytes, as the chain does: `utf8Bytes`, which the intents'
 * schemas (shared/core/modules/intent-fields.ts) and the page's forms both count with.
 */
export {
  CANDIDATE_NAME_HINT,
  CANDIDATE_NAME_PATTERN,
  ENDPOINT_PATTERN,
  MAX_CANDIDATE_NAME_BYTES,
  MAX_ENDPOINT_BYTES,
} from '../core/modules/candidates/limits.ts';
export { MAX_MEMBER_INFO_BYTES, MAX_MEMBER_NAME_BYTES } from '../core/modules/governance/limits.ts';
export { MAX_VOTE_CHANGES, MAX_VOTES_PER_ACCOUNT } from '../core/modules/staking/limits.ts';
export { MAX_MEMO_BYTES } from '../core/modules/token/limits.ts';
export { utf8Bytes } from '../core/encoding/utf8.ts';
