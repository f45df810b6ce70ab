/** The token's intent as a person gives it, and the one builder of its payload. */
import type { IntentBuilders } from '../intent.ts';
import type { TokenPayload } from './payloads.ts';

export type TokenIntent = { type: 'transfer'; to: string; amount: string; memo?: string };

export const tokenIntents: IntentBuilders<TokenIntent, TokenPayload> = {
  // NFC: the encoding accepts one spelling of each text, so what was typed is normalised rather than refused.
  transfer: (intent, ctx) => ({
    type: 'transfer',
    to: ctx.address(intent.to, 'to'),
    amount: ctx.amount(intent.amount, 'amount'),
    memo: (intent.memo ?? '').normalize('NFC'),
  }),
};
