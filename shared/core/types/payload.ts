/**
 * Transaction payloads: one tagged union, composed of the modules' variants (../modules/<name>/payloads.ts).
 * Tags are grouped by module (0x0_ token, 0x1_ governance, 0x2_ stake pool, 0x3_ voting,
 * 0x4_ candidates, 0x5_ evidence) so a hex dump is easy to read; the order below is the order
 * a decoding error lists them in.
 */
import { taggedUnion, type Codec } from '../encoding/index.ts';
import { candidatePayloads, type CandidatePayload } from '../modules/candidates/payloads.ts';
import { evidencePayloads, type EvidencePayload } from '../modules/evidence/payloads.ts';
import { governancePayloads, type GovernancePayload } from '../modules/governance/payloads.ts';
import { stakingPayloads, type StakingPayload } from '../modules/staking/payloads.ts';
import { tokenPayloads, type TokenPayload } from '../modules/token/payloads.ts';

export type Payload = TokenPayload | GovernancePayload | StakingPayload | CandidatePayload | EvidencePayload;

export type PayloadType = Payload['type'];

export const payloadCodec: Codec<Payload> = taggedUnion({
  ...tokenPayloads,
  ...governancePayloads,
  ...stakingPayloads,
  ...candidatePayloads,
  ...evidencePayloads,
});
