/**
 * The stake pool and voting. The pool: `stake` (balance → staked, members only), `unstake` (unallocated stake →
 * unbonding, released after the unbonding period), `withdraw` (every matured entry → balance).
 * Only `staked` counts in the totals' stake (the election's base); unbonding stake is still
 * slashable but no longer backs votes.
 *
 * `vote`: allocate or withdraw staked amounts on up to 10 candidates (dpos rules). Increases need
 * a live candidate (active, or jailed and able to return); decreases are always allowed so
 * voters can leave a resigned or tombstoned candidate. Each change moves the candidate's weight
 * by the same amount, keeping weight = Σ allocations to it.
 */
import { applyVoteChanges, unallocatedStake } from '../../dpos/index.ts';
import { addU64, subU64, sumU64 } from '../../encoding/index.ts';
import { showAddress, type RuleInput } from '../../state/context.ts';
import type { StateView } from '../../state/view.ts';
import type { Unbonding } from '../../types/account.ts';
import type { KindRules } from '../kind.ts';
import { refuse, type Refusal } from '../refusal.ts';
import { MAX_UNBONDING_ENTRIES } from './limits.ts';
import type { StakingPayload, VotePayload } from './payloads.ts';
import type { StakingRefusal } from './refusals.ts';

type Rejection = Refusal<StakingRefusal> | undefined;

export const stakingRules: KindRules<StakingPayload, StakingRefusal> = {
  stake: { spend: (payload) => payload.amount, apply: (view, payload, input) => stake(view, payload.amount, input) },
  unstake: { apply: (view, payload, input) => unstake(view, payload.amount, input) },
  withdraw: { apply: (view, _payload, input) => withdraw(view, input) },
  vote: { apply: vote },
};

function stake(view: StateView, amount: bigint, { sender }: RuleInput): Rejection {
  if (!view.isMember(sender)) return refuse('NOT_A_MEMBER', 'only members may stake; apply for membership first');
  if (amount === 0n) return refuse('ZERO_AMOUNT', 'the stake amount is 0; stake at least 1 unit');
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
  if (amount === 0n) return refuse('ZERO_AMOUNT', 'the unstake amount is 0; unstake at least 1 unit');
  const account = view.account(sender);
  const free = unallocatedStake(account.votes, account.staked);
  if (amount > free) {
    return refuse(
      'STAKE_ALLOCATED',
      `only ${free} of your stake ${account.staked} is unallocated; withdraw votes from candidates before unstaking ${amount}`,
    );
  }
  const releaseHeight = addU64(height, params.unbondingPeriodBlocks);
  const unbonding = addUnbonding(account.unbonding, amount, releaseHeight);
  if (unbonding.length > MAX_UNBONDING_ENTRIES) {
    return refuse(
      'TOO_MANY_UNBONDING',
      `${MAX_UNBONDING_ENTRIES} unbonding entries are already pending; withdraw matured ones or wait for them to mature`,
    );
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
      ? refuse('NOTHING_TO_WITHDRAW', 'nothing to withdraw: the account has no unbonding stake')
      : refuse(
          'NOT_YET_RELEASED',
          `nothing to withdraw yet: the first release is at height ${next.releaseHeight} (now ${height})`,
        );
  }
  view.setAccount(sender, {
    ...account,
    balance: addU64(account.balance, sumU64(matured.map((e) => e.amount))),
    unbonding: account.unbonding.filter((e) => e.releaseHeight > height),
  });
  return undefined;
}

function vote(view: StateView, payload: VotePayload, { sender, addressPrefix }: RuleInput): Rejection {
  const show = (a: Uint8Array): string => showAddress(a, addressPrefix);
  for (const change of payload.changes) {
    const candidate = view.candidate(change.candidate);
    if (candidate === undefined)
      return refuse('CANDIDATE_NOT_FOUND', `${show(change.candidate)} is not a registered candidate`);
    if (change.increase && (candidate.status === 'resigned' || candidate.status === 'tombstoned')) {
      return refuse(
        'CANDIDATE_CLOSED',
        `candidate ${show(change.candidate)} is ${candidate.status} and cannot receive votes`,
      );
    }
  }
  const account = view.account(sender);
  const result = applyVoteChanges(account.votes, payload.changes, account.staked, { formatAddress: show });
  if (!result.ok) return refuse('INVALID_VOTE_CHANGES', result.reason);

  view.setAccount(sender, {
    ...account,
    votes: result.allocations.map((a) => ({ candidate: a.candidate, amount: a.amount })),
  });
  for (const change of payload.changes) {
    const candidate = view.candidate(change.candidate)!; // checked above
    const voteWeight = change.increase
      ? addU64(candidate.voteWeight, change.amount)
      : subU64(candidate.voteWeight, change.amount);
    view.setCandidate(change.candidate, { ...candidate, voteWeight });
  }
  return undefined;
}
