/**
 * Every intent a person may send, as one zod schema composed from the modules' (./<name>/intent-schema.ts).
 * The contract uses it as the wallet's IPC input (../../contract/schemas/wallet.ts). The checks below make
 * the type checker refuse schemas that drift from the modules' intents (./index.ts) or their descriptions
 * (./kinds.ts).
 */
import * as z from 'zod';
import { candidateIntentSchemas } from './candidates/intent-schema.ts';
import { governanceIntentSchemas } from './governance/intent-schema.ts';
import type { Intent, IntentType } from './index.ts';
import type { IntentKindName } from './kinds.ts';
import { stakingIntentSchemas } from './staking/intent-schema.ts';
import { tokenIntentSchemas } from './token/intent-schema.ts';

export const intentSchema = z.discriminatedUnion('type', [
  ...tokenIntentSchemas,
  ...stakingIntentSchemas,
  ...candidateIntentSchemas,
  ...governanceIntentSchemas,
]);

type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaType = z.output<typeof intentSchema>['type'];
/** The schemas cover exactly the builders' intents and the described kinds, and each parses to a buildable intent. */
export const intentSchemasMatchTheModules: [
  SameSet<SchemaType, IntentType>,
  SameSet<SchemaType, IntentKindName>,
  z.output<typeof intentSchema> extends Intent ? true : false,
] = [true, true, true];
