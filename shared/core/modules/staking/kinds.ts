/** Staking's and voting's kinds by name (see ../kinds.ts): imports no code, so the page may have it. */
import type { ModuleKinds } from '../kinds.ts';

export const stakingKinds = {
  payloads: ['stake', 'unstake', 'withdraw', 'vote'],
  intents: {
    stake: { builds: 'stake', fields: { amount: 'amount' } },
    unstake: { builds: 'unstake', fields: { amount: 'amount' } },
    withdraw: { builds: 'withdraw', fields: {} },
    vote: { builds: 'vote', fields: { allocations: 'allocations' } },
  },
} as const satisfies ModuleKinds;
