import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROUNDS_AHEAD,
  linearTimeouts,
  MAX_PROPOSALS_PER_ROUND,
  skipTarget,
  step,
  type BftEvent,
} from '../../../shared/core/bft/index.ts';
import { A, B, feed, ofType, precommit, prevote, prevotes, proposal, snapshot, start } from './fixture.ts';

const W = DEFAULT_ROUNDS_AHEAD;
const valueOf = (i: number) => i.toString(16).padStart(64, '0');

describe('future rounds: what a validator can make the machine store', () => {
  it('keeps every message for rounds up to the window past the current one', () => {
    const r = start({}, prevote(1, A, 1), precommit(W, null, 1), prevote(W, B, 2));
    expect([...r.state.rounds.keys()]).toEqual([1, W]);
    expect(r.state.rounds.get(W)!.prevotes.get(2)).toBe(B);
    expect(r.state.latestRound.get(1)).toBe(W);
  });

  it('beyond the window keeps only each validator’s highest round, and a higher one replaces it', () => {
    let r = start({}, prevote(10, A, 1), precommit(10, A, 1));
    expect(r.state.rounds.get(10)!.precommits.get(1)).toBe(A);
    // Lower than its highest so far, beyond the window: ignored, the state object unchanged.
    expect(feed(r.state, prevote(8, B, 1)).state).toBe(r.state);
    r = feed(r.state, precommit(12, null, 1));
    expect(r.state.rounds.has(10)).toBe(false);
    expect(r.state.rounds.get(12)!.precommits.get(1)).toBeNull();
    expect(r.state.latestRound.get(1)).toBe(12);
  });

  it('a dropped far round keeps the other validators’ messages in it', () => {
    // Seven validators: f+1 = 3, so two of them at round 10 move nobody.
    let r = start({ validatorCount: 7 }, prevote(10, A, 1), prevote(10, A, 2));
    expect(r.state.round).toBe(0);
    r = feed(r.state, prevote(11, A, 1));
    expect([...r.state.rounds.get(10)!.prevotes.keys()]).toEqual([2]);
  });

  it('spam of signed nil precommits for ever-new rounds leaves the stored state bounded', () => {
    let { state } = start();
    for (let round = 5; round < 20_005; round++) state = step(state, precommit(round, null, 1)).state;
    // Only the spammer's one far round (nothing was said in round 0 yet); its evidence keys do not pile up either.
    expect([...state.rounds.keys()]).toEqual([20_004]);
    expect(state.latestRound.get(1)).toBe(20_004);
    expect(state.round).toBe(0); // one validator (f = 1 of 4) cannot move anyone
    for (let round = 5; round < 5_005; round++) {
      state = step(state, precommit(20_000 + round, A, 1)).state;
      state = step(state, precommit(20_000 + round, B, 1)).state;
    }
    expect([...state.rounds.keys()]).toEqual([25_004]);
    expect(state.reported.size).toBe(1);
  });

  it('keeps at most MAX_PROPOSALS_PER_ROUND proposals per round, reporting the first conflict', () => {
    const values = Array.from({ length: MAX_PROPOSALS_PER_ROUND + 3 }, (_, i) => valueOf(i + 1));
    const r = start({ selfIndex: 3 }, ...values.map((v) => proposal(0, v, 0)));
    expect(r.state.rounds.get(0)!.proposals.map((p) => p.valueId)).toEqual(values.slice(0, MAX_PROPOSALS_PER_ROUND));
    expect(ofType(r.all, 'evidence')).toHaveLength(1);
  });

  it('the work per event does not grow with the rounds stored', () => {
    // Climb to round 300 legitimately (f+1 = 2 validators ahead each time), leaving 300 past rounds stored.
    let r = start();
    for (let round = 1; round <= 300; round++) r = feed(r.state, ...prevotes(round, null, 1, 2));
    expect(r.state.round).toBe(300);
    expect(r.state.rounds.size).toBeGreaterThanOrEqual(300);
    // The proposer schedule was asked once per stored round per event before (the round skip scanned them all).
    let asked = 0;
    const counted = { ...r.state, config: { ...r.state.config, proposer: (round: number) => (asked++, round % 4) } };
    step(counted, prevote(300, null, 0));
    step(counted, precommit(301, null, 0));
    expect(asked).toBeLessThan(5);
  });
});

describe('round skip by each validator’s highest round (line 55, generalised)', () => {
  it('f+1 validators at different higher rounds move the node to the lower of the two', () => {
    const r = start({ selfIndex: 0 }, prevote(7, null, 1), precommit(9, null, 2));
    expect(r.state.round).toBe(7);
    expect(ofType(r.all, 'scheduleTimeout').at(-1)).toMatchObject({ kind: 'propose', round: 7 });
  });

  it('jumps straight to the highest round f+1 validators have reached, not through the rounds between', () => {
    let r = start({ selfIndex: 3 });
    r = feed(r.state, precommit(40, null, 1));
    expect(r.state.round).toBe(0);
    r = feed(r.state, prevote(40, null, 2));
    expect(r.state.round).toBe(40);
    // One timeout scheduled for round 40 and none for the rounds in between.
    expect(ofType(r.actions, 'scheduleTimeout').map((a) => a.round)).toEqual([40]);
  });

  it('a single validator far ahead (at most f are Byzantine) moves nobody', () => {
    const r = start({}, prevote(1_000, null, 1), precommit(1_001, null, 1));
    expect(r.state.round).toBe(0);
  });

  it('also applies to messages that arrived before start', () => {
    const events: BftEvent[] = [prevote(6, null, 1), prevote(6, null, 2)];
    const r = start({}, ...events);
    expect(r.state.round).toBe(6);
  });

  it('skipTarget is the need-th highest round', () => {
    const latest = new Map([
      [0, 3],
      [1, 9],
      [2, 5],
      [3, 12],
    ]);
    expect(skipTarget(latest, 1)).toBe(12);
    expect(skipTarget(latest, 2)).toBe(9);
    expect(skipTarget(latest, 4)).toBe(3);
    expect(skipTarget(new Map([[0, 3]]), 2)).toBe(-1);
  });

  it('a decision reached in a far round is still taken', () => {
    const r = start({ selfIndex: 3 }, proposal(9, B, 1), precommit(9, B, 0), precommit(9, B, 1), precommit(9, B, 2));
    expect(ofType(r.all, 'commit')).toEqual([expect.objectContaining({ round: 9, valueId: B })]);
  });

  it('never mutates the state it is given while dropping a far round', () => {
    const r = start({}, prevote(10, A, 1));
    const before = snapshot(r.state);
    feed(r.state, prevote(11, A, 1));
    expect(snapshot(r.state)).toEqual(before);
  });
});

describe('bounded timeouts', () => {
  it('grow with the round only up to growthRounds', () => {
    const t = linearTimeouts(
      { propose: 800, prevote: 400, precommit: 400 },
      { propose: 400, prevote: 200, precommit: 200 },
      4,
    );
    expect(t(0)).toEqual({ propose: 800, prevote: 400, precommit: 400 });
    expect(t(2)).toEqual({ propose: 1600, prevote: 800, precommit: 800 });
    expect(t(4)).toEqual(t(4_000));
    expect(t(4_000)).toEqual({ propose: 2400, prevote: 1200, precommit: 1200 });
    expect(() => linearTimeouts(t(0), t(0), -1)).toThrow(RangeError);
  });
});
