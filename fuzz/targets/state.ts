/** State values (what the state tree stores, and what light clients receive with proofs) and the genesis document. */
import { genesisDocCodec } from '../../shared/core/genesis/codec.ts';
import {
  applicationCodec,
  candidateListCodec,
  deadlinesCodec,
  memberListCodec,
  ownerCodec,
  roundRecordCodec,
  totalsCodec,
} from '../../shared/core/state/records.ts';
import {
  accountCodec,
  candidateCodec,
  chainParametersCodec,
  governanceProposalCodec,
  memberCodec,
} from '../../shared/core/types/index.ts';
import { codecFamily } from './properties.ts';

export const codecs = {
  account: accountCodec,
  candidate: candidateCodec,
  member: memberCodec,
  governanceProposal: governanceProposalCodec,
  chainParameters: chainParametersCodec,
  roundRecord: roundRecordCodec,
  totals: totalsCodec,
  owner: ownerCodec,
  application: applicationCodec,
  deadlines: deadlinesCodec,
  memberList: memberListCodec,
  candidateList: candidateListCodec,
  genesisDoc: genesisDocCodec,
};
export const fuzz = codecFamily(codecs);
