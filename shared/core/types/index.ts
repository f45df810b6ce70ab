/**
 * The chain's data model: types, their canonical codecs, and the hashes that identify them. The
 * modules' payloads, records and limits (../modules) are re-exported here for the rest of the tree.
 */
export * from './limits.ts';
export * from './primitives.ts';
export * from './vote.ts';
export * from './block-proposal.ts';
export * from './commit.ts';
export * from './validators.ts';
export * from './parameters.ts';
export * from './payload.ts';
export * from './transaction.ts';
export * from './block.ts';
export * from './account.ts';
export * from '../modules/token/limits.ts';
export * from '../modules/token/payloads.ts';
export * from '../modules/governance/limits.ts';
export * from '../modules/governance/records.ts';
export * from '../modules/governance/payloads.ts';
export * from '../modules/staking/limits.ts';
export * from '../modules/staking/payloads.ts';
export * from '../modules/candidates/limits.ts';
export * from '../modules/candidates/records.ts';
export * from '../modules/candidates/payloads.ts';
export * from '../modules/evidence/payloads.ts';
