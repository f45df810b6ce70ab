/**
 * Every transaction kind by name, composed from the modules' descriptions (./<name>/kinds.ts): the
 * payload kinds in wire-tag order, and each intent with the payload it builds and how its fields read.
 * Nothing here imports code (only types), so the contract may hand it to the page, whose bundle must
 * carry neither codecs nor crypto nor zod. The payload codec (../types/payload.ts), the rule tables and
 * the intent schemas (./intent-schemas.ts) are checked against these names.
 */
import { candidateKinds } from './candidates/kinds.ts';
import { evidenceKinds } from './evidence/kinds.ts';
import { governanceKinds } from './governance/kinds.ts';
import { stakingKinds } from './staking/kinds.ts';
import { tokenKinds } from './token/kinds.ts';

/**
 * How an intent field reads on a review screen: an account address, an amount of tokens, text the
 * person wrote, a code shown as written (hex, endpoints, parameter names and values), a yes or no, a
 * vote's allocations (candidate and amount each), or a consensus key (one kept in the vault, by id, or
 * a public key in hex).
 */
export type FieldShow = 'address' | 'amount' | 'text' | 'code' | 'yesNo' | 'allocations' | 'consensusKey';

/** One intent: the payload kind it builds and its fields (all but `type`) in the order they are shown. */
export interface IntentKind {
  readonly builds: string;
  readonly fields: Readonly<Record<string, FieldShow>>;
}

/** A module's kinds: its payload kinds in wire-tag order, and its intents by type (none for evidence). */
export interface ModuleKinds {
  readonly payloads: readonly string[];
  readonly intents: Readonly<Record<string, IntentKind>>;
}

/** Every payload kind, in the order of the codec's tags (the order its errors list them in). */
export const PAYLOAD_KINDS = [
  ...tokenKinds.payloads,
  ...governanceKinds.payloads,
  ...stakingKinds.payloads,
  ...candidateKinds.payloads,
  ...evidenceKinds.payloads,
] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

/** Every intent a person may give, by type. */
export const INTENT_KINDS = {
  ...tokenKinds.intents,
  ...governanceKinds.intents,
  ...stakingKinds.intents,
  ...candidateKinds.intents,
  ...evidenceKinds.intents,
} as const;
export type IntentKindName = keyof typeof INTENT_KINDS;
/** Every field name of every intent. */
export type IntentFieldName = {
  [K in IntentKindName]: keyof (typeof INTENT_KINDS)[K]['fields'];
}[IntentKindName] &
  string;

// An intent builds one of the payload kinds (a misspelt `builds` fails here).
const _intentsBuildPayloadKinds: { readonly [K in IntentKindName]: { builds: PayloadKind } } = INTENT_KINDS;
void _intentsBuildPayloadKinds;

/** A module's codec variants, one per payload kind it names: `satisfies VariantsOf<typeof tokenKinds>`. */
export type VariantsOf<M extends ModuleKinds> = { readonly [K in M['payloads'][number]]: unknown };
