/** Candidates: producer registration, key rotation and moves, resignation, and return from jail. */
export * from './limits.ts';
export * from './records.ts';
export * from './keys.ts';
export * from './payloads.ts';
export * from './refusals.ts';
export { candidateRules } from './rules.ts';
export * from './intents.ts';
