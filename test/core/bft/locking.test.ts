import { describe, expect, it } from 'vitest';
import { createHeightState, type BftEvent } from '../../../shared/core/bft/index.ts';
import {
  A,
  B,
  HEIGHT,
  config,
  feed,
  ofType,
  precommit,
  precommits,
  prevote,
  prevotes,
  proposal,
  start,
} from './fixture.ts';

const timeout = (type: 'timeoutPropose' | 'timeoutPrevote' | 'timeoutPrecommit', round: number): BftEvent => ({
  type,
  round,
});

/** Validator 3 of 4 locks A in round 0 (proposal + 3 prevotes), nobody decides, round 1 begins. */
function lockedOnAInRound0() {
  const r = start(
    {},
    proposal(0, A, 0),
    ...prevotes(0, A, 0, 1),
    ...precommits(0, null, 0, 1),
    timeout('timeoutPrecommit', 0),
  );
  expect([r.state.round, r.state.lockedValue, r.state.lockedRound]).toEqual([1, A, 0]);
  return r.state;
}

const prevoteOf = (actions: ReturnType<typeof feed>['all']) =>
  ofType(actions, 'broadcastPrevote').map((a) => [a.round, a.valueId]);

describe('locking (lines 23, 29, 36)', () => {
  it('a locked validator prevotes nil for a different fresh proposal', () => {
    expect(prevoteOf(feed(lockedOnAInRound0(), proposal(1, B, 1)).all)).toEqual([[1, null]]);
  });

  it('a locked validator prevotes its locked value when it is proposed again', () => {
    expect(prevoteOf(feed(lockedOnAInRound0(), proposal(1, A, 1)).all)).toEqual([[1, A]]);
  });

  it('a proposal claiming a proof-of-lock round waits for that 2/3 prevote quorum, then times out nil', () => {
    // Round 0 has a prevote quorum for A, not B: the claim in B's proposal is unproven.
    const r = feed(lockedOnAInRound0(), proposal(1, B, 1, 0));
    expect(prevoteOf(r.all)).toEqual([]);
    expect(prevoteOf(feed(r.state, timeout('timeoutPropose', 1)).all)).toEqual([[1, null]]);
  });

  it('unlocks for a proposal whose proof-of-lock round is at or after the lock, with a 2/3 prevote quorum', () => {
    // Round 1: self times out, sees 3 prevotes for B but never B's proposal, so it does not relock.
    const r = feed(
      lockedOnAInRound0(),
      timeout('timeoutPropose', 1),
      ...prevotes(1, B, 0, 1, 2),
      timeout('timeoutPrevote', 1),
      ...precommits(1, B, 0, 1),
      timeout('timeoutPrecommit', 1),
    );
    expect([r.state.round, r.state.lockedValue, r.state.lockedRound]).toEqual([2, A, 0]);
    expect(prevoteOf(feed(r.state, proposal(2, B, 2, 1)).all)).toEqual([[2, B]]);
  });

  it('keeps the lock when the quorum is short by one', () => {
    const r = feed(
      lockedOnAInRound0(),
      timeout('timeoutPropose', 1),
      ...prevotes(1, B, 0, 1),
      prevote(1, null, 2),
      timeout('timeoutPrevote', 1),
    );
    const next = feed(r.state, ...precommits(1, null, 0, 1), timeout('timeoutPrecommit', 1), proposal(2, B, 2, 1));
    expect(prevoteOf(next.all).filter(([round]) => round === 2)).toEqual([]);
  });

  it('keeps the lock against a proof-of-lock older than the lock', () => {
    // Round 0: a prevote quorum for B that self never acted on. Round 1: self locks A.
    let r = start({}, timeout('timeoutPropose', 0), ...prevotes(0, B, 0, 1, 2), timeout('timeoutPrevote', 0));
    r = feed(r.state, ...precommits(0, null, 0, 1), timeout('timeoutPrecommit', 0));
    r = feed(r.state, proposal(1, A, 1), ...prevotes(1, A, 0, 1));
    expect([r.state.lockedValue, r.state.lockedRound]).toEqual([A, 1]);
    r = feed(r.state, ...precommits(1, null, 0, 1), timeout('timeoutPrecommit', 1));
    expect(prevoteOf(feed(r.state, proposal(2, B, 2, 0)).all)).toEqual([[2, null]]);
  });

  it('locks a value whose prevote quorum came while still at propose, once it has prevoted (line 36, step >= prevote)', () => {
    // B's proposal claims an unproven proof-of-lock round, so self waits at propose while B gathers 3 prevotes.
    let r = feed(lockedOnAInRound0(), proposal(1, B, 1, 0), ...prevotes(1, B, 0, 1, 2));
    expect([r.state.step, r.state.validValue]).toEqual(['propose', A]);
    r = feed(r.state, timeout('timeoutPropose', 1));
    expect(ofType(r.all, 'broadcastPrevote').map((a) => a.valueId)).toEqual([null]);
    expect(ofType(r.all, 'broadcastPrecommit').map((a) => a.valueId)).toEqual([B]);
    expect([r.state.lockedValue, r.state.lockedRound]).toEqual([B, 1]);
  });

  it('relocks on a newer value when a later round gives it a proposal and a prevote quorum', () => {
    const r = feed(lockedOnAInRound0(), proposal(1, B, 1), ...prevotes(1, B, 0, 1, 2));
    expect(ofType(r.all, 'broadcastPrecommit').map((a) => a.valueId)).toEqual([B]);
    expect([r.state.lockedValue, r.state.lockedRound, r.state.validValue, r.state.validRound]).toEqual([B, 1, B, 1]);
  });
});

