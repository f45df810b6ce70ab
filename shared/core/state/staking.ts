/**
 * The stake pool: `stake` (balance → staked, members only), `unstake` (unallocated stake →
 * unbonding, released after the unbonding period), `withdraw` (every matured entry → balance).
 * Only `staked` counts in the totals' stake (the election's base); unbonding stake is still
 * slashable but no longer backs votes.
 */
import { unallocatedStake } from '../dpos/index.ts';
import { addU64, subU64, sumU64 } from '../encoding/index.ts';
import { MAX_UNBONDING_ENTRIES, type Stake, type Unbonding, type Unstake, type Withdraw } from '../types/index.ts';
import type { Rejection, RuleInput } from './context.ts';
import type { StateView } from './view.ts';

export function applyStaking(view: StateView, payload: Stake | Unstake | Withdraw, input: RuleInput): Rejection {
  switch (payload.type) {
    case 'stake':
      return stake(view, payload.amount, input);
    case 'unstake':
      return unstake(view, payload.amount, input);
    case 'withdraw':
      return withdraw(view, input);
  }
}

function stake(view: StateView, amount: bigint, { sender }: RuleInput): Rejection {
  if (!view.isMember(sender)) return 'only members may stake; apply for membership first';
  if (amount === 0n) return 'the stake amount is 0; stake at least 1 unit';
  const account = view.account(sender);
  view.setAccount(sender, {
    ...account,
    balance: subU64(account.balance, amount),
    staked: addU64(account.staked, amount),
  });
  const totals = view.totals();
  view.setTotals({ ...totals, staked: addU64(totals.staked, amount) });
  return undefined;
}

/** Adds an entry releasing at `releaseHeight`, merged into an existing entry of that height. */
export function addUnbonding(entries: readonly Unbonding[], amount: bigint, releaseHeight: bigint): Unbonding[] {
  const same = entries.find((e) => e.releaseHeight === releaseHeight);
  if (same !== undefined)
    return entries.map((e) => (e === same ? { amount: addU64(e.amount, amount), releaseHeight } : e));
  return [...entries, { amount, releaseHeight }].sort((a, b) => (a.releaseHeight < b.releaseHeight ? -1 : 1));
}

function unstake(view: StateView, amount: bigint, { sender, height, params }: RuleInput): Rejection {
  if (amount === 0n) return 'the unstake amount is 0; unstake at least 1 unit';
  const account = view.account(sender);
  const free = unallocatedStake(account.votes, account.staked);
  if (amount > free) {
    return `only ${free} of your stake ${account.staked} is unallocated; withdraw votes from candidates before unstaking ${amount}`;
  }
  const releaseHeight = addU64(height, params.unbondingPeriodBlocks);
  const unbonding = addUnbonding(account.unbonding, amount, releaseHeight);
  if (unbonding.length > MAX_UNBONDING_ENTRIES) {
    return `${MAX_UNBONDING_ENTRIES} unbonding entries are already pending; withdraw matured ones or wait for them to mature`;
  }
  view.setAccount(sender, { ...account, staked: subU64(account.staked, amount), unbonding });
  const totals = view.totals();
  view.setTotals({ ...totals, staked: subU64(totals.staked, amount) });
  return undefined;
}

function withdraw(view: StateView, { sender, height }: RuleInput): Rejection {
  const account = view.account(sender);
  const matured = account.unbonding.filter((e) => e.releaseHeight <= height);
  if (matured.length === 0) {
    const next = account.unbonding[0];
    return next === undefined
      ? 'nothing to withdraw: the account has no unbonding stake'
      : `nothing to withdraw yet: the first release is at height ${next.releaseHeight} (now ${height})`;
  }
  view.setAccount(sender, {
    ...account,
    balance: addU64(account.balance, sumU64(matured.map((e) => e.amount))),
    unbonding: account.unbonding.filter((e) => e.releaseHeight > height),
  });
  return undefined;
}
