import { z } from 'zod';

/**
 * The node's JSON-RPC 2.0 methods: names and parameter schemas, shared by the node (which validates) and by
 * clients (the CLI and the desktop light node). Results carry canonical encodings as hex, plus proofs, so a
 * light client decodes and verifies the bytes rather than trusting convenience fields; docs/RPC.md documents
 * every method, its result and its error codes.
 */
const hex = z.string().regex(/^[0-9a-f]*$/, 'must be lowercase hex');
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const height = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));
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
export type RpcParams<M extends RpcMethodName> = z.input<(typeof rpcParams)[M]>;
export const rpcMethodNames = Object.keys(rpcParams) as RpcMethodName[];
export const RPC_TOPICS = ['newHeads', 'finalHeads', 'roundEvents'] as const;
