/** The candidate records: a candidate producer's state, stored under its account address, and its indexes. */
import { enumeration, optional, refine, sortedSet, struct, text, u32, u64, type Codec } from '../../encoding/index.ts';
import { addressCodec, publicKeyCodec, type Address, type PublicKey } from '../../types/primitives.ts';
import {
  CANDIDATE_NAME_HINT,
  CANDIDATE_NAME_PATTERN,
  ENDPOINT_HINT,
  ENDPOINT_PATTERN,
  MAX_CANDIDATE_NAME_BYTES,
  MAX_CANDIDATES,
  MAX_ENDPOINT_BYTES,
} from './limits.ts';

export const candidateNameCodec = text(MAX_CANDIDATE_NAME_BYTES, {
  pattern: CANDIDATE_NAME_PATTERN,
  patternHint: CANDIDATE_NAME_HINT,
});

/** A node's P2P endpoint, e.g. "wss://node1.example.org:7070". */
export const endpointCodec = text(MAX_ENDPOINT_BYTES, { pattern: ENDPOINT_PATTERN, patternHint: ENDPOINT_HINT });

/** active: eligible for election; jailed: too many misses, may unjail later; tombstoned: double-signed, never again; resigned: left. */
export type CandidateStatus = 'active' | 'jailed' | 'tombstoned' | 'resigned';

export interface Candidate {
  name: string;
  /** Key its node signs blocks and votes with. */
  consensusKey: PublicKey;
  endpoint: string;
  /** The registering account (the candidate's identity and reward address). */
  selfAddress: Address;
  /** Total stake currently allocated to it by all voters. */
  voteWeight: bigint;
  status: CandidateStatus;
  /** Missed turns in a row; reset by a produced block; reaching missLimit jails. */
  consecutiveMisses: number;
  /** Lifetime counts, for the console. */
  producedBlocks: bigint;
  missedBlocks: bigint;
  /** First height at which `candidate.unjail` is accepted; present exactly when jailed. */
  jailedUntil?: bigint;
}

export const candidateStatusCodec: Codec<CandidateStatus> = enumeration({
  active: 0,
  jailed: 1,
  tombstoned: 2,
  resigned: 3,
});

export const candidateCodec: Codec<Candidate> = refine(
  struct({
    name: candidateNameCodec,
    consensusKey: publicKeyCodec,
    endpoint: endpointCodec,
    selfAddress: addressCodec,
    voteWeight: u64,
    status: candidateStatusCodec,
    consecutiveMisses: u32,
    producedBlocks: u64,
    missedBlocks: u64,
    jailedUntil: optional(u64),
  }),
  (c) =>
    (c.status === 'jailed') === (c.jailedUntil !== undefined)
      ? undefined
      : 'jailedUntil must be present exactly when status is jailed',
);

/** Who owns a unique name or consensus key (index records). */
export interface Owner {
  candidate: Address;
}
export const ownerCodec: Codec<Owner> = struct({ candidate: addressCodec });

/** Live candidates (active or jailed), sorted: who the election reads. */
export const candidateListCodec: Codec<Address[]> = sortedSet(addressCodec, MAX_CANDIDATES);
