/**
 * Reads that are shown to the user: each answer is checked against a header the light node
 * verified, and an answer that does not check out is never returned (its endpoint loses trust and
 * the next one is asked).
 */
import { equalBytes, type Codec } from '../../../shared/core/encoding/index.ts';
import {
  readStateRecord,
  showHash,
  verifyCompleteListing,
  verifyTransactionInclusion,
} from '../../../shared/core/light/index.ts';
import type { Hash } from '../../../shared/core/types/index.ts';
import type { RpcMethodName, RpcParams, RpcResult } from '../../../shared/contract/rpc.ts';
import { RpcClientError } from '../../../shared/node/rpc-client.ts';
import { chainInfo, stateAnswer, txStatus, type StateMethod } from './answers.ts';
import type { Endpoint, EndpointPool } from './endpoints.ts';
import { VerificationError } from './errors.ts';
import type { StoredHeader } from './store.ts';
import { toHex } from './wire.ts';

/** A state record proven against the verified header at `height` (value null: proven absent). */
export interface Verified<T> {
  readonly value: T | null;
  readonly height: bigint;
  readonly blockHash: string;
}

/**
 * `pending` and `unknown` are the endpoint's word, not proven (absence cannot be proven from a
 * transaction root); `final` is proven by inclusion in a verified block.
 */
export type TransactionStatus =
  | { readonly status: 'pending' | 'unknown' }
  | { readonly status: 'final'; readonly height: bigint; readonly blockHash: string; readonly index: number };

export interface ReadContext {
  readonly pool: EndpointPool;
  /** The newest verified header, read at the moment a read starts. */
  head(): StoredHeader;
  /** A verified header at `height` (fetched through `endpoint` and checked when not stored). */
  headerAt(endpoint: Endpoint, height: bigint): Promise<StoredHeader>;
  seen(endpoint: Endpoint, height: bigint): void;
  /** Records already proven, by state key and block (a block's state never changes), shared by every read. */
  readonly proven: ProvenCache;
}

/** How many proven records are kept: a few heads' worth of everything a page and the producer watch read. */
const PROVEN_CACHE_ENTRIES = 1024;

/**
 * Proven records by state key, block hash and codec (the same record may be read decoded or as raw bytes). Pages
 * and the producer watch read the same records at the same head many times over; proving each once keeps the light
 * node's request budget for following the chain.
 */
export class ProvenCache {
  private readonly entries = new Map<string, Verified<unknown>>();
  private readonly codecIds = new Map<Codec<unknown>, number>();

  constructor(private readonly capacity = PROVEN_CACHE_ENTRIES) {}

  get<T>(key: Uint8Array, block: StoredHeader, codec: Codec<T>): Verified<T> | undefined {
    const id = this.id(key, block, codec as Codec<unknown>);
    const found = this.entries.get(id);
    if (found === undefined) return undefined;
    this.entries.delete(id); // most recently used last
    this.entries.set(id, found);
    return found as Verified<T>;
  }

