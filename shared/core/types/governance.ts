/**
 * Membership governance: what a proposal asks for, and a proposal's state while members vote.
 * It passes with more than 2/3 of members, fails with 1/3 against, lapses at its deadline.
 */
import { enumeration, refine, sortedSet, struct, taggedUnion, text, u64, type Codec } from '../encoding/index.ts';
import { MAX_MEMBER_INFO_BYTES, MAX_MEMBER_NAME_BYTES, MAX_MEMBERS } from './limits.ts';
import { parameterNameCodec, type ParameterName } from './parameters.ts';
import { addressCodec, hashCodec, type Address, type Hash } from './primitives.ts';

/** Admit the proposal's proposer (an applicant, via `member.apply`) as a member. */
export interface AdmitMember {
  type: 'admitMember';
  /** Organisation name the applicant gives. */
  name: string;
  /** Free text for reviewers (contact, URL, reason). */
  info: string;
}

/** Remove an existing member. */
export interface RemoveMember {
  type: 'removeMember';
  member: Address;
}

/** Set one network parameter (range-checked when applied; see `setChainParameter`). */
export interface ChangeParameter {
  type: 'changeParameter';
  name: ParameterName;
  value: bigint;
}

/** What a member may propose with `member.propose` (admission comes only from `member.apply`). */
export type ProposalAction = RemoveMember | ChangeParameter;
/** What a stored proposal decides. */
export type ProposalSubject = AdmitMember | ProposalAction;

export const memberNameCodec = text(MAX_MEMBER_NAME_BYTES);
export const memberInfoCodec = text(MAX_MEMBER_INFO_BYTES);

// Shared tags: an action keeps its tag when stored as a proposal subject.
const admitMember = struct({ name: memberNameCodec, info: memberInfoCodec });
const removeMember = struct({ member: addressCodec });
const changeParameter = struct({ name: parameterNameCodec, value: u64 });

export const proposalActionCodec: Codec<ProposalAction> = taggedUnion({
  removeMember: [1, removeMember],
  changeParameter: [2, changeParameter],
});

export const proposalSubjectCodec: Codec<ProposalSubject> = taggedUnion({
  admitMember: [0, admitMember],
  removeMember: [1, removeMember],
  changeParameter: [2, changeParameter],
});

export type ProposalStatus = 'open' | 'passed' | 'rejected' | 'lapsed';
export const proposalStatusCodec: Codec<ProposalStatus> = enumeration({ open: 0, passed: 1, rejected: 2, lapsed: 3 });

export interface GovernanceProposal {
  /** Id of the transaction that opened it (`member.apply` or `member.propose`); `member.vote` names it. */
  id: Hash;
  subject: ProposalSubject;
  /** Who opened it: a member, or for admission the applicant. */
  proposer: Address;
  /** Members voting for, sorted by address. */
  yes: Address[];
  /** Members voting against, sorted by address. */
  no: Address[];
  /** Height of the block that opened it. */
  createdHeight: bigint;
  /** Last height at which votes count; after it an open proposal lapses. */
  deadlineHeight: bigint;
  status: ProposalStatus;
}

const memberSet = sortedSet(addressCodec, MAX_MEMBERS);

export const governanceProposalCodec: Codec<GovernanceProposal> = refine(
  struct({
    id: hashCodec,
    subject: proposalSubjectCodec,
    proposer: addressCodec,
    yes: memberSet,
    no: memberSet,
    createdHeight: u64,
    deadlineHeight: u64,
    status: proposalStatusCodec,
  }),
  (p) => {
    const yes = new Set(p.yes.map((a) => a.join(',')));
    if (p.no.some((a) => yes.has(a.join(',')))) return 'a member appears in both yes and no';
    if (p.deadlineHeight < p.createdHeight) return 'deadlineHeight is before createdHeight';
    return undefined;
  },
);
