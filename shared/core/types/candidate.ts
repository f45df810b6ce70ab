/** A candidate producer's state, stored under its account address. */
import { enumeration, optional, refine, struct, u32, u64, type Codec } from '../encoding/index.ts';
import {
  addressCodec,
  candidateNameCodec,
  endpointCodec,
  publicKeyCodec,
  type Address,
  type PublicKey,
} from './primitives.ts';

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
