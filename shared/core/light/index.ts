// The light client: commit certificates, header sequence and hand-offs, where trust starts, proofs.
export { ACCEPT, allOf, reject, showHash, type Verdict } from './verdict.ts';
export {
  hashOfSet,
  precommitBytes,
  verifyCertificateTarget,
  verifyCommit,
  verifyNamedSet,
  verifyPrecommitSignatures,
  verifyQuorum,
  verifySignerIndexes,
  type CommitCheck,
} from './commit.ts';
export {
  verifyAdjacent,
  verifyAnnouncedSet,
  verifyHandOff,
  verifyHandOffRound,
  verifyHeightFollows,
  verifyLinked,
  verifyNewer,
  verifyRoundFollows,
  verifySetContinues,
  verifyWithinRound,
} from './sequence.ts';
export {
  formatDuration,
  MAX_CLOCK_DRIFT_MS,
  trustFromCheckpoint,
  trustFromGenesis,
  trustFromGenesisDoc,
  unbondingPeriodMs,
  verifyChainId,
  verifyCheckpointAge,
  verifyCheckpointSets,
  verifyGenesis,
  verifyNotFromFuture,
  type Checkpoint,
  type CheckpointTrust,
  type GenesisTrust,
  type UnbondingParameters,
} from './checkpoint.ts';
export {
  readStateRecord,
  verifyStateValue,
  verifyTransactionInclusion,
  type StateValueClaim,
  type TransactionClaim,
  type VerifiedRecord,
} from './proofs.ts';
export {
  acceptHandOff,
  acceptHeader,
  type Accepted,
  type CertifiedHeader,
  type ClientOptions,
  type HandOff,
  type LightClientState,
  type TrustedBlock,
} from './client.ts';
export {
  acceptSkip,
  followedSet,
  maySkipTo,
  verifyNamesFollowedSet,
  verifyStillBonded,
  type SkipOptions,
} from './skip.ts';
export { verifyCompleteListing } from './listing.ts';
