/** `transfer`: balance to any address (the codec already fixed its 20 bytes and the memo's size). */
import { addU64, subU64 } from '../../encoding/index.ts';
import type { KindRules } from '../kind.ts';
import { refuse } from '../refusal.ts';
import type { TokenPayload } from './payloads.ts';
import type { TokenRefusal } from './refusals.ts';

export const tokenRules: KindRules<TokenPayload, TokenRefusal> = {
  transfer: {
    spend: (payload) => payload.amount,
    apply(view, payload, input) {
      if (payload.amount === 0n) return refuse('ZERO_AMOUNT', 'the transfer amount is 0; send at least 1 unit');
      // Read the sender after the fee was charged; for a transfer to oneself the two reads must see each other.
      const from = view.account(input.sender);
      view.setAccount(input.sender, { ...from, balance: subU64(from.balance, payload.amount) });
      const to = view.account(payload.to);
      view.setAccount(payload.to, { ...to, balance: addU64(to.balance, payload.amount) });
      return undefined;
    },
  },
};
