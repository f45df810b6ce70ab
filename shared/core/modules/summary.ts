/** How a module says each of its payloads in plain words (../offline/summary.ts puts the lines together). */
import type { Address } from '../types/primitives.ts';

export interface Show {
  /** An amount in tokens with its base units. */
  amount(units: bigint): string;
  /** An address as people know it on this network. */
  address(bytes: Address): string;
}

/** One function per payload type of a module: the lines a signer reads. */
export type KindSummaries<P extends { type: string }> = {
  [T in P['type']]: (payload: Extract<P, { type: T }>, show: Show) => string[];
};
