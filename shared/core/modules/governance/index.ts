/** Governance: membership applications, proposals (remove a member, change a parameter) and votes on them. */
export * from './limits.ts';
export * from './records.ts';
export * from './keys.ts';
export * from './payloads.ts';
export * from './refusals.ts';
export { failThreshold, governanceRules, lapseProposals, passThreshold } from './rules.ts';
export * from './intents.ts';
