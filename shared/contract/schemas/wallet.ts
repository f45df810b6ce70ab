import * as z from 'zod';
import { intentSchema } from '../../core/modules/intent-schemas.ts';
import { address, amount, hashHex, height, id, summaryLine, verifiedAt } from './common.ts';

/**
 * What the person asks for: one intent per kind, each module's own schema (shared/core/modules/<name>/
 * intent-schema.ts). The wallet fills in nonce, fee and expiry from verified state, so an intent
 * carries only the person's choices.
 */
export const intent = intentSchema;

export const accountView = z.object({
  address: z.string(),
  /** Spendable. */
  liquid: amount,
  staked: amount,
  /** Staked and allocated to candidates. */
  allocated: amount,
  unbonding: z.array(
    z.object({ amount, releaseHeight: height, /** Estimated epoch ms. */ releaseAt: z.number().int() }),
  ),
  /** Matured unbonding that `withdraw` would release now. */
  withdrawable: amount,
  allocations: z.array(z.object({ candidate: z.string(), name: z.string().optional(), amount })),
  nonce: z.number().int().nonnegative(),
  isMember: z.boolean(),
  /** False when the account does not exist on chain yet (proven absent). */
  exists: z.boolean(),
  verifiedAt,
  /** The minimum fee in force, so forms can check "amount plus fee" before review. */
  minFee: amount.optional(),
  /** The chain's target block interval, for turning heights into estimated times. */
  blockIntervalMs: z.number().int().positive().optional(),
});

export const draft = z.object({
  draftId: id,
  accountId: id,
  from: z.string(),
  type: z.string(),
  nonce: z.number().int().nonnegative(),
  fee: amount,
  expiryHeight: height,
  /** The plain-words lines shown on the review step. */
  summary: z.array(summaryLine),
  /** Nonce and balance were read from state proven at this header. */
  verifiedAt,
});

export const txState = z.enum(['submitted', 'pending', 'final', 'rejected', 'expired']);

export const trackedTx = z.object({
  txId: hashHex,
  from: z.string(),
  type: z.string(),
  state: txState,
  /** Why the node refused it, or why it can no longer be included. */
  reason: z.string().optional(),
  /** Set when final: the inclusion proof was checked against this verified header. */
  verifiedAt: verifiedAt.optional(),
  submittedAt: z.number().int(),
  /** How often the wallet sent it again after it had vanished from every pool it could ask (absent: never). */
  resent: z.number().int().positive().optional(),
});

export const historyEntry = z.object({
  txId: hashHex,
  height,
  position: z.number().int().nonnegative(),
  type: z.string(),
  direction: z.enum(['in', 'out', 'self']),
  counterparty: z.string().optional(),
  /** Amount moved by a transfer, stake, unstake or withdraw, when there is one. */
  amount: amount.optional(),
  fee: amount,
  memo: z.string().optional(),
  /** A vote's changes: each candidate's allocation raised or lowered by `amount`. */
  votes: z.array(z.object({ candidate: z.string(), increase: z.boolean(), amount })).optional(),
  /** Epoch ms of the block. */
  time: z.number().int(),
  /** 'verified': its inclusion proof checked out against a verified header. */
  verification: z.enum(['verified', 'unverified', 'failed']),
});

export const walletMethods = {
  'wallet.account': { input: z.object({ address }).strict(), output: accountView },
  'wallet.prepare': { input: z.object({ accountId: id, intent, fee: amount.optional() }).strict(), output: draft },
  /** Signs the prepared draft in the vault and submits it; follow it with wallet.transaction or the event. */
  'wallet.submit': { input: z.object({ draftId: id }).strict(), output: trackedTx },
  'wallet.transaction': { input: z.object({ txId: hashHex }).strict(), output: trackedTx },
  'wallet.pending': { input: z.object({}).strict(), output: z.array(trackedTx) },
  'wallet.history': {
    input: z
      .object({
        address,
        limit: z.number().int().min(1).max(500).optional(),
        before: z.object({ height, position: z.number().int().nonnegative() }).strict().optional(),
      })
      .strict(),
    output: z.object({
      entries: z.array(historyEntry),
      next: z.object({ height, position: z.number().int() }).optional(),
    }),
  },
  'wallet.historyCsv': {
    input: z.object({ address }).strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  'wallet.contacts': {
    input: z.object({}).strict(),
    output: z.array(z.object({ address: z.string(), label: z.string() })),
  },
  'wallet.saveContact': {
    input: z.object({ address, label: z.string().trim().min(1).max(64) }).strict(),
    output: z.array(z.object({ address: z.string(), label: z.string() })),
  },
  'wallet.removeContact': {
    input: z.object({ address }).strict(),
    output: z.array(z.object({ address: z.string(), label: z.string() })),
  },
} as const;

export const walletEvents = {
  /** A followed transaction changed state (pending → final with its proof checked, or rejected/expired). */
  'wallet.transaction': trackedTx,
} as const;
