import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import { applyVoteChanges, unallocatedStake } from '../../../shared/core/dpos/index.ts';
import { describeAmount, type AmountDisplay } from '../../../shared/core/offline/index.ts';
import type { Account, Transaction } from '../../../shared/core/types/index.ts';

/**
 * Checks a transaction against its sender's committed account before it is sent. The node admits a
 * transaction on signature, fee and nonce alone and finds out about funds only when building a
 * block, where it drops it without telling anyone; catching it here gives the reason now.
 * Returns the reason it cannot apply, or undefined.
 */
export function preflight(
  account: Account,
  tx: Transaction,
  display: AmountDisplay,
  prefix: string,
): string | undefined {
  const amount = (units: bigint) => describeAmount(units, display);
  if (tx.nonce < account.nonce)
    return `nonce ${tx.nonce} is already used; the account's next nonce is ${account.nonce}`;
  const { payload } = tx;
  const spend = payload.type === 'transfer' || payload.type === 'stake' ? payload.amount : 0n;
  if (account.balance < spend + tx.fee) {
    const what = spend > 0n ? `${amount(spend)} plus the fee ${amount(tx.fee)}` : `the fee ${amount(tx.fee)}`;
    return `insufficient balance: ${what} is more than the account holds (${amount(account.balance)})`;
  }
  if (payload.type === 'unstake') {
    const free = unallocatedStake(account.votes, account.staked);
    if (payload.amount > free)
      return `only ${amount(free)} of the stake is not allocated to candidates; take votes back before unstaking ${amount(payload.amount)}`;
  }
  if (payload.type === 'vote') {
    const result = applyVoteChanges(account.votes, payload.changes, account.staked, {
      formatAddress: (a) => encodeAddress(prefix, a),
    });
    if (!result.ok) return result.reason;
  }
  return undefined;
}
