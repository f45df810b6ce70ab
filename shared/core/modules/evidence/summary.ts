import { bytesToHex } from '@noble/hashes/utils.js';
import type { KindSummaries } from '../summary.ts';
import type { EvidencePayload } from './payloads.ts';

export const evidenceSummaries: KindSummaries<EvidencePayload> = {
  'evidence.doubleSign': ({ voteA: { vote } }) => [
    `Report double-signing: two conflicting ${vote.type}s by consensus key ${bytesToHex(vote.validator)} at height ${vote.height}, round ${vote.round}`,
  ],
  'evidence.doubleProposal': ({ proposalA: { proposal } }) => [
    `Report double-proposing: two conflicting proposals by consensus key ${bytesToHex(proposal.proposer)} at height ${proposal.height}, round ${proposal.round}`,
  ],
};
