import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { hexToBytes } from '@noble/hashes/utils.js';
import {
  refusalOf,
  rpcContract,
  RpcErrorCode,
  rpcResults,
  type TxRefusal,
  type RpcContract,
  type RpcMethodName,
  type RpcParams,
  type RpcResult,
} from '../../shared/contract/rpc.ts';
import { escapeText } from '../../shared/core/offline/index.ts';
import { accountCodec, type Account } from '../../shared/core/types/index.ts';
import { connectRpc, RpcClientError, typedRpc, type RpcFailure, type TypedRpc } from '../../shared/node/rpc-client.ts';
import { CliError } from '../output.ts';

export const DEFAULT_RPC = 'http://127.0.0.1:26657/';

export const rpcOption = (): Option =>
  new Option('--rpc <url>', "the node's RPC address, http(s):// or ws(s)://").env('CONSORTIA_RPC').default(DEFAULT_RPC);

/** Whether the user named an RPC address (flag or CONSORTIA_RPC) rather than leaving the default. */
export const rpcGiven = (command: Command): boolean => command.getOptionValueSource('rpc') !== 'default';

/**
 * The CLI's views of the results it reads as values: the contract's result (validated by the typed client) with the
 * u64 strings it computes with as bigint. `--json` prints the contract's result itself.
 */
const big = (text: string): bigint => BigInt(text);

export const chainInfoSchema = rpcResults['chain.info'].transform((info) => ({
  ...info,
  height: big(info.height),
  finalHeight: big(info.finalHeight),
  dposRound: big(info.dposRound),
  parameters: { ...info.parameters, minFee: big(info.parameters.minFee) },
}));
export type ChainInfo = z.output<typeof chainInfoSchema>;

/** The fields of tx.status the CLI shows and prints (`consortia tx status --json`), u64 as bigint. */
export const txStatusSchema = rpcResults['tx.status'].transform((status) => {
  switch (status.status) {
    case 'pending':
      return {
        status: status.status,
        nonce: big(status.nonce),
        expiryHeight: big(status.expiryHeight),
        ...(status.waitingForNonce !== undefined ? { waitingForNonce: big(status.waitingForNonce) } : {}),
      };
    case 'final':
      return {
        status: status.status,
        height: big(status.height),
        blockHash: status.blockHash,
        index: status.index,
        count: status.count,
      };
    case 'unknown':
      return { status: status.status };
  }
});
export type TxStatus = z.output<typeof txStatusSchema>;

const EMPTY_ACCOUNT: Account = { balance: 0n, nonce: 0n, staked: 0n, unbonding: [], votes: [] };

/**
 * The node's RPC as the CLI uses it: the typed client of shared/node/rpc-client.ts with the contract's schemas
 * (params checked before sending, every result validated), every failure a CliError.
 */
export class NodeRpc {
  private constructor(private readonly rpc: TypedRpc<RpcContract>) {}

  static async open(url: string): Promise<NodeRpc> {
    return new NodeRpc(typedRpc(await rescue(() => connectRpc(url)), rpcContract));
  }

  get url(): string {
    return this.rpc.url;
  }

  /** The result as the contract gives it (for --json, which prints what the node said). */
  async raw<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    const outcome = await this.rpc.call(method, params);
    if (!outcome.ok) throw cliError(outcome.error);
    return outcome.value as RpcResult<M>;
  }

  async call<M extends RpcMethodName, S extends z.ZodType>(
    method: M,
    params: RpcParams<M>,
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
    const { value } = await this.raw('state.account', { address });
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
    return BigInt((await this.raw('account.nextNonce', { address })).nextNonce);
  }

  status(id: string): Promise<TxStatus> {
    return this.call('tx.status', { id }, txStatusSchema);
  }

  async close(): Promise<void> {
    await this.rpc.close().catch(() => undefined);
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

export const REJECTED = RpcErrorCode.REJECTED;

/** The node refused a transaction: its refusal as data (code, whole reason), for a caller that acts on the code. */
export class RefusedCliError extends CliError {
  constructor(readonly refusal: TxRefusal) {
    // The reason comes from the node: nothing in it may move the cursor or recolour the terminal. Printed whole.
    super(`The node rejected the transaction: ${escapeText(refusal.reason)} (${refusal.code})`, 1, { refusal });
  }
}

/** A failure from the node or the connection, as the CLI says it. */
function cliError(failure: RpcFailure): CliError {
  const refusal = refusalOf(failure); // checked against the contract by the typed client
  if (refusal) return new RefusedCliError(refusal);
  // The message may come from the node: nothing in it may move the cursor or recolour the terminal.
  const text = escapeText(failure.message);
  return new CliError(failure.code === REJECTED ? `The node rejected the transaction: ${text}` : text);
}

async function rescue<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof RpcClientError)) throw error;
    throw cliError(error);
  }
}
