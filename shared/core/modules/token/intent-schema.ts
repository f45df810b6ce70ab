/** The token's intents as the wallet's page sends them (zod; composed in ../intent-schemas.ts). */
import * as z from 'zod';
import { address, amount, bytesAtMost } from '../intent-fields.ts';
import { MAX_MEMO_BYTES } from './limits.ts';

export const tokenIntentSchemas = [
  z.object({ type: z.literal('transfer'), to: address, amount, memo: bytesAtMost(MAX_MEMO_BYTES).optional() }).strict(),
] as const;
