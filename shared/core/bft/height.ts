/**
 * Tendermint consensus for one height (Buchman, Kwon, Milosevic, "The latest gossip on BFT
 * consensus", 2018, Algorithm 1) as a pure state machine: step(state, event) → { state, actions }.
 * Line numbers in comments refer to that algorithm. Each step copies what it changes; the previous
 * state is never mutated. After an event is recorded, the upon-rules are re-evaluated until none
 * fires, which is a legal execution of the paper's guarded rules in some order.
 *
 * What peers can make it store is bounded (see `admits`): rounds up to `roundsAhead` past the current
 * one are kept in full; beyond that, only each validator's highest round (enough to skip to it); at most
 * MAX_PROPOSALS_PER_ROUND proposals per round. Per event, the rules look only at the rounds the event
 * touched, and the round skip at one number per validator, never at every stored round.
 */
import { copyRound, countFor, EMPTY_ROUND, isEmptyRound, votersFor, votes, type MutableRoundLog } from './log.ts';
import { honestWitness, quorum } from './quorum.ts';
import type {
  BftAction,
  BftEvent,
  HeightConfig,
  HeightState,
  RoundLog,
  StepResult,
  TimeoutKind,
  ValueId,
  VoteKind,
} from './types.ts';

/** Rounds past the current one whose messages are kept in full when the config does not say. */
export const DEFAULT_ROUNDS_AHEAD = 2;
/**
 * Distinct proposals kept per round: the first, and conflicting ones only up to this (one conflicting pair is
 * the evidence). A node that missed the value a quorum decided among more than this gets the block by sync.
 */
export const MAX_PROPOSALS_PER_ROUND = 3;

type Draft = { -readonly [K in keyof HeightState]: HeightState[K] };

interface Ctx {
  readonly s: Draft;
  readonly out: BftAction[];
  /** Rounds whose log was already copied in this step, so writes go to the copy; also the rounds to re-check. */
  readonly copied: Map<number, MutableRoundLog>;
  /** Copy-on-write of the state's collections: each is copied at most once per step, and only when written. */
  rounds: Map<number, RoundLog> | null;
  reported: Set<string> | null;
  latest: Map<number, number> | null;
  /** Re-check every stored round (at `start`: messages may have arrived before it). */
  checkAll: boolean;
  /** A validator's highest round went up (or the machine started): the round skip may fire. */
  skipCheck: boolean;
}

export function createHeightState(config: HeightConfig): HeightState {
  const { height, validatorCount: n, selfIndex } = config;
  if (!Number.isSafeInteger(height) || height < 0)
    throw new RangeError(`height must be a non-negative integer, got ${height}`);
  quorum(n); // validates n
  if (selfIndex !== null && !isIndex(selfIndex, n))
    throw new RangeError(`selfIndex ${selfIndex} is not in the set of ${n}`);
  return {
    config,
    started: false,
    round: 0,
    step: 'propose',
    lockedValue: null,
    lockedRound: -1,
    validValue: null,
    validRound: -1,
    decision: null,
    rounds: new Map(),
    latestRound: new Map(),
    reported: new Set(),
    prevoteTimeoutScheduled: false,
    validUpdated: false,
    precommitTimeoutScheduled: false,
    awaitingValue: false,
  };
}

export function step(state: HeightState, event: BftEvent): StepResult {
  const ctx: Ctx = {
    s: { ...state },
    out: [],
    copied: new Map(),
    rounds: null,
    reported: null,
    latest: null,
    checkAll: false,
    skipCheck: false,
  };
  if (!apply(ctx, event)) return { state, actions: [] }; // ignored or duplicate: nothing changes
  if (ctx.s.started && ctx.s.decision === null) runRules(ctx);
  return { state: ctx.s, actions: ctx.out };
}

