// Round arithmetic. A round has one turn per producer of that round's set, each turn
// blocksPerTurn consecutive blocks, so a round is setSize × blocksPerTurn blocks long. Set size can
// change from round to round (an election may find fewer than N), so no global formula maps heights
// to rounds: the chain keeps a table of rounds, one span per round, each starting where the
// previous one ended.
//
// Timeline of a set (the choice this module encodes):
// - the election runs on the state after the last block of round r;
// - its set is active in round r + 2 (ACTIVATION_DELAY);
// - its hash is announced as `nextValidatorSetHash` in the last header of round r + 1. So the last
//   header of every round names the set of the round right after it, certified by the outgoing set:
//   a light client follows hand-offs one round at a time and never needs a second lookahead.
// The spare round means the result is fixed a whole round before it must be announced (whatever a
// header commits to), and incoming producers have a round to connect before their first turn.
// Genesis supplies the sets of rounds 0 and 1. Because round r + 2's size is known at the end of
// round r, its span can be appended then: during round k the spans of k and k + 1 always exist.
import { assertCount, assertU64 } from './bytes.ts';

/** Rounds between the election that picks a set and the round that set produces in. */
export const ACTIVATION_DELAY = 2n;

// Heights and rounds are bigint like the header's u64 fields; set sizes, turn lengths and slot
// indexes are small numbers (a slot indexes the round's schedule array).
export interface RoundSpan {
  readonly round: bigint;
  /** Height of the round's first block. Round 0 starts at 1, the first block after genesis. */
  readonly startHeight: bigint;
  /** Producers in this round's set (≥ 1). */
  readonly setSize: number;
  /** Consecutive blocks per producer turn, as the parameter stood when the round was fixed. */
  readonly blocksPerTurn: number;
}

/** Consecutive spans, ordered by round; old rounds may be pruned from the front. */
export type RoundTable = readonly RoundSpan[];

/** Blocks in the round: setSize × blocksPerTurn. */
export function roundLength(span: RoundSpan): number {
  return span.setSize * span.blocksPerTurn;
}

const endOf = (span: RoundSpan): bigint => span.startHeight + BigInt(roundLength(span)); // first height after

/** The span of the first round the table knows (round 0 at genesis, or a checkpoint's round). */
export function firstSpan(round: bigint, startHeight: bigint, setSize: number, blocksPerTurn: number): RoundSpan {
  const span = { round, startHeight, setSize, blocksPerTurn };
  checkSpan(span);
  return span;
}

/** The span that follows `prev`, for a set of `setSize` producers. */
export function nextSpan(prev: RoundSpan, setSize: number, blocksPerTurn: number): RoundSpan {
  return firstSpan(prev.round + 1n, endOf(prev), setSize, blocksPerTurn);
}

/** A table with one more round at its end; the table must not be empty. */
export function appendRound(table: RoundTable, setSize: number, blocksPerTurn: number): RoundTable {
  const last = table[table.length - 1];
  if (last === undefined) throw new RangeError('an empty round table has no round to follow');
  return [...table, nextSpan(last, setSize, blocksPerTurn)];
}

/** Throws unless the table is non-empty, its rounds consecutive and its heights contiguous. */
export function checkRoundTable(table: RoundTable): void {
  if (table.length === 0) throw new RangeError('round table is empty');
  table.forEach((span, i) => {
    checkSpan(span);
    const prev = table[i - 1];
    if (prev && (span.round !== prev.round + 1n || span.startHeight !== endOf(prev))) {
      throw new RangeError(`round table is not contiguous at round ${span.round}`);
    }
  });
}

/** The span containing `height`; throws if the table does not cover it. Binary search. */
export function spanAtHeight(height: bigint, table: RoundTable): RoundSpan {
  assertU64(height, 'height');
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const span = table[mid] as RoundSpan;
    if (height < span.startHeight) hi = mid - 1;
    else if (height >= endOf(span)) lo = mid + 1;
    else return span;
  }
  throw new RangeError(`height ${height} is outside the known rounds`);
}

/** The span of `round`; throws if the table does not hold it. */
export function spanOfRound(round: bigint, table: RoundTable): RoundSpan {
  assertU64(round, 'round');
  const first = table[0];
  const offset = first === undefined ? -1n : round - first.round;
  const span = offset >= 0n && offset < BigInt(table.length) ? table[Number(offset)] : undefined;
  if (span === undefined || span.round !== round) throw new RangeError(`round ${round} is not in the table`);
  return span;
}

export function roundOf(height: bigint, table: RoundTable): bigint {
  return spanAtHeight(height, table).round;
}

/** Index of `height` within its round: 0 … roundLength − 1 (the index into the round's schedule). */
export function slotOf(height: bigint, table: RoundTable): number {
  return Number(height - spanAtHeight(height, table).startHeight);
}

export function heightOfSlot(round: bigint, slot: number, table: RoundTable): bigint {
  const span = spanOfRound(round, table);
  if (!Number.isSafeInteger(slot) || slot < 0 || slot >= roundLength(span)) {
    throw new RangeError(`slot ${slot} is outside round ${round} (length ${roundLength(span)})`);
  }
  return span.startHeight + BigInt(slot);
}

export function firstHeightOfRound(round: bigint, table: RoundTable): bigint {
  return spanOfRound(round, table).startHeight;
}

export function lastHeightOfRound(round: bigint, table: RoundTable): bigint {
  return endOf(spanOfRound(round, table)) - 1n;
}

/** True at the height whose header announces the next round's set and after which elections run. */
export function isLastHeightOfRound(height: bigint, table: RoundTable): boolean {
  return height === endOf(spanAtHeight(height, table)) - 1n;
}

/** The round whose producers a set elected at the end of `electionRound` forms. */
export function activationRound(electionRound: bigint): bigint {
  assertU64(electionRound, 'electionRound');
  return electionRound + ACTIVATION_DELAY;
}

/** The round whose last header announces (as nextValidatorSetHash) the set of `round`. */
export function announcingRound(round: bigint): bigint {
  assertU64(round, 'round');
  if (round === 0n) throw new RangeError('round 0 takes its set from genesis; no round announces it');
  return round - 1n;
}

function checkSpan(s: RoundSpan): void {
  assertU64(s.round, 'round');
  assertU64(s.startHeight, 'startHeight');
  assertCount(s.setSize, 'setSize', 1);
  assertCount(s.blocksPerTurn, 'blocksPerTurn', 1);
  assertCount(roundLength(s), 'round length', 1);
  assertU64(endOf(s), 'round end height');
}
