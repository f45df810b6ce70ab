import { describe, expect, it } from 'vitest';
import { createHeightState, step, type BftEvent } from '../../../shared/core/bft/index.ts';
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
  snapshot,
  start,
} from './fixture.ts';

describe('equivocation evidence', () => {
  it('reports a second, different prevote from one validator and does not count it', () => {
    let r = start({}, proposal(0, B, 0), prevote(0, B, 0), prevote(0, A, 1));
    r = feed(r.state, prevote(0, B, 1));
    expect(r.actions).toEqual([
      {
        type: 'evidence',
        kind: 'prevote',
        height: HEIGHT,
        round: 0,
        from: 1,
        first: { valueId: A },
        second: { valueId: B },
      },
    ]);
    // Self and 0 prevoted B; counting 1's second vote would make the quorum and lock B.
    expect(r.state.lockedValue).toBeNull();
    expect(r.state.rounds.get(0)?.prevotes.get(1)).toBe(A);
    expect(feed(r.state, prevote(0, B, 2)).state.lockedValue).toBe(B);
  });

  it('treats nil and a value as conflicting, reports each validator once per round and kind', () => {
    let r = start({}, precommit(0, null, 2));
    r = feed(r.state, precommit(0, A, 2));
    expect(ofType(r.actions, 'evidence')).toEqual([
      {
        type: 'evidence',
        kind: 'precommit',
        height: HEIGHT,
        round: 0,
        from: 2,
        first: { valueId: null },
        second: { valueId: A },
      },
    ]);
    expect(feed(r.state, precommit(0, B, 2)).actions).toEqual([]);
  });

  it('reports a proposer that sends two proposals for one round', () => {
    const r = start({}, proposal(0, A, 0), proposal(0, B, 0));
    expect(ofType(r.all, 'evidence')).toEqual([
      {
        type: 'evidence',
        kind: 'proposal',
        height: HEIGHT,
        round: 0,
        from: 0,
        first: { valueId: A, polRound: -1 },
        second: { valueId: B, polRound: -1 },
      },
    ]);
  });

  it('does not confuse votes of different rounds or kinds with equivocation', () => {
    const r = start({}, prevote(0, A, 1), prevote(1, B, 1), precommit(0, B, 1));
    expect(ofType(r.all, 'evidence')).toEqual([]);
  });
});

describe('message hygiene', () => {
  it('duplicate messages change nothing and yield no actions', () => {
    const r = start({}, proposal(0, A, 0), prevote(0, A, 1));
    for (const e of [proposal(0, A, 0), prevote(0, A, 1), { type: 'start' } as const]) {
      const again = step(r.state, e);
      expect(again.state).toBe(r.state);
      expect(again.actions).toEqual([]);
    }
  });

  it('ignores votes from indexes outside the set and malformed rounds or values', () => {
    const r = start();
    const junk: BftEvent[] = [
      prevote(0, A, 4),
      prevote(0, A, -1),
      prevote(0, A, 1.5),
      prevote(0, A, Number.NaN),
      prevote(-1, A, 1),
      prevote(0.5, A, 1),
      prevote(0, '', 1),
      proposal(0, A, 0, 0), // a proof-of-lock round must precede the proposal's round
      proposal(0, A, 0, -2),
    ];
    for (const e of junk) expect(step(r.state, e).state).toBe(r.state);
  });

  it('never mutates the state it is given', () => {
    const r = start({}, proposal(0, A, 0), prevote(0, A, 0));
    const before = snapshot(r.state);
    feed(r.state, prevote(0, A, 1), ...precommits(0, A, 0, 1, 2), prevote(0, B, 0));
    expect(snapshot(r.state)).toEqual(before);
  });

  it('never signs a second, different vote when its own earlier vote is replayed to it', () => {
    // Self's prevote for B in round 0 comes back (e.g. from a peer after a restart): a prevote for A would be a double sign.
    const r = feed(createHeightState(config()), prevote(0, B, 3), { type: 'start' }, proposal(0, A, 0));
    expect(r.state.step).toBe('prevote');
    expect(ofType(r.all, 'broadcastPrevote')).toEqual([]);
  });

  it('never proposes twice in a round when its own earlier proposal is replayed to it', () => {
    const r = feed(createHeightState(config({ selfIndex: 0 })), proposal(0, B, 0), { type: 'start' });
    expect(ofType(r.all, 'broadcastProposal')).toEqual([]);
    expect(ofType(r.all, 'evidence')).toEqual([]);
    expect(ofType(r.all, 'broadcastPrevote').map((a) => a.valueId)).toEqual([B]);
    // A replayed proposal it cannot answer yet (unproven proof-of-lock round): it still times out.
    // (Votes from round 1 make it skip there on start.)
    const later = feed(createHeightState(config({ selfIndex: 1 })), proposal(1, B, 1, 0), ...prevotes(1, A, 0, 2), {
      type: 'start',
    });
    expect(later.state.round).toBe(1);
    expect(ofType(later.all, 'broadcastProposal')).toEqual([]);
    expect(ofType(later.all, 'scheduleTimeout').map((a) => [a.kind, a.round])).toEqual([
      ['propose', 0],
      ['propose', 1],
    ]);
  });

  it('records messages that arrive before start and acts on them when it starts', () => {
    const r = feed(createHeightState(config()), proposal(0, A, 0));
    expect(r.actions).toEqual([]);
    expect(ofType(feed(r.state, { type: 'start' }).all, 'broadcastPrevote').map((a) => a.valueId)).toEqual([A]);
  });
});

describe('roles', () => {
  it('an observer follows the height to its commit but never signs', () => {
    const r = start(
      { selfIndex: null },
      proposal(0, A, 0),
      ...[0, 1, 2].map((i) => prevote(0, A, i)),
      ...precommits(0, A, 1, 2, 3),
    );
    expect(r.all.filter((a) => a.type.startsWith('broadcast'))).toEqual([]);
    expect(ofType(r.all, 'commit')).toEqual([
      { type: 'commit', height: HEIGHT, round: 0, valueId: A, precommits: [1, 2, 3] },
    ]);
  });

  it('a proposer without getValue asks for a value and proposes when it arrives', () => {
    let r = start({ selfIndex: 0, getValue: undefined });
    expect(r.actions).toEqual([
      { type: 'requestValue', height: HEIGHT, round: 0 },
      { type: 'scheduleTimeout', kind: 'propose', height: HEIGHT, round: 0, ms: 3000 },
    ]);
    expect(feed(r.state, { type: 'propose', round: 1, valueId: A }).state).toBe(r.state);
    r = feed(r.state, { type: 'propose', round: 0, valueId: A });
    expect(r.actions).toEqual([
      { type: 'broadcastProposal', height: HEIGHT, round: 0, valueId: A, polRound: -1 },
      { type: 'broadcastPrevote', height: HEIGHT, round: 0, valueId: A },
    ]);
  });

  it('a proposer whose value comes too late has already prevoted nil and does not propose', () => {
    const r = start({ selfIndex: 0, getValue: () => null }, { type: 'timeoutPropose', round: 0 });
    expect(ofType(r.all, 'broadcastPrevote').map((a) => a.valueId)).toEqual([null]);
    expect(feed(r.state, { type: 'propose', round: 0, valueId: A }).actions).toEqual([]);
  });

  it('rejects a configuration with no validators or a self index outside the set', () => {
    expect(() => createHeightState(config({ validatorCount: 0 }))).toThrow(RangeError);
    expect(() => createHeightState(config({ selfIndex: 4 }))).toThrow(/not in the set of 4/);
    expect(() => createHeightState(config({ height: -1 }))).toThrow(RangeError);
  });
});
