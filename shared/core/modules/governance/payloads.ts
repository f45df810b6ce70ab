/** The governance transactions (tags 0x1_) and their wire form. */
import { bool, struct } from '../../encoding/index.ts';
import { hashCodec, type Hash } from '../../types/primitives.ts';
import { memberInfoCodec, memberNameCodec, proposalActionCodec, type ProposalAction } from './records.ts';
import type { VariantsOf } from '../kinds.ts';
import type { governanceKinds } from './kinds.ts';

/** Applies for membership; opens an admission proposal with the sender as applicant. */
export interface MemberApply {
  type: 'member.apply';
  name: string;
  info: string;
}

/** A member's vote on an open proposal. */
export interface MemberVote {
  type: 'member.vote';
  proposalId: Hash;
  approve: boolean;
}

/** A member opens a proposal to remove a member or change a parameter. */
export interface MemberPropose {
  type: 'member.propose';
  action: ProposalAction;
}

export type GovernancePayload = MemberApply | MemberVote | MemberPropose;

/** Variants of the payload union (../../types/payload.ts): tags are wire values, never renumbered. */
export const governancePayloads = {
  'member.apply': [0x10, struct({ name: memberNameCodec, info: memberInfoCodec })],
  'member.vote': [0x11, struct({ proposalId: hashCodec, approve: bool })],
  'member.propose': [0x12, struct({ action: proposalActionCodec })],
} as const satisfies VariantsOf<typeof governanceKinds>;
