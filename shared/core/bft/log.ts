import type { ProposalRecord, RoundLog, ValueId, VoteKind } from './types.ts';

/** A round log being written during one step; copied from the previous state's log on first write. */
export interface MutableRoundLog {
  proposals: ProposalRecord[];
  prevotes: Map<number, ValueId | null>;
  precommits: Map<number, ValueId | null>;
}

export const EMPTY_ROUND: RoundLog = { proposals: [], prevotes: new Map(), precommits: new Map() };

export function copyRound(log: RoundLog | undefined): MutableRoundLog {
  return {
    proposals: [...(log?.proposals ?? [])],
    prevotes: new Map(log?.prevotes),
    precommits: new Map(log?.precommits),
  };
}

export function votes(log: RoundLog, kind: VoteKind): ReadonlyMap<number, ValueId | null> {
  return kind === 'prevote' ? log.prevotes : log.precommits;
}

/** Number of validators whose (first) vote is for `value`; null counts nil votes. */
export function countFor(votes: ReadonlyMap<number, ValueId | null>, value: ValueId | null): number {
  let n = 0;
  for (const v of votes.values()) if (v === value) n++;
  return n;
}

/** Indexes of the validators that voted for `value`, ascending. */
export function votersFor(votes: ReadonlyMap<number, ValueId | null>, value: ValueId): number[] {
  const out: number[] = [];
  for (const [from, v] of votes) if (v === value) out.push(from);
  return out.sort((a, b) => a - b);
}

export function isEmptyRound(log: RoundLog): boolean {
  return log.proposals.length === 0 && log.prevotes.size === 0 && log.precommits.size === 0;
}
