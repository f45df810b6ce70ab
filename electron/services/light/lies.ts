import type * as z from 'zod';
import type { lieKind } from '../../../shared/contract/schemas/network.ts';

/**
 * What an untrusted endpoint did, as a kind the UI can say in plain words in each language
 * ("it sent a changed balance"), from the technical reason the verification gave. The reason is
 * kept too, as the detail for those who want it. The kinds are the contract's (`lieKind`).
 */
export type LieKind = z.infer<typeof lieKind>;

/** First match wins: the more specific patterns come first. */
const PATTERNS: readonly (readonly [LieKind, RegExp])[] = [
  ['wrongNetwork', /^It serves the network /],
  ['malformed', /is malformed:/],
  ['hiddenEntry', /the listing of .+ (leaves out|names)/],
  ['missingSignatures', /only \d+ of \d+ validators signed/],
  ['forgedSignature', /signature is not a valid precommit|cannot be a precommit/],
  ['alteredHeader', /the certificate (signs block|is for height)/],
  [
    'oldHeader',
    /asked for header \d+, it sent header \d+|is not newer than the trusted header|asked for the state at height/,
  ],
  ['alteredState', /the proof (does not show|shows key)|answers from block/],
  ['skippedHandOff', /hand-off|as the last of round|knows the sets only up to/],
  ['conflictingBlock', /conflicting|disagree|not the verified header|Its block fails verification/],
];

export function lieOf(reason: string): LieKind {
  return PATTERNS.find(([, pattern]) => pattern.test(reason))?.[0] ?? 'other';
}
