/** Why the evidence rules refuse a transaction, as stable codes (see ../refusal.ts). */
export const EVIDENCE_REFUSALS = [
  'NOT_CONFLICTING',
  'BAD_SIGNATURE',
  'EVIDENCE_FROM_FUTURE',
  'EVIDENCE_TOO_OLD',
  'UNKNOWN_CONSENSUS_KEY',
  'ALREADY_PUNISHED',
] as const;
export type EvidenceRefusal = (typeof EVIDENCE_REFUSALS)[number];