/** Applies the event itself; false when it is ignored (stale, malformed, duplicate). */
function apply(ctx: Ctx, e: BftEvent): boolean {
  const s = ctx.s;
  const live = s.started && s.decision === null;
  switch (e.type) {
    case 'start':
      if (s.started) return false;
      s.started = true;
      ctx.checkAll = true;
      ctx.skipCheck = true;
      startRound(ctx, 0); // line 10
      return true;
    case 'propose':
      if (!live || !s.awaitingValue || e.round !== s.round || !isValueId(e.valueId)) return false;
      s.awaitingValue = false;
      if (!propose(ctx, e.valueId, -1)) schedule(ctx, 'propose');
      return true;
    case 'proposal':
      return receiveProposal(ctx, e.round, e.valueId, e.polRound, e.from);
    case 'prevote':
    case 'precommit':
      return receiveVote(ctx, e.type, e.round, e.valueId, e.from);
    case 'timeoutPropose': // line 57
      if (!live || e.round !== s.round || s.step !== 'propose') return false;
      s.awaitingValue = false;
      castVote(ctx, 'prevote', null);
      s.step = 'prevote';
      return true;
    case 'timeoutPrevote': // line 61
      if (!live || e.round !== s.round || s.step !== 'prevote') return false;
      castVote(ctx, 'precommit', null);
      s.step = 'precommit';
      return true;
    case 'timeoutPrecommit': // line 65
      if (!live || e.round !== s.round) return false;
      startRound(ctx, s.round + 1);
      return true;
  }
}

function runRules(ctx: Ctx): void {
  // Each rule that fires advances the round or step or sets a once-per-round flag, so this ends.
  while (ctx.s.decision === null) {
    const fired =
      ruleDecide(ctx) ||
      ruleSkipRound(ctx) ||
      ruleProposalPrevote(ctx) ||
      rulePrevoteTimeout(ctx) ||
      ruleLock(ctx) ||
      ruleNilPrecommit(ctx) ||
      rulePrecommitTimeout(ctx);
    if (!fired) return;
  }
}

/** Lines 11-21. */
function startRound(ctx: Ctx, round: number): void {
  const s = ctx.s;
  s.round = round;
  s.step = 'propose';
  s.prevoteTimeoutScheduled = false;
  s.validUpdated = false;
  s.precommitTimeoutScheduled = false;
  s.awaitingValue = false;
  const self = s.config.selfIndex;
  if (self !== null && s.config.proposer(round) === self) {
    const value = s.validValue ?? s.config.getValue?.(round) ?? null;
    if (value === null || !isValueId(value)) {
      // Block building is the caller's: ask for it, and prevote nil if it never comes (always safe).
      s.awaitingValue = true;
      ctx.out.push({ type: 'requestValue', height: s.config.height, round });
    } else if (propose(ctx, value, s.validValue === null ? -1 : s.validRound)) {
      return; // line 19: the proposer sets no propose timeout
    }
  }
  schedule(ctx, 'propose');
}

/**
 * Line 49: a proposal for v in any round r with a quorum of precommits for v decides v. Only a round whose log
 * changed can newly satisfy it (validity is fixed on receipt), so only those are looked at.
 */
function ruleDecide(ctx: Ctx): boolean {
  const q = quorum(ctx.s.config.validatorCount);
  for (const round of ctx.checkAll ? ctx.s.rounds.keys() : ctx.copied.keys()) {
    const log = ctx.s.rounds.get(round);
    if (log === undefined) continue;
    for (const p of log.proposals) {
      if (!p.valid || countFor(log.precommits, p.valueId) < q) continue;
      ctx.s.decision = { valueId: p.valueId, round };
      const precommits = votersFor(log.precommits, p.valueId);
      ctx.out.push({ type: 'commit', height: ctx.s.config.height, round, valueId: p.valueId, precommits });
      return true;
    }
  }
  return false;
}

