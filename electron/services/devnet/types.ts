import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import type { AreaHandlers } from '../registry.ts';
import type { VaultService } from '../vault/service.ts';

/** The embedded devnet: run when no network is configured (DESIGN §6, issue "embedded devnet"). */
export interface DevnetService {
  readonly handlers: AreaHandlers<'devnet'>;
  /** Starts the producer nodes (or resumes the devnet in the same folder); resolves when their RPC answers. */
  start(): Promise<{ genesis: GenesisDoc; rpcUrls: string[] }>;
  /** On the first unlock after the devnet exists, imports its funded member account, labelled as devnet money. */
  attachVault(vault: VaultService): void;
  close(): Promise<void>;
}
