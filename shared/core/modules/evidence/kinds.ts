/** Evidence's kinds by name (see ../kinds.ts): sent by nodes, so no person's intent. */
import type { ModuleKinds } from '../kinds.ts';

export const evidenceKinds = {
  payloads: ['evidence.doubleSign', 'evidence.doubleProposal'],
  intents: {},
} as const satisfies ModuleKinds;
