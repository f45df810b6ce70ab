/** Governance's intents as the wallet's page sends them (zod; composed in ../intent-schemas.ts). */
import * as z from 'zod';
import { address, amount, bytesAtMost, hashHex } from '../intent-fields.ts';
import { MAX_MEMBER_INFO_BYTES, MAX_MEMBER_NAME_BYTES } from './limits.ts';

export const governanceIntentSchemas = [
  z
    .object({
      type: z.literal('member.apply'),
      name: z.string().trim().min(1).pipe(bytesAtMost(MAX_MEMBER_NAME_BYTES)),
      info: bytesAtMost(MAX_MEMBER_INFO_BYTES),
    })
    .strict(),
  z.object({ type: z.literal('member.vote'), proposalId: hashHex, approve: z.boolean() }).strict(),
  z.object({ type: z.literal('member.proposeRemoval'), member: address }).strict(),
  z.object({ type: z.literal('member.proposeParameter'), name: z.string().min(1).max(64), value: amount }).strict(),
] as const;
