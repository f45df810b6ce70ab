/**
 * `vote`: allocate or withdraw staked amounts on up to 10 candidates (dpos rules). Increases need
 * a live candidate (active, or jailed and able to return); decreases are always allowed so
 * voters can leave a resigned or tombstoned candidate. Each change moves the candidate's weight
 * by the same amount, keeping weight = Σ allocations to it.
 */
import { applyVoteChanges } from '../dpos/index.ts';
import { addU64, subU64 } from '../encoding/index.ts';
import type { VotePayload } from '../types/index.ts';
import { showAddress, type Rejection, type RuleInput } from './context.ts';
import type { StateView } from './view.ts';

export function applyVote(view: StateView, payload: VotePayload, { sender, addressPrefix }: RuleInput): Rejection {
  const show = (a: Uint8Array): string => showAddress(a, addressPrefix);
  for (const change of payload.changes) {
    const candidate = view.candidate(change.candidate);
    if (candidate === undefined) return `${show(change.candidate)} is not a registered candidate`;
    if (change.increase && (candidate.status === 'resigned' || candidate.status === 'tombstoned')) {
      return `candidate ${show(change.candidate)} is ${candidate.status} and cannot receive votes`;
    }
  }
  const account = view.account(sender);
  const result = applyVoteChanges(account.votes, payload.changes, account.staked, { formatAddress: show });
  if (!result.ok) return result.reason;

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
