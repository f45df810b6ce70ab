import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  BAD,
  HEIGHT,
  feed,
  ofType,
  precommits,
  prevote,
  prevotes,
  proposal,
  start,
  timeouts,
} from './fixture.ts';

describe('happy path (lines 10-49)', () => {
  it('the proposer of round 0 proposes, and 4 validators commit in round 0', () => {
    let r = start({ selfIndex: 0 });
    expect(r.actions).toEqual([
      { type: 'broadcastProposal', height: HEIGHT, round: 0, valueId: A, polRound: -1 },
      { type: 'broadcastPrevote', height: HEIGHT, round: 0, valueId: A },
    ]);
    r = feed(r.state, prevote(0, A, 1));
    expect(r.actions).toEqual([]);
    r = feed(r.state, prevote(0, A, 2));
    expect(r.actions).toEqual([
      { type: 'scheduleTimeout', kind: 'prevote', height: HEIGHT, round: 0, ms: 1000 },
      { type: 'broadcastPrecommit', height: HEIGHT, round: 0, valueId: A },
    ]);
    expect([r.state.lockedValue, r.state.lockedRound, r.state.validValue, r.state.validRound]).toEqual([A, 0, A, 0]);
    r = feed(r.state, ...precommits(0, A, 1, 2));
    expect(r.actions).toEqual([{ type: 'commit', height: HEIGHT, round: 0, valueId: A, precommits: [0, 1, 2] }]);
    expect(r.state.decision).toEqual({ valueId: A, round: 0 });
    // Decided: later messages are kept but trigger nothing.
    expect(feed(r.state, ...precommits(0, A, 3)).actions).toEqual([]);
  });

  it('a validator that is not the proposer waits with a propose timeout, then prevotes the proposal', () => {
    const r = start({ selfIndex: 1 });
    expect(r.actions).toEqual([{ type: 'scheduleTimeout', kind: 'propose', height: HEIGHT, round: 0, ms: 3000 }]);
    expect(feed(r.state, proposal(0, A, 0)).actions).toEqual([
      { type: 'broadcastPrevote', height: HEIGHT, round: 0, valueId: A },
    ]);
  });

  it('an invalid proposal is prevoted nil (line 26)', () => {
    const r = start({}, proposal(0, BAD, 0));
    expect(ofType(r.actions, 'broadcastPrevote')).toEqual([
      { type: 'broadcastPrevote', height: HEIGHT, round: 0, valueId: null },
    ]);
  });

  it('ignores a proposal from anyone but the round proposer', () => {
    const r = start();
    expect(feed(r.state, proposal(0, A, 2)).state).toBe(r.state);
  });

  it('does not commit an invalid value even with a precommit quorum (line 50)', () => {
    const r = start({}, proposal(0, BAD, 0), ...precommits(0, BAD, 0, 1, 2));
    expect(r.state.decision).toBeNull();
    expect(ofType(r.all, 'commit')).toEqual([]);
  });

  it('commits a value decided in another round than its own (line 49 is for any round)', () => {
    const r = start({}, proposal(2, B, 2), ...precommits(2, B, 0, 1, 2));
    expect(ofType(r.all, 'commit')).toEqual([
      { type: 'commit', height: HEIGHT, round: 2, valueId: B, precommits: [0, 1, 2] },
    ]);
  });
});

describe('timeouts and rounds (lines 34, 44, 47, 57-67)', () => {
  it('proposer silent: nil prevotes, nil precommits, next round with the next proposer', () => {
    let r = start({ selfIndex: 1, getValue: () => B });
    r = feed(r.state, { type: 'timeoutPropose', round: 0 });
    expect(r.actions).toEqual([{ type: 'broadcastPrevote', height: HEIGHT, round: 0, valueId: null }]);
    r = feed(r.state, ...prevotes(0, null, 2, 3));
    expect(r.actions).toEqual([
      { type: 'scheduleTimeout', kind: 'prevote', height: HEIGHT, round: 0, ms: 1000 },
      { type: 'broadcastPrecommit', height: HEIGHT, round: 0, valueId: null },
    ]);
    r = feed(r.state, ...precommits(0, null, 2, 3));
    expect(r.actions).toEqual([{ type: 'scheduleTimeout', kind: 'precommit', height: HEIGHT, round: 0, ms: 1000 }]);
    r = feed(r.state, { type: 'timeoutPrecommit', round: 0 });
    // Round 1's proposer is validator 1: self.
    expect(r.state.round).toBe(1);
    expect(r.actions).toEqual([
      { type: 'broadcastProposal', height: HEIGHT, round: 1, valueId: B, polRound: -1 },
      { type: 'broadcastPrevote', height: HEIGHT, round: 1, valueId: B },
    ]);
  });

  it('timeouts grow with the round', () => {
    const r = start(
      { selfIndex: 2 },
      { type: 'timeoutPropose', round: 0 },
      ...prevotes(0, null, 0, 1),
      ...precommits(0, null, 0, 1),
    );
    const next = feed(r.state, { type: 'timeoutPrecommit', round: 0 });
    expect(next.actions).toEqual([
      { type: 'scheduleTimeout', kind: 'propose', height: HEIGHT, round: 1, ms: timeouts(1).propose },
    ]);
    expect(timeouts(1).propose).toBeGreaterThan(timeouts(0).propose);
  });

  it('a prevote timeout precommits nil when prevotes are split (line 61)', () => {
    let r = start({}, proposal(0, A, 0), prevote(0, B, 0), prevote(0, null, 1));
    expect(ofType(r.all, 'scheduleTimeout').map((a) => a.kind)).toEqual(['propose', 'prevote']);
    r = feed(r.state, { type: 'timeoutPrevote', round: 0 });
    expect(r.actions).toEqual([{ type: 'broadcastPrecommit', height: HEIGHT, round: 0, valueId: null }]);
  });

  it('schedules the prevote and precommit timeouts once per round ("for the first time")', () => {
    const r = start({}, proposal(0, A, 0), prevote(0, B, 0), prevote(0, null, 1), prevote(0, A, 2));
    expect(ofType(r.all, 'scheduleTimeout').filter((a) => a.kind === 'prevote')).toHaveLength(1);
    const c = feed(r.state, ...precommits(0, B, 0, 1), ...precommits(0, null, 2));
    expect(ofType(c.all, 'scheduleTimeout').filter((a) => a.kind === 'precommit')).toHaveLength(1);
  });

  it('ignores timeouts whose round or step has passed', () => {
    const r = start({}, proposal(0, A, 0), ...prevotes(0, A, 0, 1));
    expect(r.state.step).toBe('precommit');
    for (const type of ['timeoutPropose', 'timeoutPrevote'] as const)
      expect(feed(r.state, { type, round: 0 }).state).toBe(r.state);
    const next = feed(r.state, ...precommits(0, null, 0, 1), { type: 'timeoutPrecommit', round: 0 });
    expect(next.state.round).toBe(1);
    for (const type of ['timeoutPropose', 'timeoutPrevote', 'timeoutPrecommit'] as const) {
      expect(feed(next.state, { type, round: 0 }).state).toBe(next.state);
    }
  });
});
