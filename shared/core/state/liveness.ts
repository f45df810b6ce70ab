/**
 * Produced and missed turns, per block (the per-block form of dpos/misses.ts). Every height has
 * one scheduled producer. If the block is its own, it is credited and its run of misses ends; if
 * another producer of the set made it (BFT rotated the proposer on timeout), the scheduled one
 * is charged a miss and the stand-in gets no credit, so liveness is judged on one's own turns.
 * missLimit consecutive misses jail an active candidate until height + jailPeriodBlocks. A
 * candidate that is not active (already jailed, resigned, tombstoned) still has its misses
 * counted but is not jailed again.
 */
import { addU64, equalBytes } from '../encoding/index.ts';
import type { Address, ChainParameters } from '../types/index.ts';
import type { StateView } from './view.ts';

/** Returns true if the scheduled producer was jailed by this block. */
export function recordTurn(
  view: StateView,
  height: bigint,
  producer: Address,
  scheduled: Address,
  params: ChainParameters,
): boolean {
  const c = view.candidate(scheduled);
  if (c === undefined) return false; // every elected producer is a candidate; nothing to count otherwise
  if (equalBytes(producer, scheduled)) {
    view.setCandidate(scheduled, { ...c, producedBlocks: addU64(c.producedBlocks, 1n), consecutiveMisses: 0 });
    return false;
  }
  const missedBlocks = addU64(c.missedBlocks, 1n);
  if (c.status !== 'active') {
    view.setCandidate(scheduled, { ...c, missedBlocks });
    return false;
  }
  const misses = c.consecutiveMisses + 1;
  if (misses < params.missLimit) {
    view.setCandidate(scheduled, { ...c, missedBlocks, consecutiveMisses: misses });
    return false;
  }
  // The counter restarts so an unjailed producer begins clean.
  view.setCandidate(scheduled, {
    ...c,
    missedBlocks,
    consecutiveMisses: 0,
    status: 'jailed',
    jailedUntil: addU64(height, params.jailPeriodBlocks),
  });
  return true;
}
