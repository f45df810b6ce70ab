import * as z from 'zod';
import type { IntentType } from '../../core/modules/index.ts';
import {
  MAX_CANDIDATE_NAME_BYTES,
  MAX_ENDPOINT_BYTES,
  MAX_MEMBER_INFO_BYTES,
  MAX_MEMBER_NAME_BYTES,
  MAX_MEMO_BYTES,
  MAX_VOTES_PER_ACCOUNT,
  utf8Bytes,
} from '../limits.ts';
import { address, amount, hashHex, height, id, summaryLine, verifiedAt } from './common.ts';

/** Text the chain limits in UTF-8 bytes (the limits are the modules' own, via ../limits.ts). */
const bytesAtMost = (max: number) =>
  z.string().refine((text) => utf8Bytes(text) <= max, `at most ${max} bytes (UTF-8; some letters take two or more)`);

/**
 * What the person asks for. The wallet fills in nonce, fee and expiry from verified state, so an
 * intent carries only the person's choices. `vote` gives the wanted allocations; the wallet works
 * out the changes (candidates left out are withdrawn).
 */
export const intent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transfer'), to: address, amount, memo: bytesAtMost(MAX_MEMO_BYTES).optional() }).strict(),
  z.object({ type: z.literal('stake'), amount }).strict(),
  z.object({ type: z.literal('unstake'), amount }).strict(),
  z.object({ type: z.literal('withdraw') }).strict(),
  z
    .object({
      type: z.literal('vote'),
      allocations: z.array(z.object({ candidate: address, amount }).strict()).max(MAX_VOTES_PER_ACCOUNT),
    })
    .strict(),
  z
    .object({
      type: z.literal('candidate.register'),
      name: z.string().trim().min(1).max(MAX_CANDIDATE_NAME_BYTES),
      /** A consensus key kept in the vault, or the public key (hex) of one kept on the producer's server. */
      consensusKey: z.union([
        z.object({ keyId: id }).strict(),
        z.object({ publicKey: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
      ]),
      endpoint: z.string().trim().min(1).max(MAX_ENDPOINT_BYTES),
    })
    .strict(),
  z
    .object({
      type: z.literal('candidate.update'),
      consensusKey: z
        .union([z.object({ keyId: id }).strict(), z.object({ publicKey: z.string().regex(/^[0-9a-f]{64}$/) }).strict()])
        .optional(),
      endpoint: z.string().trim().min(1).max(MAX_ENDPOINT_BYTES).optional(),
    })
    .strict(),
  z.object({ type: z.literal('candidate.resign') }).strict(),
  z.object({ type: z.literal('candidate.unjail') }).strict(),
  z
    .object({
      type: z.literal('member.apply'),
      name: z.string().trim().min(1).pipe(bytesAtMost(MAX_MEMBER_NAME_BYTES)),
      info: bytesAtMost(MAX_MEMBER_INFO_BYTES),
    })
    .strict(),
  z.object({ type: z.literal('member.vote'), proposalId: hashHex, approve: z.boolean() }).strict(),
  z.object({ type: z.literal('member.proposeRemoval'), member: address }).strict(),
  z.object({ type: z.literal('member.proposeParameter'), name: z.string().min(1).max(64), value: amount }).strict(),
]);

/** The page offers exactly the intents the modules build (shared/core/modules): a kind added there fails here until listed. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const intentsMatchTheModules: SameSet<z.output<typeof intent>['type'], IntentType> = true;

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
