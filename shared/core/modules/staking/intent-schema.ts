/**
 * Staking's and voting's intents as the wallet's page sends them (zod; composed in ../intent-schemas.ts).
 * `vote` gives the wanted allocations; the wallet works out the changes (candidates left out are withdrawn).
 */
import * as z from 'zod';
import { address, amount } from '../intent-fields.ts';
import { MAX_VOTES_PER_ACCOUNT } from './limits.ts';

export const stakingIntentSchemas = [
  z.object({ type: z.literal('stake'), amount }).strict(),
  z.object({ type: z.literal('unstake'), amount }).strict(),
  z.object({ type: z.literal('withdraw') }).strict(),
  z
    .object({
      type: z.literal('vote'),
      allocations: z.array(z.object({ candidate: address, amount }).strict()).max(MAX_VOTES_PER_ACCOUNT),
    })
    .strict(),
] as const;
