/**
 * Membership governance records: members, what a proposal asks for, a proposal's state while
 * members vote (it passes with more than 2/3 of members, fails with 1/3 against, lapses at its
 * deadline), and the index records that let the rules find proposals without scanning (the state
 * is a key-value map with hashed keys, so nothing can be enumerated that is not listed somewhere).
 */
import {
  array,
  enumeration,
  refine,
  sortedSet,
  struct,
  taggedUnion,
  text,
  u64,
  type Codec,
} from '../../encoding/index.ts';
import { parameterNameCodec, type ParameterName } from '../../types/parameters.ts';
import { addressCodec, hashCodec, type Address, type Hash } from '../../types/primitives.ts';
import {
  MAX_MEMBER_INFO_BYTES,
  MAX_MEMBER_NAME_BYTES,
  MAX_MEMBERS,
  MAX_OPEN_PROPOSALS,
  MAX_PROPOSALS_PER_DEADLINE,
} from './limits.ts';

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

/** A consortium member's state, stored under its address. */
export interface Member {
  /** Organisation name, as given in its application. */
  name: string;
  /** Free text from its application (contact, URL). */
  info: string;
  /** Height of the block in which its admission passed (0 for genesis members). */
  admittedAt: bigint;
}

export const memberCodec: Codec<Member> = struct({ name: memberNameCodec, info: memberInfoCodec, admittedAt: u64 });

/** An applicant's open admission proposal (at most one each). */
export interface Application {
  proposalId: Hash;
}
export const applicationCodec: Codec<Application> = struct({ proposalId: hashCodec });

/** Proposals whose voting ends at one height, in creation order: what lapses at its end. */
export interface Deadlines {
  proposals: Hash[];
}
export const deadlinesCodec: Codec<Deadlines> = struct({ proposals: array(hashCodec, MAX_PROPOSALS_PER_DEADLINE) });

/** All members, sorted: the count behind the 2/3 and 1/3 thresholds, and a list wallets can prove. */
export const memberListCodec: Codec<Address[]> = sortedSet(addressCodec, MAX_MEMBERS);

/**
 * Ids of the proposals still open, sorted: one proof shows the whole set, so a listing of open
 * proposals can be checked complete (an endpoint cannot hide one). Bounded, so the record stays
 * small: opening a proposal while it is full is refused until one closes.
 */
export const openProposalListCodec: Codec<Hash[]> = sortedSet(hashCodec, MAX_OPEN_PROPOSALS);
