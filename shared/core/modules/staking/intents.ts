/** Staking and voting intents as a person gives them, and the one builder of their payloads. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { compareBytes } from '../../encoding/index.ts';
import { IntentError, type IntentBuilders, type IntentContext } from '../intent.ts';
import { MAX_VOTE_CHANGES } from './limits.ts';
import type { StakingPayload, VoteChange } from './payloads.ts';

/**
 * A vote is given either as the wanted allocations (the wallet: candidates left out are taken back
 * in full) or as the changes themselves (the CLI's --for / --against).
 */
export type VoteIntent =
  | { type: 'vote'; allocations: readonly { candidate: string; amount: string }[] }
  | { type: 'vote'; changes: readonly { candidate: string; increase: boolean; amount: string }[] };

export type StakingIntent =
  { type: 'stake'; amount: string } | { type: 'unstake'; amount: string } | { type: 'withdraw' } | VoteIntent;

interface Allocation {
  candidate: Uint8Array;
  amount: bigint;
}

/** The payload wants changes sorted by candidate with none repeated, each moving something. */
function checkedChanges(changes: VoteChange[]): VoteChange[] {
  if (changes.length > MAX_VOTE_CHANGES) {
    throw new IntentError(
      `This would change ${changes.length} candidates at once; one vote changes at most ${MAX_VOTE_CHANGES}. Split it into two votes.`,
    );
  }
  for (const c of changes)
    if (c.amount === 0n) throw new IntentError('A vote change of 0 does nothing; give a positive amount.');
  return changes.sort((a, b) => compareBytes(a.candidate, b.candidate));
}

/**
 * Turns wanted allocations into the changes a `vote` payload carries: raise or lower each named
 * candidate to its amount, and take back everything from candidates left out. Sorted by candidate.
 * `show` names a candidate in a message.
 */
export function voteChangesToward(
  current: readonly Allocation[],
  wanted: readonly Allocation[],
  show: (a: Uint8Array) => string,
): VoteChange[] {
  const target = new Map<string, Allocation>();
  for (const w of wanted) {
    const key = bytesToHex(w.candidate);
    if (target.has(key))
      throw new IntentError(`The candidate ${show(w.candidate)} is listed twice; give one amount per candidate.`);
    target.set(key, w);
  }
  const changes: VoteChange[] = [];
  for (const [key, w] of target) {
    const now = current.find((c) => bytesToHex(c.candidate) === key)?.amount ?? 0n;
    if (w.amount !== now)
      changes.push({
        candidate: w.candidate,
        increase: w.amount > now,
        amount: w.amount > now ? w.amount - now : now - w.amount,
      });
  }
  for (const c of current)
    if (!target.has(bytesToHex(c.candidate)))
      changes.push({ candidate: c.candidate, increase: false, amount: c.amount });
  if (changes.length === 0)
    throw new IntentError('These allocations are already in place; there is nothing to change.');
  return checkedChanges(changes);
}

function voteChanges(intent: VoteIntent, ctx: IntentContext): VoteChange[] {
  if ('allocations' in intent) {
    const wanted = intent.allocations
      .map((a) => ({ candidate: ctx.address(a.candidate, 'candidate'), amount: ctx.amount(a.amount, 'voteAmount') }))
      .filter((w) => w.amount > 0n);
    return voteChangesToward(ctx.votes ?? [], wanted, ctx.showAddress ?? bytesToHex);
  }
  const changes = intent.changes.map((c) => ({
    candidate: ctx.address(c.candidate, 'candidate'),
    increase: c.increase,
    amount: ctx.amount(c.amount, 'voteAmount'),
  }));
  if (changes.length === 0) throw new IntentError('Give at least one vote change.');
  const sorted = checkedChanges(changes);
  for (let i = 1; i < sorted.length; i++) {
    if (compareBytes(sorted[i - 1]!.candidate, sorted[i]!.candidate) === 0)
      throw new IntentError('A candidate appears twice; give one change per candidate.');
  }
  return sorted;
}

export const stakingIntents: IntentBuilders<StakingIntent, StakingPayload> = {
  stake: (intent, ctx) => ({ type: 'stake', amount: ctx.amount(intent.amount, 'amount') }),
  unstake: (intent, ctx) => ({ type: 'unstake', amount: ctx.amount(intent.amount, 'amount') }),
  withdraw: () => ({ type: 'withdraw' }),
  vote: (intent, ctx) => ({ type: 'vote', changes: voteChanges(intent, ctx) }),
};
