/** The chain's data model: types, their canonical codecs, and the hashes that identify them. */
export * from './limits.ts';
export * from './primitives.ts';
export * from './vote.ts';
export * from './block-proposal.ts';
export * from './commit.ts';
export * from './validators.ts';
export * from './parameters.ts';
export * from './governance.ts';
export * from './payload.ts';
export * from './transaction.ts';
export * from './block.ts';
export * from './account.ts';
export * from './candidate.ts';
export * from './member.ts';
