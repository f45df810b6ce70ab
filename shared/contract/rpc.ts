import * as z from 'zod';
import { rpcResults, rpcTopicPayloads } from './rpc-results.ts';

/**
 * The node's JSON-RPC 2.0 methods: names and parameter schemas, shared by the node (which validates) and by
 * clients (the CLI and the desktop light node). Results carry canonical encodings as hex, plus proofs, so a
 * light client decodes and verifies the bytes rather than trusting convenience fields; docs/RPC.md documents
 * every method, its result and its error codes.
 */
const hex = z
  .string()
  .regex(/^[0-9a-f]*$/, 'must be lowercase hex')
  .refine((text) => text.length % 2 === 0, 'must be whole bytes: an even number of hex characters');
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
/** Heights and rounds are u64 in the protocol, but no chain reaches 2^63 and the node's SQLite index is signed 64-bit. */
const MAX_HEIGHT = 2n ** 63n - 1n;
const height = z
  .union([z.string().regex(/^\d{1,20}$/, 'must be a decimal number'), z.number().int().nonnegative()])
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_HEIGHT, `must be at most ${MAX_HEIGHT}`);
const address = z.string().min(8).max(120);
const blockRef = z.union([z.object({ height }).strict(), z.object({ hash }).strict()]);

export const rpcParams = {
  'chain.info': z.object({}).strict(),
  'chain.header': blockRef,
  'chain.block': blockRef,
  'chain.handOffs': z.object({ fromRound: height, limit: z.number().int().min(1).max(100).default(20) }).strict(),
  'chain.round': z.object({ round: height.optional() }).strict(),
  'pos.candidates': z.object({}).strict(),
  'gov.members': z.object({}).strict(),
  'gov.proposals': z.object({ includeClosed: z.boolean().default(false) }).strict(),
  'state.account': z.object({ address, height: height.optional() }).strict(),
  'state.candidate': z.object({ address, height: height.optional() }).strict(),
  'state.record': z.object({ key: hash, height: height.optional() }).strict(),
  'tx.submit': z.object({ transaction: hex.max(2 * 64 * 1024) }).strict(),
  'tx.status': z.object({ id: hash }).strict(),
  'account.nextNonce': z.object({ address }).strict(),
  'account.history': z
    .object({
      address,
      limit: z.number().int().min(1).max(200).default(50),
      before: z.object({ height, position: z.number().int().nonnegative() }).strict().optional(),
    })
    .strict(),
  subscribe: z.object({ topic: z.enum(['newHeads', 'finalHeads', 'roundEvents']) }).strict(),
  unsubscribe: z.object({ subscription: z.string().max(40) }).strict(),
  'node.metrics': z.object({}).strict(),
  'node.evidence': z.object({}).strict(),
} as const;

export type RpcMethodName = keyof typeof rpcParams;
export const rpcMethodNames = Object.keys(rpcParams) as RpcMethodName[];

/**
 * What one call of a method costs of a client's rate budget at the node (docs/RPC.md, "Costs"); methods not listed
 * cost 1. The weights follow the work and bytes of an answer: chain.handOffs reads and hex-encodes up to 100 headers,
 * certificates and validator sets. Shared so that clients (the light node) pace themselves by the same numbers.
 */
export const RPC_METHOD_COSTS: Readonly<Partial<Record<RpcMethodName, number>>> = {
  'chain.handOffs': 20,
  'gov.proposals': 10,
  'chain.block': 5,
  'chain.round': 5,
  'pos.candidates': 5,
  'gov.members': 5,
  'account.history': 5,
  'state.account': 3,
  'state.candidate': 3,
  'state.record': 3,
  'tx.status': 3,
  'tx.submit': 3,
  'chain.info': 2,
  'chain.header': 2,
};

export function rpcMethodCost(method: string): number {
  return Object.hasOwn(RPC_METHOD_COSTS, method) ? RPC_METHOD_COSTS[method as RpcMethodName]! : 1;
}
export type RpcParams<M extends RpcMethodName> = z.input<(typeof rpcParams)[M]>;
export const RPC_TOPICS = ['newHeads', 'finalHeads', 'roundEvents'] as const;

export { rpcNotification, rpcResults, rpcTopicPayloads } from './rpc-results.ts';

