/** Blocks and what travels with them: headers, commit certificates, validator sets, proposals, votes. */
import {
  blockCodec,
  blockHeaderCodec,
  blockProposalCodec,
  commitCertificateCodec,
  signedBlockProposalCodec,
  signedHeaderCodec,
  signedVoteCodec,
  validatorSetCodec,
  voteCodec,
} from '../../shared/core/types/index.ts';
import { codecFamily } from './properties.ts';

export const codecs = {
  block: blockCodec,
  blockHeader: blockHeaderCodec,
  signedHeader: signedHeaderCodec,
  commitCertificate: commitCertificateCodec,
  validatorSet: validatorSetCodec,
  blockProposal: blockProposalCodec,
  signedBlockProposal: signedBlockProposalCodec,
  vote: voteCodec,
  signedVote: signedVoteCodec,
};
export const fuzz = codecFamily(codecs);
