// The light node's public face; the rest of the app imports from here.
export { LightNode } from './light-node.ts';
export { LIGHT_FAILURE_CODES, LightNodeError, RefusedError, type LightFailure } from './errors.ts';
export { lieOf, type LieKind } from './lies.ts';
export type {
  CheckpointStart,
  Clock,
  Disagreement,
  EndpointStatus,
  GenesisStart,
  LightNodeConfig,
  LightNodeEvents,
  LightNodeStatus,
  LightNodeTiming,
  StartFrom,
  SyncPhase,
} from './config.ts';
export type { ListingMethod, ListingQuery, TransactionStatus, Verified } from './reads.ts';
