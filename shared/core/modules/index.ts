/**
 * The modules, one folder per concern, and the registries that collect them: the payload variants
 * (../types/payload.ts), each payload type's rule (../state/transactions.ts), each intent's builder
 * (the CLI and the wallet), each payload's plain words (../offline/summary.ts), and every refusal code. A new transaction kind is added in its module
 * and appears here through the module's tables; see docs/ARCHITECTURE.md, "Modules". The kinds by name are in
 * ./kinds.ts and the intents' zod schemas in ./intent-schemas.ts, kept apart so this file (the protocol's code) loads
 * no zod and the page can have the names without any code.
 */
import type { Payload } from '../types/payload.ts';
import { ENVELOPE_REFUSALS } from '../state/context.ts';
import { candidateIntents, type CandidateIntent } from './candidates/intents.ts';
import { CANDIDATE_REFUSALS } from './candidates/refusals.ts';
import { candidateRules } from './candidates/rules.ts';
import { EVIDENCE_REFUSALS } from './evidence/refusals.ts';
import { evidenceRules } from './evidence/rules.ts';
import { governanceIntents, type GovernanceIntent } from './governance/intents.ts';
import { GOVERNANCE_REFUSALS } from './governance/refusals.ts';
import { governanceRules } from './governance/rules.ts';
import { IntentError, type IntentContext } from './intent.ts';
import type { KindRule, KindRules } from './kind.ts';
import { stakingIntents, type StakingIntent } from './staking/intents.ts';
import { STAKING_REFUSALS } from './staking/refusals.ts';
import { stakingRules } from './staking/rules.ts';
import { tokenIntents, type TokenIntent } from './token/intents.ts';
import { TOKEN_REFUSALS } from './token/refusals.ts';
import { tokenRules } from './token/rules.ts';
import { candidateSummaries } from './candidates/summary.ts';
import { evidenceSummaries } from './evidence/summary.ts';
import { governanceSummaries } from './governance/summary.ts';
import { stakingSummaries } from './staking/summary.ts';
import type { KindSummaries, Show } from './summary.ts';
import { tokenSummaries } from './token/summary.ts';

export * from './candidates/index.ts';
export * from './evidence/index.ts';
export * from './governance/index.ts';
export * from './staking/index.ts';
export * from './token/index.ts';
export { IntentError, type IntentContext } from './intent.ts';
export type { KindRule, KindRules } from './kind.ts';
export type { KindSummaries, Show } from './summary.ts';
export { refuse, type Refusal } from './refusal.ts';

/** Every payload type's rule. */
export const PAYLOAD_RULES: KindRules<Payload, RefusalCode> = {
  ...tokenRules,
  ...governanceRules,
  ...stakingRules,
  ...candidateRules,
  ...evidenceRules,
};

export const payloadRule = (payload: Payload): KindRule<Payload, RefusalCode> =>
  PAYLOAD_RULES[payload.type] as KindRule<Payload, RefusalCode>;

const PAYLOAD_SUMMARIES: KindSummaries<Payload> = {
  ...tokenSummaries,
  ...governanceSummaries,
  ...stakingSummaries,
  ...candidateSummaries,
  ...evidenceSummaries,
};

/** The payload in plain words, as its module says it (what a signer reads). */
export function payloadSummary(payload: Payload, show: Show): string[] {
  return (PAYLOAD_SUMMARIES[payload.type] as (payload: Payload, show: Show) => string[])(payload, show);
}

/** What a person may ask for: one intent per thing they do (evidence is sent by nodes, not people). */
export type Intent = TokenIntent | GovernanceIntent | StakingIntent | CandidateIntent;
export type IntentType = Intent['type'];

const INTENT_BUILDERS = { ...tokenIntents, ...governanceIntents, ...stakingIntents, ...candidateIntents };

/** The one intent-to-payload builder; throws IntentError with a message for the person. */
export function buildPayload(intent: Intent, ctx: IntentContext): Payload {
  const build = INTENT_BUILDERS[intent.type] as (intent: Intent, ctx: IntentContext) => Payload;
  if (build === undefined) throw new IntentError(`"${String(intent.type)}" is not something a transaction can do.`);
  return build(intent, ctx);
}

/** Every code a refused transaction can carry, once each: the envelope's, then each module's. */
export const REFUSAL_CODES = [
  ...new Set([
    ...ENVELOPE_REFUSALS,
    ...TOKEN_REFUSALS,
    ...GOVERNANCE_REFUSALS,
    ...STAKING_REFUSALS,
    ...CANDIDATE_REFUSALS,
    ...EVIDENCE_REFUSALS,
  ]),
];
export type RefusalCode = (typeof REFUSAL_CODES)[number];