/**
 * Line 55, generalised: when f+1 validators have been heard from at round r or higher, at least one honest
 * validator has reached r, so jump to the highest such r. The paper asks for f+1 messages in one round r; every
 * case it covers is covered here, and a validator that moved on from r to r+1 still counts for r. The work is one
 * sort of N numbers, whatever the number of rounds stored.
 */
function ruleSkipRound(ctx: Ctx): boolean {
  const { s } = ctx;
  if (!ctx.skipCheck) return false;
  ctx.skipCheck = false;
  const target = skipTarget(s.latestRound, honestWitness(s.config.validatorCount));
  if (target <= s.round) return false;
  startRound(ctx, target);
  return true;
}

/** The highest round that at least `need` validators have been heard from at or above; -1 if none. */
export function skipTarget(latestRound: ReadonlyMap<number, number>, need: number): number {
  if (latestRound.size < need) return -1;
  const highest = [...latestRound.values()].sort((a, b) => b - a);
  return highest[need - 1]!;
}

/** Lines 22 and 28: the first proposal of this round that can be answered is prevoted, for v or nil. */
function ruleProposalPrevote(ctx: Ctx): boolean {
  const { s } = ctx;
  if (s.step !== 'propose') return false;
  const q = quorum(s.config.validatorCount);
  for (const p of current(ctx).proposals) {
    let acceptable: boolean;
    if (p.polRound === -1) {
      acceptable = s.lockedRound === -1 || s.lockedValue === p.valueId; // line 23
    } else {
      const pol = s.rounds.get(p.polRound)?.prevotes;
      if (pol === undefined || countFor(pol, p.valueId) < q) continue; // line 28 waits for the POL quorum
      acceptable = s.lockedRound <= p.polRound || s.lockedValue === p.valueId; // line 29
    }
    s.awaitingValue = false;
    castVote(ctx, 'prevote', p.valid && acceptable ? p.valueId : null);
    s.step = 'prevote';
    return true;
  }
  return false;
}

/** Line 34: a quorum of prevotes of any kind starts the prevote timeout, once per round. */
function rulePrevoteTimeout(ctx: Ctx): boolean {
  const { s } = ctx;
  if (s.step !== 'prevote' || s.prevoteTimeoutScheduled) return false;
  if (current(ctx).prevotes.size < quorum(s.config.validatorCount)) return false;
  s.prevoteTimeoutScheduled = true;
  schedule(ctx, 'prevote');
  return true;
}

/** Line 36: a proposal with a prevote quorum (a POL) makes it the valid value, and locks it if still at prevote. */
function ruleLock(ctx: Ctx): boolean {
  const { s } = ctx;
  if (s.step === 'propose' || s.validUpdated) return false;
  const log = current(ctx);
  const q = quorum(s.config.validatorCount);
  const p = log.proposals.find((x) => x.valid && countFor(log.prevotes, x.valueId) >= q);
  if (p === undefined) return false;
  s.validUpdated = true;
  if (s.step === 'prevote') {
    s.lockedValue = p.valueId;
    s.lockedRound = s.round;
    castVote(ctx, 'precommit', p.valueId);
    s.step = 'precommit';
  }
  s.validValue = p.valueId;
  s.validRound = s.round;
  return true;
}

/** Line 44: a quorum of nil prevotes means precommit nil. */
function ruleNilPrecommit(ctx: Ctx): boolean {
  const { s } = ctx;
  if (s.step !== 'prevote' || countFor(current(ctx).prevotes, null) < quorum(s.config.validatorCount)) return false;
  castVote(ctx, 'precommit', null);
  s.step = 'precommit';
  return true;
}

/** Line 47: a quorum of precommits of any kind starts the precommit timeout, once per round. */
function rulePrecommitTimeout(ctx: Ctx): boolean {
  const { s } = ctx;
  if (s.precommitTimeoutScheduled || current(ctx).precommits.size < quorum(s.config.validatorCount)) return false;
  s.precommitTimeoutScheduled = true;
  schedule(ctx, 'precommit');
  return true;
}

