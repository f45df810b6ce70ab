/** `transfer`: balance to any address (the codec already fixed its 20 bytes and the memo's size). */
import { addU64, subU64 } from '../encoding/index.ts';
import type { Transfer } from '../types/index.ts';
import type { Rejection, RuleInput } from './context.ts';
import type { StateView } from './view.ts';

export function applyTransfer(view: StateView, payload: Transfer, input: RuleInput): Rejection {
  if (payload.amount === 0n) return 'the transfer amount is 0; send at least 1 unit';
  // Read the sender after the fee was charged; for a transfer to oneself the two reads must see each other.
  const from = view.account(input.sender);
  view.setAccount(input.sender, { ...from, balance: subU64(from.balance, payload.amount) });
  const to = view.account(payload.to);
  view.setAccount(payload.to, { ...to, balance: addU64(to.balance, payload.amount) });
  return undefined;
}
