/** The token's kinds by name (see ../kinds.ts): imports no code, so the page may have it. */
import type { ModuleKinds } from '../kinds.ts';

export const tokenKinds = {
  payloads: ['transfer'],
  intents: {
    transfer: { builds: 'transfer', fields: { to: 'address', amount: 'amount', memo: 'text' } },
  },
} as const satisfies ModuleKinds;
