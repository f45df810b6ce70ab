/** Governance's kinds by name (see ../kinds.ts): imports no code, so the page may have it. */
import type { ModuleKinds } from '../kinds.ts';

export const governanceKinds = {
  payloads: ['member.apply', 'member.vote', 'member.propose'],
  intents: {
    'member.apply': { builds: 'member.apply', fields: { name: 'text', info: 'text' } },
    'member.vote': { builds: 'member.vote', fields: { proposalId: 'code', approve: 'yesNo' } },
    'member.proposeRemoval': { builds: 'member.propose', fields: { member: 'address' } },
    'member.proposeParameter': { builds: 'member.propose', fields: { name: 'code', value: 'code' } },
  },
} as const satisfies ModuleKinds;
