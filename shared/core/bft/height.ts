/**
 * Tendermint consensus for one height (Buchman, Kwon, Milosevic, "The latest gossip on BFT
 * consensus", 2018, Algorithm 1) as a pure state machine: step(state, event) → { state, actions }.
 * Line numbers in comments refer to that algorithm. Each step copies what it changes; the previous
 * state is never mutated. After an event is recorded, the upon-rules are re-evaluated until none
 * fires, which is a legal execution of the paper's guarded rules in some order.
 *
 * Memory grows with what peers send (every round and every distinct proposal is kept); bounding
 * that against Byzantine spam is the network layer's job, which sees the signatures and the peers.
 */
import { copyRound, countFor, EMPTY_ROUND, senderCount, votersFor, votes, type MutableRoundLog } from './log.ts';
import { honestWitness, quorum } from './quorum.ts';
import type { BftAction, BftEvent, HeightConfig, HeightState, RoundLog, StepResult, TimeoutKind, ValueId, VoteKind } from './types.ts';

type Draft = { -readonly [K in keyof HeightState]: HeightState[K] } & {
  rounds: Map<number, RoundLog>;
  reported: Set<string>;
};

interface Ctx {
  readonly s: Draft;
  readonly out: BftAction[];
  /** Rounds whose log was already copied in this step, so writes go to the copy. */
  readonly copied: Map<number, MutableRoundLog>;
}

export function createHeightState(config: HeightConfig): HeightState {
  const { height, validatorCount: n, selfIndex } = config;
  if (!Number.isSafeInteger(height) || height < 0) throw new RangeError(`height must be a non-negative integer, got ${height}`);
  quorum(n); // validates n
  if (selfIndex !== null && !isIndex(selfIndex, n)) throw new RangeError(`selfIndex ${selfIndex} is not in the set of ${n}`);
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
    reported: new Set(),
    prevoteTimeoutScheduled: false,
    validUpdated: false,
    precommitTimeoutScheduled: false,
    awaitingValue: false,
  };
}

export function step(state: HeightState, event: BftEvent): StepResult {
  const ctx: Ctx = {
    s: { ...state, rounds: new Map(state.rounds), reported: new Set(state.reported) },
    out: [],
    copied: new Map(),
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

/** Line 49: a proposal for v in any round r with a quorum of precommits for v decides v. */
function ruleDecide(ctx: Ctx): boolean {
  const q = quorum(ctx.s.config.validatorCount);
  for (const [round, log] of ctx.s.rounds) {
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

/** Line 55: f+1 validators heard from in a higher round prove an honest one is there; jump to the highest such. */
function ruleSkipRound(ctx: Ctx): boolean {
  const { s } = ctx;
  const need = honestWitness(s.config.validatorCount);
  let target = -1;
  for (const [round, log] of s.rounds) {
    if (round > s.round && round > target && senderCount(log, s.config.proposer(round)) >= need) target = round;
  }
  if (target < 0) return false;
  startRound(ctx, target);
  return true;
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
  const existing = s.rounds.get(round)?.proposals ?? [];
  if (existing.some((p) => p.valueId === valueId && p.polRound === polRound)) return false;
  const first = existing[0];
  if (first !== undefined) report(ctx, 'proposal', round, from, { valueId: first.valueId, polRound: first.polRound }, { valueId, polRound });
  // All distinct proposals are kept: lines 36 and 49 may need the one that a quorum ended up voting for.
  writable(ctx, round).proposals.push({ valueId, polRound, valid: s.config.isValid(valueId) });
  return true;
}

function receiveVote(ctx: Ctx, kind: VoteKind, round: number, valueId: ValueId | null, from: number): boolean {
  const { s } = ctx;
  if (!isRound(round) || (valueId !== null && !isValueId(valueId)) || !isIndex(from, s.config.validatorCount)) return false;
  const prior = votes(s.rounds.get(round) ?? EMPTY_ROUND, kind).get(from);
  if (prior === undefined) {
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
  const key = `${kind}:${round}:${from}`;
  if (ctx.s.reported.has(key)) return false;
  ctx.s.reported.add(key);
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
  ctx.out.push({ type: 'scheduleTimeout', kind, height: s.config.height, round: s.round, ms: s.config.timeouts(s.round)[kind] });
}

function current(ctx: Ctx): RoundLog {
  return ctx.s.rounds.get(ctx.s.round) ?? EMPTY_ROUND;
}

function writable(ctx: Ctx, round: number): MutableRoundLog {
  let log = ctx.copied.get(round);
  if (log === undefined) {
    log = copyRound(ctx.s.rounds.get(round));
    ctx.copied.set(round, log);
    ctx.s.rounds.set(round, log);
  }
  return log;
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
