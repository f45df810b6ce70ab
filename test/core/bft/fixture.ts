/** Builders shared by the BFT unit tests: a 4-validator height whose round-r proposer is r mod N. */
import { createHeightState, linearTimeouts, step } from '../../../shared/core/bft/index.ts';
import type { BftAction, BftEvent, HeightConfig, HeightState, ValueId } from '../../../shared/core/bft/index.ts';

// Value ids are block hashes in hex.
export const A: ValueId = 'aa'.repeat(32);
export const B: ValueId = 'bb'.repeat(32);
export const BAD: ValueId = 'ee'.repeat(32);
export const HEIGHT = 12;

export const timeouts = linearTimeouts(
  { propose: 3000, prevote: 1000, precommit: 1000 },
  { propose: 500, prevote: 500, precommit: 500 },
);

export function config(over: Partial<HeightConfig> = {}): HeightConfig {
  const n = over.validatorCount ?? 4;
  return {
    height: HEIGHT,
    validatorCount: n,
    selfIndex: 3,
    proposer: (r) => r % n,
    isValid: (v) => v !== BAD,
    getValue: () => A,
    timeouts,
    ...over,
  };
}

export interface Run {
  readonly state: HeightState;
  /** Actions of the last event only. */
  readonly actions: readonly BftAction[];
  /** Actions of every event fed so far. */
  readonly all: readonly BftAction[];
}

export function feed(state: HeightState, ...events: BftEvent[]): Run {
  let actions: readonly BftAction[] = [];
  const all: BftAction[] = [];
  for (const e of events) {
    ({ state, actions } = step(state, e));
    all.push(...actions);
  }
  return { state, actions, all };
}

export function start(over: Partial<HeightConfig> = {}, ...events: BftEvent[]): Run {
  return feed(createHeightState(config(over)), { type: 'start' }, ...events);
}

export const proposal = (round: number, valueId: ValueId, from: number, polRound = -1): BftEvent => ({
  type: 'proposal',
  round,
  valueId,
  polRound,
  from,
});
export const prevote = (round: number, valueId: ValueId | null, from: number): BftEvent => ({
  type: 'prevote',
  round,
  valueId,
  from,
});
export const precommit = (round: number, valueId: ValueId | null, from: number): BftEvent => ({
  type: 'precommit',
  round,
  valueId,
  from,
});

/** Votes of one kind from several validators. */
export const prevotes = (round: number, valueId: ValueId | null, ...from: number[]): BftEvent[] =>
  from.map((f) => prevote(round, valueId, f));
export const precommits = (round: number, valueId: ValueId | null, ...from: number[]): BftEvent[] =>
  from.map((f) => precommit(round, valueId, f));

export function ofType<T extends BftAction['type']>(
  actions: readonly BftAction[],
  type: T,
): Extract<BftAction, { type: T }>[] {
  return actions.filter((a): a is Extract<BftAction, { type: T }> => a.type === type);
}

/** A state's observable fields, with Maps and Sets spelled out, to compare states by value. */
export function snapshot(s: HeightState): unknown {
  const { config: _config, rounds, reported, ...rest } = s;
  const logs = [...rounds].map(([r, log]) => [r, log.proposals, [...log.prevotes], [...log.precommits]]);
  return { ...rest, rounds: logs, reported: [...reported] };
}
