// PLACEHOLDER: the devnet helper replaces this file.
import { ServiceError } from '../registry.ts';
import type { DevnetService } from './types.ts';

export interface DevnetServiceOptions {
  /** Folder for the devnet's genesis, keys and chain data (inside the app's data folder). */
  dir: string;
}

export function createDevnetService(options: DevnetServiceOptions): DevnetService {
  return {
    handlers: { 'devnet.status': () => ({ enabled: true, running: false, dir: options.dir, nodes: [], problem: 'The embedded devnet is not available in this build yet.' }) },
    start: () => Promise.reject(new ServiceError('UNAVAILABLE', 'The embedded devnet is not available in this build yet.')),
    attachVault: () => undefined,
    close: async () => undefined,
  };
}
