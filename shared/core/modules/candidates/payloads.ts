/** The candidate transactions (tags 0x4_) and their wire form. */
import { optional, struct } from '../../encoding/index.ts';
import { publicKeyCodec, type PublicKey } from '../../types/primitives.ts';
import { candidateNameCodec, endpointCodec } from './records.ts';
import type { VariantsOf } from '../kinds.ts';
import type { candidateKinds } from './kinds.ts';

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

export type CandidatePayload = CandidateRegister | CandidateUpdate | CandidateResign | CandidateUnjail;

/** Variants of the payload union (../../types/payload.ts): tags are wire values, never renumbered. */
export const candidatePayloads = {
  'candidate.register': [
    0x40,
    struct({ name: candidateNameCodec, consensusKey: publicKeyCodec, endpoint: endpointCodec }),
  ],
  'candidate.update': [0x41, struct({ consensusKey: optional(publicKeyCodec), endpoint: optional(endpointCodec) })],
  'candidate.resign': [0x42, struct({})],
  'candidate.unjail': [0x43, struct({})],
} as const satisfies VariantsOf<typeof candidateKinds>;
