/**
 * Transaction payloads: one tagged union. Tags are grouped by area (0x0_ transfer, 0x1_ membership,
 * 0x2_ stake pool, 0x3_ voting, 0x4_ candidates, 0x5_ evidence) so a hex dump is easy to read.
 */
import {
  bool,
  compareBytes,
  optional,
  refine,
  sortedSet,
  struct,
  taggedUnion,
  text,
  u64,
  type Codec,
} from '../encoding/index.ts';
import { signedBlockProposalCodec, type SignedBlockProposal } from './block-proposal.ts';
import { memberInfoCodec, memberNameCodec, proposalActionCodec, type ProposalAction } from './governance.ts';
import { MAX_MEMO_BYTES, MAX_VOTE_CHANGES } from './limits.ts';
import {
  addressCodec,
  candidateNameCodec,
  endpointCodec,
  hashCodec,
  publicKeyCodec,
  type Address,
  type Hash,
  type PublicKey,
} from './primitives.ts';
import { signedVoteCodec, type SignedVote } from './vote.ts';

export interface Transfer {
  type: 'transfer';
  to: Address;
  amount: bigint;
  /** Empty means no memo (one spelling of "none", so not an optional). */
  memo: string;
}

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

/** Balance → stake pool (members only). */
export interface Stake {
  type: 'stake';
  amount: bigint;
}

/** Unallocated stake → unbonding, released after the unbonding period. */
export interface Unstake {
  type: 'unstake';
  amount: bigint;
}

/** All matured unbonding → balance. */
export interface Withdraw {
  type: 'withdraw';
}

/** Allocate (increase) or withdraw (decrease) staked amount on one candidate. */
export interface VoteChange {
  candidate: Address;
  increase: boolean;
  amount: bigint;
}

/** Changes to up to 10 candidates, sorted by candidate address with none repeated. */
export interface VotePayload {
  type: 'vote';
  changes: VoteChange[];
}

export interface CandidateRegister {
  type: 'candidate.register';
  name: string;
  /** Key the candidate's node will sign blocks and votes with (separate from the account key). */
  consensusKey: PublicKey;
  /** Where other nodes reach it. */
  endpoint: string;
}

/** Rotate the consensus key and/or move the node; absent fields stay as they are. */
export interface CandidateUpdate {
  type: 'candidate.update';
  consensusKey?: PublicKey;
  endpoint?: string;
}

export interface CandidateResign {
  type: 'candidate.resign';
}

export interface CandidateUnjail {
  type: 'candidate.unjail';
}

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

export type Payload =
  | Transfer
  | MemberApply
  | MemberVote
  | MemberPropose
  | Stake
  | Unstake
  | Withdraw
  | VotePayload
  | CandidateRegister
  | CandidateUpdate
  | CandidateResign
  | CandidateUnjail
  | DoubleSignEvidence
  | DoubleProposalEvidence;

export type PayloadType = Payload['type'];

const voteChangeCodec: Codec<VoteChange> = struct({ candidate: addressCodec, increase: bool, amount: u64 });

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

export const payloadCodec: Codec<Payload> = taggedUnion({
  transfer: [0x01, struct({ to: addressCodec, amount: u64, memo: text(MAX_MEMO_BYTES) })],
  'member.apply': [0x10, struct({ name: memberNameCodec, info: memberInfoCodec })],
  'member.vote': [0x11, struct({ proposalId: hashCodec, approve: bool })],
  'member.propose': [0x12, struct({ action: proposalActionCodec })],
  stake: [0x20, struct({ amount: u64 })],
  unstake: [0x21, struct({ amount: u64 })],
  withdraw: [0x22, struct({})],
  vote: [0x30, struct({ changes: sortedSet(voteChangeCodec, MAX_VOTE_CHANGES, (c) => c.candidate) })],
  'candidate.register': [
    0x40,
    struct({ name: candidateNameCodec, consensusKey: publicKeyCodec, endpoint: endpointCodec }),
  ],
  'candidate.update': [0x41, struct({ consensusKey: optional(publicKeyCodec), endpoint: optional(endpointCodec) })],
  'candidate.resign': [0x42, struct({})],
  'candidate.unjail': [0x43, struct({})],
  'evidence.doubleSign': [0x50, orderedPair(signedVoteCodec, 'voteA', 'voteB')],
  'evidence.doubleProposal': [0x51, orderedPair(signedBlockProposalCodec, 'proposalA', 'proposalB')],
});

/** Puts two pieces of evidence in their canonical order. */
export function orderEvidence<T>(codec: Codec<T>, x: T, y: T): [T, T] {
  return compareBytes(codec.encode(x), codec.encode(y)) <= 0 ? [x, y] : [y, x];
}
