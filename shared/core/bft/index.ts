export {
  admits,
  admitsProposal,
  createHeightState,
  DEFAULT_ROUNDS_AHEAD,
  MAX_PROPOSALS_PER_ROUND,
  skipTarget,
  step,
} from './height.ts';
export { verifyCommitCertificate } from './certificate.ts';
export type { CertificateCheck, CommitCertificate } from './certificate.ts';
export { honestWitness, maxFaulty, quorum } from './quorum.ts';
export { linearTimeouts } from './timeouts.ts';
export type {
  BftAction,
  BftEvent,
  HeightConfig,
  HeightState,
  ProposalRecord,
  RoundLog,
  RoundTimeouts,
  SignedContent,
  Step,
  StepResult,
  TimeoutKind,
  ValueId,
  VoteKind,
} from './types.ts';