/** A method's result as it travels (JSON): what the node returns and what a client validates. */
export type RpcResult<M extends RpcMethodName> = z.output<(typeof rpcResults)[M]>;
export type RpcTopic = (typeof RPC_TOPICS)[number];
export type RpcTopicPayload<T extends RpcTopic> = z.output<(typeof rpcTopicPayloads)[T]>;

/**
 * JSON-RPC 2.0 error codes the node answers with; the application range (-32000..-32099) is documented in
 * docs/RPC.md. The node throws them, clients tell them apart (e.g. REJECTED: the node refused a transaction).
 */
export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  NOT_FOUND: -32001,
  REJECTED: -32002,
  RATE_LIMITED: -32005,
  TOO_LARGE: -32006,
  SUBSCRIPTION_LIMIT: -32007,
  UNAVAILABLE: -32008,
} as const;
export type RpcErrorCodeValue = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

/**
 * Why the node refused a submitted transaction, as a stable machine code: the node's own checks before a
 * transaction reaches the pool use these; a refusal by the state transition (the dry run of the sender's next
 * transaction) carries the code the protocol core gives, or REFUSED when it gives none. docs/RPC.md lists them.
 */
export const TxRefusalCode = {
  /** The bytes are not a validly encoded signed transaction. */
  MALFORMED: 'MALFORMED',
  /** The signature does not verify for this network (wrong key, altered transaction, or another chain id). */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  FEE_TOO_LOW: 'FEE_TOO_LOW',
  /** The same transaction is already in a block. */
  ALREADY_INCLUDED: 'ALREADY_INCLUDED',
  /** The same transaction is already in the pool. */
  DUPLICATE: 'DUPLICATE',
  EXPIRED: 'EXPIRED',
  /** The nonce is below the account's next nonce. */
  NONCE_USED: 'NONCE_USED',
  /** The nonce is too far ahead of the account's next nonce. */
  NONCE_GAP: 'NONCE_GAP',
  /** Another transaction with this nonce is pending and this one does not pay enough more to replace it. */
  REPLACEMENT_FEE_TOO_LOW: 'REPLACEMENT_FEE_TOO_LOW',
  /** The sender has as many pending transactions as the pool keeps per sender. */
  SENDER_QUEUE_FULL: 'SENDER_QUEUE_FULL',
  /** The pool is full and this transaction's fee does not outbid the cheapest one in it. */
  POOL_FULL: 'POOL_FULL',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** The state transition refused it without a code of its own. */
  REFUSED: 'REFUSED',
} as const;
export type TxRefusalCodeValue = (typeof TxRefusalCode)[keyof typeof TxRefusalCode];

/**
 * The `data` of a REJECTED error: the refusal whole. `reason` is the node's full text (also the error's message);
 * `code` one of TxRefusalCode or a code of the protocol core's rules (upper snake case, so a client that does not
 * know a newer code still reads it as data and shows the reason).
 */
export const txRefusal = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an upper-snake-case code'),
    reason: z.string().min(1).max(16_384),
  })
  .strict();
export type TxRefusal = z.output<typeof txRefusal>;

/** The schema of an error's `data`, per error code that carries data. */
export const rpcErrorData = { [RpcErrorCode.REJECTED]: txRefusal } as const;

/** The refusal a failed call carries, when it is a REJECTED error (its data already checked by the typed client). */
export function refusalOf(failure: { code: number; data?: unknown }): TxRefusal | undefined {
  if (failure.code !== RpcErrorCode.REJECTED) return undefined;
  const parsed = txRefusal.safeParse(failure.data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The two sides of each method, the notification payloads and the data of errors, for a client that validates what
 * it sends and what it gets (`typedRpc` in shared/node/rpc-client.ts).
 */
export const rpcContract = {
  params: rpcParams,
  results: rpcResults,
  topics: rpcTopicPayloads,
  errors: rpcErrorData,
} as const;
export type RpcContract = typeof rpcContract;

// Every method has a result schema and every result schema a method (checked both ways at compile time).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const rpcContractIsComplete: Exact<keyof typeof rpcResults, RpcMethodName> &
  Exact<keyof typeof rpcTopicPayloads, RpcTopic> = true;
