/** Why the candidate rules refuse a transaction, as stable codes (see ../refusal.ts). */
export const CANDIDATE_REFUSALS = [
  'NOT_A_MEMBER',
  'TOMBSTONED',
  'ALREADY_CANDIDATE',
  'NAME_TAKEN',
  'INVALID_CONSENSUS_KEY',
  'CONSENSUS_KEY_TAKEN',
  'CANDIDATE_LIST_FULL',
  'NOT_A_CANDIDATE',
  'RESIGNED',
  'NOTHING_TO_UPDATE',
  'SAME_CONSENSUS_KEY',
  'NOT_JAILED',
  'STILL_JAILED',
] as const;
export type CandidateRefusal = (typeof CANDIDATE_REFUSALS)[number];