  set<T>(key: Uint8Array, block: StoredHeader, codec: Codec<T>, record: Verified<T>): void {
    this.entries.set(this.id(key, block, codec as Codec<unknown>), record as Verified<unknown>);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  private id(key: Uint8Array, block: StoredHeader, codec: Codec<unknown>): string {
    let codecId = this.codecIds.get(codec);
    if (codecId === undefined) this.codecIds.set(codec, (codecId = this.codecIds.size));
    return `${toHex(key)}@${toHex(block.hash)}#${codecId}`;
  }
}

/** JSON-RPC error code for "no such block" (docs/RPC.md). */
const NOT_FOUND = -32001;

export interface StateQuery<T> {
  readonly method: StateMethod;
  /** The request's parameters without `height` (the verified height is added). */
  readonly params: { address: string } | { key: string };
  /** The state key the proof must be for, computed here and never taken from the answer. */
  readonly key: Uint8Array;
  readonly codec: Codec<T>;
  /** What is read, for messages ("the account cdev1…"). */
  readonly what: string;
}

export function readState<T>(ctx: ReadContext, query: StateQuery<T>): Promise<Verified<T>> {
  const head = ctx.head();
  return ctx.pool.use(`read ${query.what}`, async (endpoint) => {
    try {
      return await readAt(ctx, endpoint, query, head);
    } catch (error) {
      if (!(error instanceof RpcClientError) || error.code !== NOT_FOUND) throw error;
      // A fallback endpoint a block or two behind: read at its newest block, verified like any other.
      const its = chainInfo(await endpoint.connection.call('chain.info', {})).height;
      if (its >= head.header.height) throw error;
      return readAt(ctx, endpoint, query, await ctx.headerAt(endpoint, its));
    }
  });
}

/** A state record proven against the verified header at an earlier (or the current) height. */
export function readStateAt<T>(ctx: ReadContext, query: StateQuery<T>, height: bigint): Promise<Verified<T>> {
  return ctx.pool.use(`read ${query.what} at height ${height}`, async (endpoint) =>
    readAt(ctx, endpoint, query, await ctx.headerAt(endpoint, height)),
  );
}

async function readAt<T>(
  ctx: ReadContext,
  endpoint: Endpoint,
  query: StateQuery<T>,
  block: StoredHeader,
): Promise<Verified<T>> {
  const cached = ctx.proven.get(query.key, block, query.codec);
  if (cached) return cached;
  const height = block.header.height;
  const result = await endpoint.connection.call(query.method, {
    ...query.params,
    height: height.toString(),
  } as RpcParams<StateMethod>);
  const answer = stateAnswer(query.method, result, height);
  sameBlock(query.method, answer.blockHash, block);
  const record = readStateRecord(
    { header: block.header, key: query.key, value: answer.value, proof: answer.proof },
    query.codec,
  );
  if (!record.ok) throw VerificationError.failed(query.method, record.reason);
  ctx.seen(endpoint, height);
  const verified = { value: record.value, height, blockHash: toHex(block.hash) };
  ctx.proven.set(query.key, block, query.codec, verified);
  return verified;
}

/** The node's methods that list an indexed set. */
export type ListingMethod = Extract<RpcMethodName, 'gov.proposals' | 'pos.candidates'>;

export interface ListingQuery<T, M extends ListingMethod> {
  /** What is listed, for messages ("list the open proposals"). */
  readonly what: string;
  /** The set's name in a refusal ("open proposals"). */
  readonly set: string;
  readonly method: M;
  readonly params: RpcParams<M>;
  /** The index record that holds the whole set (its key computed here) and its codec. */
  readonly index: Omit<StateQuery<T>, 'method' | 'params' | 'what'>;
  /** The entries the endpoint's listing names (in the contract's form; nothing in it is believed until checked). */
  listed(answer: RpcResult<M>): Uint8Array[];
  /** The set in the proven index record. */
  proven(value: T | null): Uint8Array[];
}

/**
 * An endpoint's listing of a set the state indexes, checked complete against the index record
 * proven at the endpoint's own newest block: a listing that hides an entry or makes one up fails
 * verification and the endpoint loses trust. A block sealed between the two questions can change
 * the set, so a mismatch is asked about once more before it counts as a lie.
 */
export function readListing<T, M extends ListingMethod>(
  ctx: ReadContext,
  query: ListingQuery<T, M>,
): Promise<{ answer: RpcResult<M>; index: Verified<T> }> {
  return ctx.pool.use(query.what, async (endpoint) => {
    let reason = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await endpoint.connection.call(query.method, query.params);
      const its = chainInfo(await endpoint.connection.call('chain.info', {})).height;
      const head = ctx.head();
      const block = its > head.header.height || its < head.header.height ? await ctx.headerAt(endpoint, its) : head;
      const index = await readAt(
        ctx,
        endpoint,
        { ...query.index, method: 'state.record', params: { key: toHex(query.index.key) }, what: query.set },
        block,
      );
      const verdict = verifyCompleteListing(query.listed(answer), query.proven(index.value), query.set);
      if (verdict.ok) return { answer, index };
      reason = verdict.reason;
    }
    throw VerificationError.failed(query.method, reason);
  });
}

export function readTransactionStatus(ctx: ReadContext, id: Hash): Promise<TransactionStatus> {
  return ctx.pool.use(`check transaction ${showHash(id)}`, async (endpoint) => {
    const answer = txStatus(await endpoint.connection.call('tx.status', { id: toHex(id) }));
    if (answer.status !== 'final') return { status: answer.status };
    const block = await ctx.headerAt(endpoint, answer.height);
    sameBlock('tx.status', answer.blockHash, block);
    const verdict = verifyTransactionInclusion({
      header: block.header,
      txId: id,
      index: answer.index,
      count: answer.count,
      proof: answer.proof,
    });
    if (!verdict.ok) throw VerificationError.failed('tx.status', verdict.reason);
    return { status: 'final', height: answer.height, blockHash: toHex(block.hash), index: answer.index };
  });
}

/** The answer names the verified block at its height, not another one. */
function sameBlock(method: string, claimed: Hash, verified: StoredHeader): void {
  if (!equalBytes(claimed, verified.hash)) {
    throw VerificationError.failed(
      method,
      `it answers from block ${showHash(claimed)} at height ${verified.header.height}, but the verified block there is ${showHash(verified.hash)}`,
    );
  }
}
