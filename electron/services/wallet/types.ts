/** The wallet service as other services (offline signing) use it, besides its IPC handlers. */
import type { z } from 'zod';
import type { intent, trackedTx } from '../../../shared/contract/schemas/wallet.ts';
import type { Transaction, SignedTransaction } from '../../../shared/core/types/index.ts';
import type { AreaHandlers } from '../registry.ts';

export type Intent = z.output<typeof intent>;
export type TrackedTx = z.output<typeof trackedTx>;

export interface BuiltTransaction {
  /** Unsigned, with nonce, fee and expiry taken from verified state. */
  readonly transaction: Transaction;
  /** Plain-words lines for the review step. */
  readonly summary: readonly { label: string; value: string }[];
  readonly verifiedAt: { height: number; blockHash: string };
}

export interface WalletService {
  readonly handlers: AreaHandlers<'wallet'>;
  /** Builds an unsigned transaction for a vault account (derived or watch-only) from verified state. */
  build(accountId: string, intent: Intent, fee?: bigint): Promise<BuiltTransaction>;
  /** Submits a transaction signed elsewhere (an offline reply) and follows it to final like any other. */
  submitSigned(signed: SignedTransaction): Promise<TrackedTx>;
  close(): Promise<void>;
}
