/** The BFT proposal: the scheduled producer's offer of a block for one height and round. */
import { optional, refine, struct, u32, u64, type Codec } from '../encoding/index.ts';
import { hashCodec, publicKeyCodec, signatureCodec, type Hash, type PublicKey, type Signature } from './primitives.ts';

export interface BlockProposal {
  height: bigint;
  /** BFT round of this proposal. */
  round: number;
  /** Tendermint's valid round: the round whose prevotes (a polka) justify re-proposing a locked block; absent = none (-1). */
  polRound?: number;
  /** Hash of the proposed block's header. */
  blockHash: Hash;
  /** The proposer's consensus key, so two conflicting proposals are self-contained evidence. */
  proposer: PublicKey;
}

export interface SignedBlockProposal {
  proposal: BlockProposal;
  signature: Signature;
}

export const blockProposalCodec: Codec<BlockProposal> = refine(
  struct({ height: u64, round: u32, polRound: optional(u32), blockHash: hashCodec, proposer: publicKeyCodec }),
  // A proof-of-lock round must precede the round it justifies.
  (p) =>
    p.polRound !== undefined && p.polRound >= p.round
      ? `polRound ${p.polRound} must be below round ${p.round}`
      : undefined,
);

export const signedBlockProposalCodec: Codec<SignedBlockProposal> = struct({
  proposal: blockProposalCodec,
  signature: signatureCodec,
});
