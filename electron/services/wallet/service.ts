// PLACEHOLDER: the wallet helper replaces this file (types.ts is what others rely on).
import type { EventHub } from '../registry.ts';
import { ServiceError } from '../registry.ts';
import { pendingHandlers } from '../pending.ts';
import type { NetworkAccess } from '../network/access.ts';
import type { VaultService } from '../vault/service.ts';
import type { WalletService } from './types.ts';

export interface WalletServiceOptions {
  dataDir: string;
  vault: VaultService;
  network: NetworkAccess;
  hub: EventHub;
}

export function createWalletService(_options: WalletServiceOptions): WalletService {
  const missing = () => Promise.reject(new ServiceError('UNAVAILABLE', 'The wallet is not available in this build yet.'));
  return {
    handlers: pendingHandlers(
      ['wallet.account', 'wallet.prepare', 'wallet.submit', 'wallet.transaction', 'wallet.pending', 'wallet.history', 'wallet.historyCsv', 'wallet.contacts', 'wallet.saveContact', 'wallet.removeContact'],
      'The wallet',
    ),
    build: missing,
    submitSigned: missing,
    close: async () => undefined,
  };
}
