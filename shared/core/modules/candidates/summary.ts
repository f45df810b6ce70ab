import { bytesToHex } from '@noble/hashes/utils.js';
import { quoted } from '../../offline/text.ts';
import type { KindSummaries } from '../summary.ts';
import type { CandidatePayload } from './payloads.ts';

export const candidateSummaries: KindSummaries<CandidatePayload> = {
  'candidate.register': (p) => [
    `Register as producer candidate ${quoted(p.name)}`,
    `Consensus key ${bytesToHex(p.consensusKey)}`,
    `Node endpoint ${quoted(p.endpoint)}`,
  ],
  'candidate.update': (p) => [
    "Update this account's candidate registration",
    p.consensusKey ? `New consensus key ${bytesToHex(p.consensusKey)}` : 'Consensus key unchanged',
    p.endpoint !== undefined ? `New node endpoint ${quoted(p.endpoint)}` : 'Node endpoint unchanged',
  ],
  'candidate.resign': () => ['Resign as a producer candidate (votes can then only be taken back)'],
  'candidate.unjail': () => ['Ask to return from jail as a producer candidate'],
};
