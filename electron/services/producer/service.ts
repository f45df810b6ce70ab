// PLACEHOLDER: the producer helper replaces this file.
import type { EventHub, AreaHandlers } from '../registry.ts';
import { pendingHandlers } from '../pending.ts';
import type { NetworkAccess } from '../network/access.ts';
import type { VaultService } from '../vault/service.ts';
import type { EventPayload } from '../../../shared/contract/ipc.ts';

export interface ProducerServiceOptions {
  vault: VaultService;
  network: NetworkAccess;
  hub: EventHub;
  /** Shows a desktop notification (Electron's Notification in the shell; absent under the web host). */
  notify?: (alert: EventPayload<'producer.alert'>) => void;
}

export interface ProducerService {
  readonly handlers: AreaHandlers<'producer'>;
  close(): Promise<void>;
}

export function createProducerService(_options: ProducerServiceOptions): ProducerService {
  return { handlers: pendingHandlers(['producer.overview', 'producer.alerts'], 'The producer console'), close: async () => undefined };
}
