/**
 * Punishment for equivocation. The candidate's self-stake (its own account's staked plus
 * unbonding) loses ⌊self-stake × slashPpm / 10^6⌋, taken in this order so votes are disturbed
 * last: unallocated stake; then unbonding entries, latest release first (the stake on its way
 * out); then allocated stake, trimming allocations from the highest candidate address down (each
 * trimmed candidate loses that much weight). The reporter gets ⌊slashed × reporterRewardPpm /
 * 10^6⌋ on its balance; the rest is burned. The candidate is tombstoned for good.
 */
import { unallocatedStake } from '../../dpos/index.ts';
import { addU64, subU64, sumU64 } from '../../encoding/index.ts';
import type { RuleInput } from '../../state/context.ts';
import type { StateView } from '../../state/view.ts';
import type { Account, VoteAllocation } from '../../types/account.ts';
import type { Address } from '../../types/primitives.ts';
import type { Candidate } from '../candidates/records.ts';
import { withAddress } from '../sorted.ts';

const PPM = 1_000_000n;

export interface SlashOutcome {
  slashed: bigint;
  reward: bigint;
  burned: bigint;
}

/** Takes `amount` (≤ staked + unbonding) from the account; returns it and how much came out of `staked`. */
function take(view: StateView, account: Account, amount: bigint): { account: Account; fromStaked: bigint } {
  let left = amount;
  const fromFree = min(left, unallocatedStake(account.votes, account.staked));
  left -= fromFree;

  const unbonding = [...account.unbonding];
  for (let i = unbonding.length - 1; i >= 0 && left > 0n; i--) {
    const entry = unbonding[i]!;
    const cut = min(left, entry.amount);
    left -= cut;
    unbonding[i] = { ...entry, amount: entry.amount - cut };
  }

  const votes: VoteAllocation[] = [...account.votes];
  const fromVotes = left;
  for (let i = votes.length - 1; i >= 0 && left > 0n; i--) {
    const v = votes[i]!;
    const cut = min(left, v.amount);
    left -= cut;
    votes[i] = { ...v, amount: v.amount - cut };
    const target = view.candidate(v.candidate);
    if (target !== undefined) view.setCandidate(v.candidate, { ...target, voteWeight: subU64(target.voteWeight, cut) });
  }
  if (left !== 0n) throw new RangeError(`slash of ${amount} exceeds the self-stake`); // amount ≤ self-stake by construction

  const fromStaked = fromFree + fromVotes;
  return {
    account: {
      ...account,
      staked: subU64(account.staked, fromStaked),
      unbonding: unbonding.filter((e) => e.amount > 0n),
      votes: votes.filter((v) => v.amount > 0n),
    },
    fromStaked,
  };
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export function slashAndTombstone(
  view: StateView,
  address: Address,
  candidate: Candidate,
  { sender, params }: RuleInput,
): SlashOutcome {
  const { jailedUntil: _gone, ...rest } = candidate;
  view.setCandidate(address, { ...rest, status: 'tombstoned', consecutiveMisses: 0 });
  view.setCandidateList(withAddress(view.candidateList(), address, false));

  const account = view.account(address);
  const selfStake = addU64(account.staked, sumU64(account.unbonding.map((e) => e.amount)));
  const slashed = (selfStake * BigInt(params.slashPpm)) / PPM;
  const reward = (slashed * BigInt(params.reporterRewardPpm)) / PPM;
  const burned = slashed - reward;
  const { account: after, fromStaked } = take(view, account, slashed);
  view.setAccount(address, after);

  // Read the reporter after the write above: it may be the punished account itself.
  const reporter = view.account(sender);
  view.setAccount(sender, { ...reporter, balance: addU64(reporter.balance, reward) });

  const totals = view.totals();
  view.setTotals({
    ...totals,
    supply: subU64(totals.supply, burned),
    staked: subU64(totals.staked, fromStaked),
    burned: addU64(totals.burned, burned),
    slashed: addU64(totals.slashed, slashed),
  });
  return { slashed, reward, burned };
}