function receiveProposal(ctx: Ctx, round: number, valueId: ValueId, polRound: number, from: number): boolean {
  const { s } = ctx;
  if (!isRound(round) || !isValueId(valueId)) return false;
  if (!Number.isSafeInteger(polRound) || polRound < -1 || polRound >= round) return false;
  if (!isIndex(from, s.config.validatorCount) || s.config.proposer(round) !== from) return false;
  if (!admits(s, round, from)) return false;
  const existing = s.rounds.get(round)?.proposals ?? [];
  if (existing.some((p) => p.valueId === valueId && p.polRound === polRound)) return false;
  if (existing.length >= MAX_PROPOSALS_PER_ROUND) return false;
  heardAt(ctx, round, from);
  const first = existing[0];
  if (first !== undefined)
    report(ctx, 'proposal', round, from, { valueId: first.valueId, polRound: first.polRound }, { valueId, polRound });
  // All distinct proposals are kept: lines 36 and 49 may need the one that a quorum ended up voting for.
  writable(ctx, round).proposals.push({ valueId, polRound, valid: s.config.isValid(valueId) });
  return true;
}

function receiveVote(ctx: Ctx, kind: VoteKind, round: number, valueId: ValueId | null, from: number): boolean {
  const { s } = ctx;
  if (!isRound(round) || (valueId !== null && !isValueId(valueId)) || !isIndex(from, s.config.validatorCount))
    return false;
  if (!admits(s, round, from)) return false;
  const prior = votes(s.rounds.get(round) ?? EMPTY_ROUND, kind).get(from);
  if (prior === undefined) {
    heardAt(ctx, round, from);
    writableVotes(ctx, round, kind).set(from, valueId);
    return true;
  }
  if (prior === valueId) return false; // duplicate
  // A second, different vote is equivocation: reported, never counted.
  return report(ctx, kind, round, from, { valueId: prior }, { valueId });
}

function report(
  ctx: Ctx,
  kind: 'proposal' | VoteKind,
  round: number,
  from: number,
  first: { valueId: ValueId | null; polRound?: number },
  second: { valueId: ValueId | null; polRound?: number },
): boolean {
  const key = reportKey(kind, round, from);
  if (ctx.s.reported.has(key)) return false;
  reportedSet(ctx).add(key);
  ctx.out.push({ type: 'evidence', kind, height: ctx.s.config.height, round, from, first, second });
  return true;
}

/** Lines 19, 24, 40, 45...: own messages count as received. Never signs a second, different vote. */
function castVote(ctx: Ctx, kind: VoteKind, valueId: ValueId | null): void {
  const { s } = ctx;
  const self = s.config.selfIndex;
  if (self === null) return; // observers follow the rules but never sign
  const mine = writableVotes(ctx, s.round, kind);
  if (mine.has(self)) return; // already signed in this round (e.g. replayed after a restart)
  mine.set(self, valueId);
  const type = kind === 'prevote' ? 'broadcastPrevote' : 'broadcastPrecommit';
  ctx.out.push({ type, height: s.config.height, round: s.round, valueId });
}

/** Line 19; false when it did not propose. */
function propose(ctx: Ctx, valueId: ValueId, polRound: number): boolean {
  const { s } = ctx;
  // A proposal of ours already in the log (replayed after a restart) must not be contradicted.
  if (current(ctx).proposals.length > 0) return false;
  if (!receiveProposal(ctx, s.round, valueId, polRound, s.config.proposer(s.round))) return false;
  ctx.out.push({ type: 'broadcastProposal', height: s.config.height, round: s.round, valueId, polRound });
  return true;
}

function schedule(ctx: Ctx, kind: TimeoutKind): void {
  const { s } = ctx;
  ctx.out.push({
    type: 'scheduleTimeout',
    kind,
    height: s.config.height,
    round: s.round,
    ms: s.config.timeouts(s.round)[kind],
  });
}

