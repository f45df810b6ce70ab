import { bytesToHex } from '@noble/hashes/utils.js';
import { equalBytes } from '../../shared/core/encoding/index.ts';
import {
  orderEvidence,
  payloadCodec,
  signedBlockProposalCodec,
  signedVoteCodec,
  type DoubleProposalEvidence,
  type DoubleSignEvidence,
  type PublicKey,
  type SignedBlockProposal,
  type SignedVote,
} from '../../shared/core/types/index.ts';

export type EvidenceKind = 'doubleSign' | 'doubleProposal';

/** Equivocation seen by this node: two validly signed, conflicting messages of one consensus key. */
export interface EquivocationEvidence {
  kind: EvidenceKind;
  /** Which message was signed twice. */
  message: 'prevote' | 'precommit' | 'proposal';
  height: bigint;
  round: number;
  /** The offender's consensus key. */
  validator: PublicKey;
  /** The transaction payload that reports it, with the pair in the order the payload codec requires. */
  payload: DoubleSignEvidence | DoubleProposalEvidence;
  /** Its canonical encoding (payloadCodec): what a wallet puts in an evidence transaction. */
  encoded: Uint8Array;
  /** When this node saw the conflict (ms since the epoch). */
  seenAt: number;
}

export interface EvidenceLimits {
  /** Pairs kept in all; beyond it the oldest goes. */
  maxPairs: number;
  /** Pairs kept per consensus key: one pair is enough to punish, so a key cannot crowd out the others. */
  maxPairsPerValidator: number;
  /** First messages remembered for the current height (votes and proposals together). */
  maxFirstMessages: number;
  /** First messages remembered per key for the current height, so one key signing many rounds cannot use them all up. */
  maxFirstMessagesPerValidator: number;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  maxPairs: 256,
  maxPairsPerValidator: 8,
  maxFirstMessages: 8192,
  maxFirstMessagesPerValidator: 128,
};

/** Nil counts as a block of its own (shared/core/modules/evidence/rules.ts): nil against a block conflicts. */
const sameBlock = (a?: Uint8Array, b?: Uint8Array): boolean =>
  a === undefined || b === undefined ? a === b : equalBytes(a, b);

/**
 * Collects equivocation evidence for the consensus engine. The engine hands over every message whose signature
 * it has verified (its own included); the first vote of each key per (type, round) and the first proposal per
 * (round, key) of the current height are kept, and a later one for a different block (the state's rule for what
 * conflicts) becomes a pair in a bounded list, newest last. One pair is kept per offence (message type, height,
 * round, key). Nothing here is consensus-critical: a node that misses a pair only fails to report it.
 */
export class EvidenceCollector {
  private height = -1n;
  private readonly firstVotes = new Map<string, SignedVote>();
  private readonly firstProposals = new Map<string, SignedBlockProposal>();
  private readonly firstsPerKey = new Map<string, number>();
  private readonly offences = new Set<string>();
  private readonly pairs: EquivocationEvidence[] = [];

  constructor(
    private readonly onEvidence: (evidence: EquivocationEvidence) => void = () => {},
    private readonly limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forgets the first messages of the previous height; the pairs found so far stay. */
  beginHeight(height: bigint): void {
    if (height === this.height) return;
    this.height = height;
    this.firstVotes.clear();
    this.firstProposals.clear();
    this.firstsPerKey.clear();
    this.offences.clear();
  }

  /** A vote whose signature verified; returns the new pair when it conflicts with the key's first vote. */
  observeVote(signed: SignedVote): EquivocationEvidence | null {
    const { vote } = signed;
    if (vote.height !== this.height) return null;
    const signer = bytesToHex(vote.validator);
    const key = `${vote.type}:${vote.round}:${signer}`;
    const first = this.firstVotes.get(key);
    if (first === undefined) {
      if (this.roomFor(signer)) this.firstVotes.set(key, signed);
      return null;
    }
    if (sameBlock(first.vote.blockHash, vote.blockHash)) return null;
    const [voteA, voteB] = orderEvidence(signedVoteCodec, first, signed);
    return this.record(
      key,
      { kind: 'doubleSign', message: vote.type, height: vote.height, round: vote.round, validator: vote.validator },
      { type: 'evidence.doubleSign', voteA, voteB },
    );
  }

  /** A proposal whose signature verified; returns the new pair when it conflicts with the key's first proposal. */
  observeProposal(signed: SignedBlockProposal): EquivocationEvidence | null {
    const { proposal } = signed;
    if (proposal.height !== this.height) return null;
    const signer = bytesToHex(proposal.proposer);
    const key = `proposal:${proposal.round}:${signer}`;
    const first = this.firstProposals.get(key);
    if (first === undefined) {
      if (this.roomFor(signer)) this.firstProposals.set(key, signed);
      return null;
    }
    // Re-proposing the same block with another polRound is not an offence under the state's rules.
    if (equalBytes(first.proposal.blockHash, proposal.blockHash)) return null;
    const [proposalA, proposalB] = orderEvidence(signedBlockProposalCodec, first, signed);
    return this.record(
      key,
      {
        kind: 'doubleProposal',
        message: 'proposal',
        height: proposal.height,
        round: proposal.round,
        validator: proposal.proposer,
      },
      { type: 'evidence.doubleProposal', proposalA, proposalB },
    );
  }

  /** The pairs found, oldest first. */
  list(): EquivocationEvidence[] {
    return [...this.pairs];
  }

  /** Whether one more first message of `signer` may be kept, counting it if so. */
  private roomFor(signer: string): boolean {
    const mine = this.firstsPerKey.get(signer) ?? 0;
    if (
      mine >= this.limits.maxFirstMessagesPerValidator ||
      this.firstVotes.size + this.firstProposals.size >= this.limits.maxFirstMessages
    )
      return false;
    this.firstsPerKey.set(signer, mine + 1);
    return true;
  }

  private record(
    key: string,
    what: Pick<EquivocationEvidence, 'kind' | 'message' | 'height' | 'round' | 'validator'>,
    payload: DoubleSignEvidence | DoubleProposalEvidence,
  ): EquivocationEvidence | null {
    if (this.offences.has(key)) return null; // already reported for this height
    this.offences.add(key);
    const sameKey = this.pairs.filter((p) => equalBytes(p.validator, what.validator)).length;
    if (sameKey >= this.limits.maxPairsPerValidator) return null;
    const evidence: EquivocationEvidence = {
      ...what,
      payload,
      encoded: payloadCodec.encode(payload),
      seenAt: this.now(),
    };
    this.pairs.push(evidence);
    if (this.pairs.length > this.limits.maxPairs) this.pairs.shift();
    this.onEvidence(evidence);
    return evidence;
  }
}
