/*
 * Signatures checked once per node, in parallel where that helps (see cache.ts and pool.ts):
 *  - every signature check of the node goes through one CachingVerifier (ChainState's verifier), so a
 *    transaction verified at admission is a cache hit when its block is built, validated or applied;
 *  - transactions that arrive in bulk (a proposed block, a sync batch, gossip) are first verified in the worker
 *    pool, which fills the cache; the synchronous rules that follow then find them there.
 */
import { hash } from 'node:crypto';
import { SigningDomain, signingPreimage, type SignatureVerifier } from '../../shared/core/crypto/index.ts';
import { createOpensslVerifier } from '../../shared/node/ed25519-openssl.ts';
import { transactionCodec, type SignedTransaction } from '../../shared/core/types/index.ts';
import { CachingVerifier, DEFAULT_SIGNATURE_CACHE_SIZE } from './cache.ts';
import { acquireSharedPool, releaseSharedPool, type VerifyPool } from './pool.ts';
import type { VerifyItem } from './batch.ts';

export {
  CachingVerifier,
  DEFAULT_SIGNATURE_CACHE_SIZE,
  type BatchVerifier,
  type SignatureCacheStats,
} from './cache.ts';
export {
  VerifyPool,
  acquireSharedPool,
  defaultPoolSize,
  releaseSharedPool,
  type VerifyPoolOptions,
  type VerifyPoolStats,
} from './pool.ts';
export type { VerifyItem } from './batch.ts';

/**
 * What a transaction's signature covers: the TRANSACTION-domain digest of its canonical encoding, under its sender
 * key. The digest is signingDigest's, sha256(signingPreimage(…)), computed with node:crypto (about 4× faster here
 * than the pure-JS hash, and the same bytes), since this runs on the main thread for every transaction of a block.
 */
export function transactionItems(chainId: string, transactions: readonly SignedTransaction[]): VerifyItem[] {
  const items: VerifyItem[] = [];
  for (const { tx, signature } of transactions) {
    let message: Uint8Array;
    try {
      const digest = hash(
        'sha256',
        signingPreimage(SigningDomain.TRANSACTION, chainId, transactionCodec.encode(tx)),
        'buffer',
      );
      message = new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    } catch {
      continue; // cannot be signed for this chain at all: the rules will say so
    }
    items.push({ signature, message, publicKey: tx.senderPublicKey });
  }
  return items;
}

export interface NodeVerificationOptions {
  /**
   * The worker pool: undefined for the process's shared pool (workers start on first use; released when the node
   * closes, and closed with its last user), a pool of the caller's (the caller closes it), or null for none.
   */
  pool?: VerifyPool | null;
  /** Verified triples remembered (default DEFAULT_SIGNATURE_CACHE_SIZE). */
  cacheSize?: number;
  /** Parsed public keys kept by the main-thread OpenSSL verifier (default 4096). */
  keyCacheSize?: number;
  /** The verifier behind the cache (default: OpenSSL with keyCacheSize parsed keys); tests count its calls. */
  inner?: SignatureVerifier;
  /**
   * Gossiped transactions go to the pool only while fewer than this many items wait there (default 512 per
   * worker, some tens of milliseconds of work); beyond it they are verified on the calling thread. This keeps the
   * queue a proposed block's transactions join short, so consensus never waits behind a flood of gossip.
   */
  maxGossipBacklog?: number;
}

/** Why transactions are being checked: a block (a proposal, a sync batch) or gossip (one transaction, deferrable). */
export type Preverification = 'block' | 'gossip';

/** A node's signature checking: the caching verifier every rule uses, and the pool that fills it ahead of time. */
export class NodeVerification {
  readonly verifier: CachingVerifier;
  readonly pool: VerifyPool | null;
  private readonly sharesPool: boolean;
  private readonly maxGossipBacklog: number;
  private closed = false;

  constructor(options: NodeVerificationOptions = {}) {
    const inner = options.inner ?? createOpensslVerifier(options.keyCacheSize ?? 4096);
    this.verifier = new CachingVerifier(inner, options.cacheSize ?? DEFAULT_SIGNATURE_CACHE_SIZE);
    this.sharesPool = options.pool === undefined;
    this.pool = options.pool === undefined ? acquireSharedPool() : options.pool;
    this.maxGossipBacklog = options.maxGossipBacklog ?? 512 * (this.pool?.size ?? 1);
  }

  /**
   * Verifies in the pool the signatures of transactions not yet known here, so the synchronous rules that follow
   * find them in the cache. Only speeds things up: without a pool, while its workers are still starting (the
   * first call starts them), or for gossip while the pool is backed up, it returns at once and the rules verify
   * as usual.
   */
  async preverifyTransactions(
    chainId: string,
    transactions: readonly SignedTransaction[],
    why: Preverification = 'block',
  ): Promise<void> {
    const pool = this.pool;
    if (!pool || this.closed || transactions.length === 0) return;
    if (!pool.ready) {
      if (pool.usesWorkers) void pool.warmUp();
      return;
    }
    if (why === 'gossip' && pool.backlog >= this.maxGossipBacklog) return;
    await this.verifier.preverify(transactionItems(chainId, transactions), pool);
  }

  /** Releases the shared pool (closing it if this was its last user); a caller's own pool is left to the caller. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sharesPool && this.pool) await releaseSharedPool(this.pool);
  }
}
