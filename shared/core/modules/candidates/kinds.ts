/** The candidates' kinds by name (see ../kinds.ts): imports no code, so the page may have it. */
import type { ModuleKinds } from '../kinds.ts';

export const candidateKinds = {
  payloads: ['candidate.register', 'candidate.update', 'candidate.resign', 'candidate.unjail'],
  intents: {
    'candidate.register': {
      builds: 'candidate.register',
      fields: { name: 'text', consensusKey: 'consensusKey', endpoint: 'code' },
    },
    'candidate.update': { builds: 'candidate.update', fields: { consensusKey: 'consensusKey', endpoint: 'code' } },
    'candidate.resign': { builds: 'candidate.resign', fields: {} },
    'candidate.unjail': { builds: 'candidate.unjail', fields: {} },
  },
} as const satisfies ModuleKinds;
