/** The candidates' intents as the wallet's page sends them (zod; composed in ../intent-schemas.ts). */
import * as z from 'zod';
import { id } from '../intent-fields.ts';
import { MAX_CANDIDATE_NAME_BYTES, MAX_ENDPOINT_BYTES } from './limits.ts';

/** A consensus key kept in the vault, or the public key (hex) of one kept on the producer's server. */
const consensusKey = z.union([
  z.object({ keyId: id }).strict(),
  z.object({ publicKey: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
]);
const endpoint = z.string().trim().min(1).max(MAX_ENDPOINT_BYTES);

export const candidateIntentSchemas = [
  z
    .object({
      type: z.literal('candidate.register'),
      name: z.string().trim().min(1).max(MAX_CANDIDATE_NAME_BYTES),
      consensusKey,
      endpoint,
    })
    .strict(),
  z
    .object({
      type: z.literal('candidate.update'),
      consensusKey: consensusKey.optional(),
      endpoint: endpoint.optional(),
    })
    .strict(),
  z.object({ type: z.literal('candidate.resign') }).strict(),
  z.object({ type: z.literal('candidate.unjail') }).strict(),
] as const;