function current(ctx: Ctx): RoundLog {
  return ctx.s.rounds.get(ctx.s.round) ?? EMPTY_ROUND;
}

function writable(ctx: Ctx, round: number): MutableRoundLog {
  let log = ctx.copied.get(round);
  if (log === undefined) {
    log = copyRound(ctx.s.rounds.get(round));
    ctx.copied.set(round, log);
    roundMap(ctx).set(round, log);
  }
  return log;
}

/**
 * Whether a message of validator `from` for `round` may be stored. Rounds up to `roundsAhead` past the current
 * one always; further ahead, only the sender's highest round so far or a higher one (which then replaces it, see
 * `heardAt`). So one validator holds at most one round beyond the window, and spam for ever-new rounds costs the
 * receiver nothing that accumulates.
 */
export function admits(state: HeightState, round: number, from: number): boolean {
  if (round <= state.round + roundsAhead(state.config)) return true;
  return round >= (state.latestRound.get(from) ?? -1);
}

/** Whether a proposal for `round` from its proposer would be stored (the caller can skip checking its block). */
export function admitsProposal(state: HeightState, round: number, from: number): boolean {
  return admits(state, round, from) && (state.rounds.get(round)?.proposals.length ?? 0) < MAX_PROPOSALS_PER_ROUND;
}

/** Records that `from` was heard at `round`; a new highest round beyond the window drops its previous one there. */
function heardAt(ctx: Ctx, round: number, from: number): void {
  const { s } = ctx;
  const latest = s.latestRound.get(from) ?? -1;
  if (round <= latest) return;
  const horizon = s.round + roundsAhead(s.config);
  if (latest > horizon) forget(ctx, latest, from);
  latestMap(ctx).set(from, round);
  ctx.skipCheck = true;
}

/** Drops validator `from`'s messages in `round` (a round beyond the window that it has since left). */
function forget(ctx: Ctx, round: number, from: number): void {
  const log = ctx.s.rounds.get(round);
  if (log === undefined) return;
  const w = writable(ctx, round);
  w.prevotes.delete(from);
  w.precommits.delete(from);
  if (ctx.s.config.proposer(round) === from) w.proposals.length = 0;
  if (isEmptyRound(w)) {
    roundMap(ctx).delete(round);
    ctx.copied.delete(round);
  }
  for (const kind of ['proposal', 'prevote', 'precommit'] as const) {
    if (ctx.s.reported.has(reportKey(kind, round, from))) reportedSet(ctx).delete(reportKey(kind, round, from));
  }
}

function roundsAhead(config: HeightConfig): number {
  return config.roundsAhead ?? DEFAULT_ROUNDS_AHEAD;
}

function reportKey(kind: 'proposal' | VoteKind, round: number, from: number): string {
  return `${kind}:${round}:${from}`;
}

function roundMap(ctx: Ctx): Map<number, RoundLog> {
  if (ctx.rounds === null) ctx.s.rounds = ctx.rounds = new Map(ctx.s.rounds);
  return ctx.rounds;
}

function reportedSet(ctx: Ctx): Set<string> {
  if (ctx.reported === null) ctx.s.reported = ctx.reported = new Set(ctx.s.reported);
  return ctx.reported;
}

function latestMap(ctx: Ctx): Map<number, number> {
  if (ctx.latest === null) ctx.s.latestRound = ctx.latest = new Map(ctx.s.latestRound);
  return ctx.latest;
}

function writableVotes(ctx: Ctx, round: number, kind: VoteKind): Map<number, ValueId | null> {
  const log = writable(ctx, round);
  return kind === 'prevote' ? log.prevotes : log.precommits;
}

function isIndex(i: number, n: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < n;
}

function isRound(r: number): boolean {
  return Number.isSafeInteger(r) && r >= 0;
}

function isValueId(v: unknown): v is ValueId {
  return typeof v === 'string' && v.length > 0;
}
