/** Evidence of equivocation (tags 0x5_) and its wire form. */
import { compareBytes, refine, struct, type Codec } from '../../encoding/index.ts';
import { signedBlockProposalCodec, type SignedBlockProposal } from '../../types/block-proposal.ts';
import { signedVoteCodec, type SignedVote } from '../../types/vote.ts';
import type { VariantsOf } from '../kinds.ts';
import type { evidenceKinds } from './kinds.ts';

/** Two conflicting votes by one consensus key for the same height, round and type. */
export interface DoubleSignEvidence {
  type: 'evidence.doubleSign';
  /** voteA's encoding sorts before voteB's, so one pair has one encoding (see `orderEvidence`). */
  voteA: SignedVote;
  voteB: SignedVote;
}

/** Two conflicting proposals by one consensus key for the same height and round. */
export interface DoubleProposalEvidence {
  type: 'evidence.doubleProposal';
  proposalA: SignedBlockProposal;
  proposalB: SignedBlockProposal;
}

export type EvidencePayload = DoubleSignEvidence | DoubleProposalEvidence;

/** A pair (a, b) of the same codec, with a's encoding strictly before b's. */
function orderedPair<K extends string, T>(codec: Codec<T>, a: K, b: K) {
  const fields = { [a]: codec, [b]: codec } as Record<K, Codec<T>>;
  return refine(struct(fields), (v) => {
    const pair = v as Record<K, T>;
    return compareBytes(codec.encode(pair[a]), codec.encode(pair[b])) < 0
      ? undefined
      : `${a} must sort before ${b} (byte order of their encodings) and differ from it`;
  });
}

/** Puts two pieces of evidence in their canonical order. */
export function orderEvidence<T>(codec: Codec<T>, x: T, y: T): [T, T] {
  return compareBytes(codec.encode(x), codec.encode(y)) <= 0 ? [x, y] : [y, x];
}

/** Variants of the payload union (../../types/payload.ts): tags are wire values, never renumbered. */
export const evidencePayloads = {
  'evidence.doubleSign': [0x50, orderedPair(signedVoteCodec, 'voteA', 'voteB')],
  'evidence.doubleProposal': [0x51, orderedPair(signedBlockProposalCodec, 'proposalA', 'proposalB')],
} as const satisfies VariantsOf<typeof evidenceKinds>;
