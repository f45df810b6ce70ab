// PLACEHOLDER: the network helper replaces this file (see access.ts for what others rely on).
import type { EventHub, AreaHandlers } from '../registry.ts';
import { ServiceError } from '../registry.ts';
import { pendingHandlers } from '../pending.ts';
import type { DevnetService } from '../devnet/types.ts';
import type { NetworkAccess } from './access.ts';
import { offlineError } from './access.ts';

/** Which network to follow: the embedded devnet (default when nothing is configured), none, or a configured one. */
export type NetworkChoice = 'devnet' | 'none' | { genesisFile: string; endpoints: string[] };

export interface NetworkServiceOptions {
  dataDir: string;
  hub: EventHub;
  mode: 'online' | 'offline';
  devnet: DevnetService | null;
  /** Overrides the choice stored in the data folder's settings (tests, command-line flags). */
  choice?: NetworkChoice;
}

export interface NetworkService extends NetworkAccess {
  readonly handlers: AreaHandlers<'network'>;
  /** Known at construction (from settings or the devnet's fixed prefix), so the vault can show addresses at once. */
  readonly addressPrefix: string;
  /** Starts the devnet if chosen, then the light node, in the background. */
  start(): void;
  close(): Promise<void>;
}

export function createNetworkService(options: NetworkServiceOptions): NetworkService {
  return {
    handlers: pendingHandlers(
      ['network.status', 'network.addEndpoint', 'network.removeEndpoint', 'network.trustAgain', 'network.round', 'network.candidates', 'network.members', 'network.proposals', 'network.checkAddress'],
      'The network view',
    ),
    addressPrefix: 'cdev',
    ready: () => Promise.reject(options.mode === 'offline' ? offlineError() : new ServiceError('UNAVAILABLE', 'The network is not available in this build yet.')),
    chain: () => null,
    start: () => undefined,
    close: async () => undefined,
  };
}
