/**
 * Evidence of equivocation: two conflicting signed votes (same type, height, BFT round and key,
 * different block, nil counting as a block) or two conflicting proposals (same height, round and
 * proposer key, different block). Both signatures must verify. The key leads to a candidate
 * through the consensus key index (old keys included), which is then slashed and tombstoned.
 *
 * Evidence is accepted for heights up to the current one and no older than the unbonding period:
 * after that the stake it would slash may have left, and light clients trust only that far back.
 * Any candidate's key counts, whether or not it was in the active set at that height: signing
 * two blocks for one height is misbehaviour either way.
 */
import { SigningDomain, verifyDomain } from '../../crypto/index.ts';
import { equalBytes } from '../../encoding/index.ts';
import { showAddress, showHash, type RuleInput } from '../../state/context.ts';
import type { StateView } from '../../state/view.ts';
import { blockProposalCodec, type SignedBlockProposal } from '../../types/block-proposal.ts';
import type { PublicKey } from '../../types/primitives.ts';
import { voteCodec, type SignedVote } from '../../types/vote.ts';
import type { KindRules } from '../kind.ts';
import { refuse, type Refusal } from '../refusal.ts';
import type { EvidencePayload } from './payloads.ts';
import type { EvidenceRefusal } from './refusals.ts';
import { slashAndTombstone } from './slashing.ts';

type Rejection = Refusal<EvidenceRefusal> | undefined;

/**
 * Proposals are signed in the block-header domain: the crypto module has no proposal tag. The
 * encodings cannot be confused (a proposal is 77 or 81 bytes, a header at least 209), but a tag
 * of their own would be cleaner; this constant is the one place to change.
 */
export const PROPOSAL_SIGNING_DOMAIN = SigningDomain.BLOCK_HEADER;

interface Offence {
  key: PublicKey;
  height: bigint;
}

const sameHash = (a?: Uint8Array, b?: Uint8Array): boolean =>
  a === undefined || b === undefined ? a === b : equalBytes(a, b);

function voteOffence(
  a: SignedVote,
  b: SignedVote,
  { chainId, verifier }: RuleInput,
): Offence | Refusal<EvidenceRefusal> {
  const [va, vb] = [a.vote, b.vote];
  if (va.type !== vb.type)
    return refuse(
      'NOT_CONFLICTING',
      `the votes are a ${va.type} and a ${vb.type}; a double sign needs two votes of the same type`,
    );
  if (va.height !== vb.height)
    return refuse(
      'NOT_CONFLICTING',
      `the votes are for heights ${va.height} and ${vb.height}; a double sign needs the same height`,
    );
  if (va.round !== vb.round)
    return refuse(
      'NOT_CONFLICTING',
      `the votes are for BFT rounds ${va.round} and ${vb.round}; a double sign needs the same round`,
    );
  if (!equalBytes(va.validator, vb.validator))
    return refuse('NOT_CONFLICTING', 'the votes are signed by different keys; a double sign needs one key');
  if (sameHash(va.blockHash, vb.blockHash))
    return refuse('NOT_CONFLICTING', 'both votes are for the same block, so they do not conflict');
  const domain = va.type === 'prevote' ? SigningDomain.PREVOTE : SigningDomain.PRECOMMIT;
  for (const [name, v] of [
    ['voteA', a],
    ['voteB', b],
  ] as const) {
    if (!verifyDomain(domain, chainId, voteCodec.encode(v.vote), v.signature, v.vote.validator, verifier)) {
      return refuse(
        'BAD_SIGNATURE',
        `the signature of ${name} does not verify under key ${showHash(v.vote.validator)}`,
      );
    }
  }
  return { key: va.validator, height: va.height };
}

function proposalOffence(
  a: SignedBlockProposal,
  b: SignedBlockProposal,
  { chainId, verifier }: RuleInput,
): Offence | Refusal<EvidenceRefusal> {
  const [pa, pb] = [a.proposal, b.proposal];
  if (pa.height !== pb.height)
    return refuse(
      'NOT_CONFLICTING',
      `the proposals are for heights ${pa.height} and ${pb.height}; a double proposal needs the same height`,
    );
  if (pa.round !== pb.round)
    return refuse(
      'NOT_CONFLICTING',
      `the proposals are for BFT rounds ${pa.round} and ${pb.round}; a double proposal needs the same round`,
    );
  if (!equalBytes(pa.proposer, pb.proposer))
    return refuse('NOT_CONFLICTING', 'the proposals are signed by different keys; a double proposal needs one key');
  if (equalBytes(pa.blockHash, pb.blockHash))
    return refuse('NOT_CONFLICTING', 'both proposals are for the same block, so they do not conflict');
  for (const [name, p] of [
    ['proposalA', a],
    ['proposalB', b],
  ] as const) {
    if (
      !verifyDomain(
        PROPOSAL_SIGNING_DOMAIN,
        chainId,
        blockProposalCodec.encode(p.proposal),
        p.signature,
        p.proposal.proposer,
        verifier,
      )
    ) {
      return refuse(
        'BAD_SIGNATURE',
        `the signature of ${name} does not verify under key ${showHash(p.proposal.proposer)}`,
      );
    }
  }
  return { key: pa.proposer, height: pa.height };
}

export const evidenceRules: KindRules<EvidencePayload, EvidenceRefusal> = {
  'evidence.doubleSign': { apply: punish },
  'evidence.doubleProposal': { apply: punish },
};

function punish(view: StateView, payload: EvidencePayload, input: RuleInput): Rejection {
  const offence =
    payload.type === 'evidence.doubleSign'
      ? voteOffence(payload.voteA, payload.voteB, input)
      : proposalOffence(payload.proposalA, payload.proposalB, input);
  if ('code' in offence) return offence;
  const { height, params, addressPrefix } = input;
  if (offence.height > height)
    return refuse(
      'EVIDENCE_FROM_FUTURE',
      `the evidence is for height ${offence.height}, above the current height ${height}`,
    );
  if (height - offence.height > params.unbondingPeriodBlocks) {
    return refuse(
      'EVIDENCE_TOO_OLD',
      `the evidence is from height ${offence.height}, older than the unbonding period of ${params.unbondingPeriodBlocks} blocks; it can no longer be punished`,
    );
  }
  const address = view.consensusKeyOwner(offence.key);
  if (address === undefined)
    return refuse('UNKNOWN_CONSENSUS_KEY', `no candidate has ever used consensus key ${showHash(offence.key)}`);
  const candidate = view.candidate(address);
  if (candidate === undefined)
    return refuse('UNKNOWN_CONSENSUS_KEY', `no candidate has ever used consensus key ${showHash(offence.key)}`);
  if (candidate.status === 'tombstoned')
    return refuse(
      'ALREADY_PUNISHED',
      `candidate ${showAddress(address, addressPrefix)} is already tombstoned: already punished`,
    );
  slashAndTombstone(view, address, candidate, input);
  return undefined;
}
