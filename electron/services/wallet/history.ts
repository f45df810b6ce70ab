/**
 * Account history from the node's index (account.history, not verified), each entry then proven:
 * its inclusion in a verified block (light.transactionStatus), and its body matched to that block
 * (header hash equal to the verified one, transaction id equal to the proven one).
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type * as z from 'zod';
import { addressFromPublicKey, encodeAddress } from '../../../shared/core/crypto/index.ts';
import {
  blockCodec,
  headerHash,
  transactionId,
  type Block,
  type SignedTransaction,
} from '../../../shared/core/types/index.ts';
import type { RpcResult } from '../../../shared/contract/rpc.ts';
import type { historyEntry } from '../../../shared/contract/schemas/wallet.ts';
import { LightNodeError, type LightNode } from '../light/index.ts';

export type HistoryEntry = z.output<typeof historyEntry>;
export interface HistoryCursor {
  height: number;
  position: number;
}

/** The node answers at most this many entries per account.history call (docs/RPC.md). */
const RPC_PAGE = 200;

/** One entry of the node's account index (its height a decimal u64 string), as the contract checked it. */
type IndexEntry = RpcResult<'account.history'>[number];

/** A transaction from the node, and whether its inclusion was proven against a verified header. */
export interface ProvenTransaction {
  verification: HistoryEntry['verification'];
  signed?: SignedTransaction;
  /** Epoch ms of its block, when the block was had. */
  time?: number;
}

/** An answer to this question did not verify (the endpoint lost trust over it), not merely no trusted answer. */
function isProofFailure(error: unknown): boolean {
  return error instanceof LightNodeError && error.caughtLie;
}

export class HistoryReader {
  /** Blocks fetched during this reading, so entries of one block cost one request. */
  private readonly blocks = new Map<number, Promise<Block | null>>();

  constructor(
    private readonly light: LightNode,
    private readonly prefix: string,
  ) {}

  /** Up to `limit` index entries, newest first, before `before`; one per transaction. */
  async indexPage(
    address: string,
    limit: number,
    before?: HistoryCursor,
  ): Promise<{ entries: IndexEntry[]; next?: HistoryCursor }> {
    const entries: IndexEntry[] = [];
    let cursor = before;
    let exhausted = false;
    while (entries.length < limit && !exhausted) {
      const want = Math.min(RPC_PAGE, limit - entries.length);
      const answer = await this.light.ask(`read the history of ${address}`, 'account.history', {
        address,
        limit: want,
        ...(cursor ? { before: cursor } : {}),
      });
      entries.push(...answer);
      exhausted = answer.length < want;
      const last = answer.at(-1);
      if (last) cursor = { height: Number(last.height), position: last.position };
    }
    // A self-transfer is listed once as sender and once as recipient: one entry is enough.
    const seen = new Set<string>();
    const unique = entries.filter((e) => !seen.has(e.id) && seen.add(e.id));
    return exhausted || !cursor ? { entries: unique } : { entries: unique, next: cursor };
  }

  /** Proves one transaction at (height, position), and fetches its body. */
  async prove(id: string, height: number, position: number): Promise<ProvenTransaction> {
    const block = await this.block(height);
    const candidate = block?.transactions[position];
    const signed = candidate && bytesToHex(transactionId(candidate)) === id ? candidate : undefined;
    const body = { ...(signed ? { signed } : {}), ...(block ? { time: Number(block.header.header.timestamp) } : {}) };
    let status;
    try {
      status = await this.light.transactionStatus(id);
    } catch (error) {
      return { verification: isProofFailure(error) ? 'failed' : 'unverified', ...body };
    }
    if (status.status !== 'final') return { verification: 'unverified', ...body };
    // The proof places it elsewhere than the index said, or the block served is not the verified one.
    const placed = Number(status.height) === height && status.index === position;
    const sameBlock = block !== null && bytesToHex(headerHash(block.header.header)) === status.blockHash;
    return { verification: placed && sameBlock && signed ? 'verified' : 'failed', ...body };
  }

  async entry(address: string, indexed: IndexEntry): Promise<HistoryEntry> {
    const height = Number(indexed.height);
    const proven = await this.prove(indexed.id, height, indexed.position);
    const base = {
      txId: indexed.id,
      height,
      position: indexed.position,
      verification: proven.verification,
      time: proven.time ?? 0,
    };
    if (!proven.signed)
      return { ...base, type: 'unknown', direction: indexed.role === 'sender' ? 'out' : 'in', fee: '0' };
    const { tx } = proven.signed;
    const from = addressFromPublicKey(this.prefix, tx.senderPublicKey);
    const payload = tx.payload;
    const to = payload.type === 'transfer' ? encodeAddress(this.prefix, payload.to) : undefined;
    const direction = from === address ? (to === undefined || to !== address ? 'out' : 'self') : 'in';
    const counterparty = direction === 'out' ? to : direction === 'in' ? from : undefined;
    const amount =
      payload.type === 'transfer' || payload.type === 'stake' || payload.type === 'unstake'
        ? payload.amount.toString()
        : undefined;
    return {
      ...base,
      type: payload.type,
      direction,
      fee: tx.fee.toString(),
      ...(counterparty !== undefined ? { counterparty } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...(payload.type === 'transfer' && payload.memo ? { memo: payload.memo } : {}),
      ...(payload.type === 'vote'
        ? {
            votes: payload.changes.map((change) => ({
              candidate: encodeAddress(this.prefix, change.candidate),
              increase: change.increase,
              amount: change.amount.toString(),
            })),
          }
        : {}),
    };
  }

  async page(
    address: string,
    limit: number,
    before?: HistoryCursor,
  ): Promise<{ entries: HistoryEntry[]; next?: HistoryCursor }> {
    const { entries, next } = await this.indexPage(address, limit, before);
    const proven: HistoryEntry[] = [];
    // One after another: the light node paces its requests, and a failed proof must stop trusting the endpoint before the next read.
    for (const indexed of entries) proven.push(await this.entry(address, indexed));
    return next ? { entries: proven, next } : { entries: proven };
  }

  /** The sender key of an address, from one of its own transactions proven on chain (watch-only accounts know only the address). */
  async senderKey(address: string): Promise<Uint8Array | undefined> {
    let before: HistoryCursor | undefined;
    for (;;) {
      const { entries, next } = await this.indexPage(address, RPC_PAGE, before);
      for (const e of entries.filter((x) => x.role === 'sender')) {
        const proven = await this.prove(e.id, Number(e.height), e.position);
        const key = proven.signed?.tx.senderPublicKey;
        if (proven.verification === 'verified' && key && addressFromPublicKey(this.prefix, key) === address) return key;
      }
      if (!next) return undefined;
      before = next;
    }
  }

  private block(height: number): Promise<Block | null> {
    let pending = this.blocks.get(height);
    if (!pending) {
      pending = this.light
        .ask(`read block ${height}`, 'chain.block', { height })
        .then((answer) => {
          const decoded = blockCodec.decode(hexToBytes(answer.block));
          return decoded.ok ? decoded.value : null;
        })
        .catch(() => null);
      this.blocks.set(height, pending);
    }
    return pending;
  }
}
