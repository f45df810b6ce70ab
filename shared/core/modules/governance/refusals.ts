/** Why the governance rules refuse a transaction, as stable codes (see ../refusal.ts). */
export const GOVERNANCE_REFUSALS = [
  'ALREADY_MEMBER',
  'APPLICATION_OPEN',
  'NOT_A_MEMBER',
  'DEADLINE_FULL',
  'TOO_MANY_OPEN_PROPOSALS',
  'MEMBER_NOT_FOUND',
  'LAST_MEMBER',
  'PARAMETER_UNCHANGED',
  'PARAMETER_OUT_OF_RANGE',
  'PROPOSAL_NOT_FOUND',
  'PROPOSAL_CLOSED',
  'VOTING_CLOSED',
  'ALREADY_VOTED',
  'CONSORTIUM_FULL',
] as const;
export type GovernanceRefusal = (typeof GOVERNANCE_REFUSALS)[number];
