// PLACEHOLDER: the offline-signing helper replaces this file.
import type { EventHub, AreaHandlers } from '../registry.ts';
import { pendingHandlers } from '../pending.ts';
import type { NetworkAccess } from '../network/access.ts';
import type { VaultService } from '../vault/service.ts';
import type { WalletService } from '../wallet/types.ts';

export interface OfflineServiceOptions {
  mode: 'online' | 'offline';
  vault: VaultService;
  network: NetworkAccess;
  wallet: WalletService;
  hub: EventHub;
}

export interface OfflineService {
  readonly handlers: AreaHandlers<'offline'>;
  close(): Promise<void>;
}

export function createOfflineService(_options: OfflineServiceOptions): OfflineService {
  return {
    handlers: pendingHandlers(['offline.createRequest', 'offline.scan', 'offline.importFile', 'offline.sign', 'offline.broadcast'], 'Offline signing'),
    close: async () => undefined,
  };
}
