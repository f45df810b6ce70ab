import { Option, type Command } from 'commander';
import * as z from 'zod';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { RpcMethodName, RpcParams } from '../../shared/contract/rpc.ts';
import { escapeText } from '../../shared/core/offline/index.ts';
import { accountCodec, type Account } from '../../shared/core/types/index.ts';
import { connectRpc, RpcClientError, type RpcClient } from '../../shared/node/rpc-client.ts';
import { CliError } from '../output.ts';

export const DEFAULT_RPC = 'http://127.0.0.1:26657/';

export const rpcOption = (): Option =>
  new Option('--rpc <url>', "the node's RPC address, http(s):// or ws(s)://").env('CONSORTIA_RPC').default(DEFAULT_RPC);

/** Whether the user named an RPC address (flag or CONSORTIA_RPC) rather than leaving the default. */
export const rpcGiven = (command: Command): boolean => command.getOptionValueSource('rpc') !== 'default';

type Params = { [M in RpcMethodName]: RpcParams<M> };

const u64 = z
  .string()
  .regex(/^\d{1,20}$/)
  .transform((v) => BigInt(v));
const hex = z.string().regex(/^[0-9a-f]*$/);

export const chainInfoSchema = z.object({
  chainId: z.string(),
  addressPrefix: z.string(),
  genesisHash: hex,
  height: u64,
  finalHeight: u64,
  dposRound: u64,
  bftRound: z.number(),
  validators: z.array(z.object({ address: z.string() }).loose()),
  parameters: z.object({ minFee: u64 }).loose(),
});
export type ChainInfo = z.output<typeof chainInfoSchema>;

export const txStatusSchema = z.union([
  z.object({
    status: z.literal('pending'),
    nonce: u64.optional(),
    expiryHeight: u64.optional(),
    waitingForNonce: u64.optional(),
  }),
  z.object({ status: z.literal('unknown') }),
  z.object({ status: z.literal('final'), height: u64, blockHash: hex, index: z.number(), count: z.number() }),
]);
export type TxStatus = z.output<typeof txStatusSchema>;

const accountResult = z.object({ height: u64, value: hex.nullable() });
const EMPTY_ACCOUNT: Account = { balance: 0n, nonce: 0n, staked: 0n, unbonding: [], votes: [] };

/** The node's RPC as the CLI uses it: results checked against the shapes it reads, every failure a CliError. */
export class NodeRpc {
  private constructor(private readonly client: RpcClient<Params>) {}

  static async open(url: string): Promise<NodeRpc> {
    return new NodeRpc(await rescue(() => connectRpc<Params>(url)));
  }

  get url(): string {
    return this.client.url;
  }

  /** Raw result (for --json, which prints what the node said). */
  raw<M extends RpcMethodName>(method: M, params: Params[M]): Promise<unknown> {
    return rescue(() => this.client.call(method, params));
  }

  async call<M extends RpcMethodName, S extends z.ZodType>(
    method: M,
    params: Params[M],
    schema: S,
  ): Promise<z.output<S>> {
    return this.check(method, await this.raw(method, params), schema);
  }

  /** The parts of a result the CLI reads, in the form it expects. */
  check<S extends z.ZodType>(method: RpcMethodName, result: unknown, schema: S): z.output<S> {
    const parsed = schema.safeParse(result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CliError(
        `The node at ${this.url} answered ${method} in an unexpected form (${issue.path.join('.') || 'result'}: ${issue.message}); is it a Consortia node of this version?`,
      );
    }
    return parsed.data;
  }

  info(): Promise<ChainInfo> {
    return this.call('chain.info', {}, chainInfoSchema);
  }

  /** The account's state, decoded from its canonical bytes (an account never seen is empty). */
  async account(address: string): Promise<Account> {
    const { value } = await this.call('state.account', { address }, accountResult);
    if (value === null) return EMPTY_ACCOUNT;
    const decoded = accountCodec.decode(hexToBytes(value));
    if (!decoded.ok)
      throw new CliError(
        `The node at ${this.url} sent an account record that does not decode: ${decoded.error.reason}.`,
      );
    return decoded.value;
  }

  /** The nonce a new transaction of this sender should use: after its pooled ones, filling a gap first. */
  async nextNonce(address: string): Promise<bigint> {
    return (await this.call('account.nextNonce', { address }, z.object({ nextNonce: u64 }))).nextNonce;
  }

  status(id: string): Promise<TxStatus> {
    return this.call('tx.status', { id }, txStatusSchema);
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}

/** Opens the node, runs `work`, and closes it whatever happens. */
export async function withNode<T>(url: string, work: (node: NodeRpc) => Promise<T>): Promise<T> {
  const node = await NodeRpc.open(url);
  try {
    return await work(node);
  } finally {
    await node.close();
  }
}

export const REJECTED = -32002;

async function rescue<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof RpcClientError)) throw error;
    // The message may come from the node: nothing in it may move the cursor or recolour the terminal.
    const message = escapeText(error.message);
    throw new CliError(error.code === REJECTED ? `The node rejected the transaction: ${message}` : message);
  }
}
