/** Why the token rules refuse a transaction, as stable codes (see ../refusal.ts). */
export const TOKEN_REFUSALS = ['ZERO_AMOUNT'] as const;
export type TokenRefusal = (typeof TOKEN_REFUSALS)[number];