describe('valid value (lines 15-16, 36-43)', () => {
  it('the next proposer re-proposes the value it locked, with its proof-of-lock round', () => {
    const r = start(
      { selfIndex: 1, getValue: () => B },
      proposal(0, A, 0),
      ...prevotes(0, A, 0, 2),
      ...precommits(0, null, 0, 2),
    );
    const next = feed(r.state, timeout('timeoutPrecommit', 0));
    expect(next.actions).toEqual([
      { type: 'broadcastProposal', height: HEIGHT, round: 1, valueId: A, polRound: 0 },
      { type: 'broadcastPrevote', height: HEIGHT, round: 1, valueId: A },
    ]);
  });

  it('a quorum seen after precommitting nil sets the valid value without locking, and it is proposed next', () => {
    // 7 validators, quorum 5. Self (1) prevotes nil and precommits nil before A's quorum shows up.
    let r = start({ validatorCount: 7, selfIndex: 1, getValue: () => B }, timeout('timeoutPropose', 0));
    r = feed(r.state, ...prevotes(0, null, 2), ...prevotes(0, A, 0, 3, 4), timeout('timeoutPrevote', 0));
    expect(r.state.step).toBe('precommit');
    r = feed(r.state, proposal(0, A, 0), ...prevotes(0, A, 5, 6));
    expect([r.state.validValue, r.state.validRound, r.state.lockedValue, r.state.lockedRound]).toEqual([
      A,
      0,
      null,
      -1,
    ]);
    expect(ofType(r.all, 'broadcastPrecommit')).toHaveLength(0);
    r = feed(r.state, ...precommits(0, null, 0, 2, 3, 4), timeout('timeoutPrecommit', 0));
    expect(ofType(r.actions, 'broadcastProposal')).toEqual([
      { type: 'broadcastProposal', height: HEIGHT, round: 1, valueId: A, polRound: 0 },
    ]);
  });
});

describe('round skipping (line 55)', () => {
  it('jumps to a higher round once f+1 validators are heard from there', () => {
    let r = start({}, prevote(5, A, 0));
    expect(r.state.round).toBe(0);
    r = feed(r.state, precommit(5, null, 1));
    expect(r.state.round).toBe(5);
    expect(r.actions).toEqual([
      { type: 'scheduleTimeout', kind: 'propose', height: HEIGHT, round: 5, ms: 3000 + 5 * 500 },
    ]);
  });

  it('counts validators, not messages: two messages from one sender are not f+1', () => {
    const r = start({}, prevote(5, A, 0), precommit(5, A, 0));
    expect(r.state.round).toBe(0);
  });

  it('counts a proposal from the round proposer as a message, and needs 3 of 7', () => {
    const seven = { validatorCount: 7, selfIndex: 6 };
    let r = start(seven, proposal(4, A, 4), ...prevotes(4, A, 0));
    expect(r.state.round).toBe(0);
    r = feed(r.state, ...precommits(4, A, 1));
    expect(r.state.round).toBe(4);
    // It arrives at a round where it already holds the proposal, so it prevotes at once.
    expect(ofType(r.actions, 'broadcastPrevote')).toEqual([
      { type: 'broadcastPrevote', height: HEIGHT, round: 4, valueId: A },
    ]);
  });

  it('skips straight to the highest qualifying round and never goes back', () => {
    // Both rounds qualify when rules first run; passing through round 3 would make self (its proposer) propose.
    const pending = [...prevotes(3, A, 0, 1), ...prevotes(6, null, 0, 2)];
    let r = feed(createHeightState(config()), ...pending, { type: 'start' });
    expect(r.state.round).toBe(6);
    expect(ofType(r.all, 'broadcastProposal')).toEqual([]);
    r = feed(r.state, ...prevotes(4, B, 1, 2));
    expect(r.state.round).toBe(6);
  });
});
