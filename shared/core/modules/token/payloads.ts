/** The token's transaction (tag 0x0_) and its wire form. */
import { struct, text, u64 } from '../../encoding/index.ts';
import { addressCodec, type Address } from '../../types/primitives.ts';
import { MAX_MEMO_BYTES } from './limits.ts';
import type { VariantsOf } from '../kinds.ts';
import type { tokenKinds } from './kinds.ts';

export interface Transfer {
  type: 'transfer';
  to: Address;
  amount: bigint;
  /** Empty means no memo (one spelling of "none", so not an optional). */
  memo: string;
}

export type TokenPayload = Transfer;

/** Variants of the payload union (../../types/payload.ts): tags are wire values, never renumbered. */
export const tokenPayloads = {
  transfer: [0x01, struct({ to: addressCodec, amount: u64, memo: text(MAX_MEMO_BYTES) })],
} as const satisfies VariantsOf<typeof tokenKinds>;
