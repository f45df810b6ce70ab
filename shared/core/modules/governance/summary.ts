import { bytesToHex } from '@noble/hashes/utils.js';
import { quoted } from '../../offline/text.ts';
import type { KindSummaries } from '../summary.ts';
import type { GovernancePayload } from './payloads.ts';

/** Parameters counted in base units are shown as amounts; the others are plain numbers. */
const AMOUNT_PARAMETERS = new Set(['minFee', 'blockReward']);

export const governanceSummaries: KindSummaries<GovernancePayload> = {
  'member.apply': (p) => [
    `Apply for consortium membership as ${quoted(p.name)}`,
    `Application info: ${quoted(p.info)}`,
  ],
  'member.vote': (p) => [`Vote ${p.approve ? 'YES' : 'NO'} on membership proposal ${bytesToHex(p.proposalId)}`],
  'member.propose': ({ action }, show) => {
    if (action.type === 'removeMember')
      return [`Propose removing member ${show.address(action.member)} from the consortium`];
    const value = AMOUNT_PARAMETERS.has(action.name) ? show.amount(action.value) : action.value.toString();
    return [`Propose changing network parameter ${action.name} to ${value}`];
  },
};
