/** BFT votes (Tendermint prevote/precommit). The signed bytes are `voteCodec.encode(vote)`. */
import { enumeration, optional, struct, u32, u64, type Codec } from '../encoding/index.ts';
import { hashCodec, publicKeyCodec, signatureCodec, type Hash, type PublicKey, type Signature } from './primitives.ts';

export type VoteType = 'prevote' | 'precommit';

export interface Vote {
  type: VoteType;
  /** Block height being decided. */
  height: bigint;
  /** BFT round within that height (restarts at 0 for each height). */
  round: number;
  /** The block voted for; absent is a nil vote (no acceptable block seen in time). */
  blockHash?: Hash;
  /** The voter's consensus key (not its account key). */
  validator: PublicKey;
}

export interface SignedVote {
  vote: Vote;
  /** Consensus-key signature over the domain-separated vote bytes. */
  signature: Signature;
}

export const voteTypeCodec: Codec<VoteType> = enumeration({ prevote: 1, precommit: 2 });

export const voteCodec: Codec<Vote> = struct({
  type: voteTypeCodec,
  height: u64,
  round: u32,
  blockHash: optional(hashCodec),
  validator: publicKeyCodec,
});

export const signedVoteCodec: Codec<SignedVote> = struct({ vote: voteCodec, signature: signatureCodec });
