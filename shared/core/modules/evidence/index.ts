/**
 * Evidence: proof that a consensus key signed two conflicting votes or proposals, which slashes and
 * tombstones its candidate. Evidence is sent by the node that saw it, so it has no person's intent.
 */
export * from './payloads.ts';
export * from './refusals.ts';
export { evidenceRules, PROPOSAL_SIGNING_DOMAIN } from './rules.ts';
export type { SlashOutcome } from './slashing.ts';
