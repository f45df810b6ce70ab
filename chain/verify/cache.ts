/*
 * Signatures checked once per node: a SignatureVerifier that remembers the triples it has seen verify, so a
 * transaction checked at mempool admission is not checked again when its block is validated, built or applied.
 *
 * Soundness: an entry is created only after the inner verifier (or the worker pool, which runs the very same
 * verifier code) answered true for exactly that (signature, public key, message). The key is
 * signature ‖ public key ‖ the message itself when it is 32 bytes, else SHA-256(message), with a tag byte saying
 * which, so a hit needs the same signature and key and the same 32-byte message, or a message with the same
 * SHA-256: short of a SHA-256 collision, a hit is a triple that verified. A false answer is never stored,
 * so the cache can only save work, never turn a false into a true. Malformed inputs (wrong lengths, not byte
 * arrays) bypass the cache entirely.
 *
 * Bounded: least recently used entries are evicted beyond `capacity` (about 180 bytes each).
 */
import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH, type SignatureVerifier } from '../../shared/core/crypto/index.ts';
import type { VerifyItem } from './batch.ts';

/** Entries kept by default (≈ 6 MiB): the mempool's 5,000 plus several full blocks in flight, with room to spare. */
export const DEFAULT_SIGNATURE_CACHE_SIZE = 32_768;

/** Verifies batches off the calling thread; must snapshot the items' bytes before returning (VerifyPool does). */
export interface BatchVerifier {
  verifyBatch(items: readonly VerifyItem[]): Promise<boolean[]>;
}

export interface SignatureCacheStats {
  size: number;
  capacity: number;
  /** verify() calls answered from the cache, and calls that ran the inner verifier. */
  hits: number;
  misses: number;
  /** Items sent to a batch verifier by preverify(), and how many of them did not verify. */
  preverified: number;
  preverifyFailed: number;
}

const DIGEST_BYTES = 32;
const KEY_BYTES = 1 + SIGNATURE_LENGTH + PUBLIC_KEY_LENGTH + DIGEST_BYTES;
/** The key's first byte: how its last 32 bytes were made from the message. */
const RAW_DIGEST = 0;
const HASHED_MESSAGE = 1;

/**
 * tag ‖ signature ‖ public key ‖ m as a one-byte-per-char string, or null for malformed input. m is the message
 * itself when it is 32 bytes (every signing digest: transactions, votes, headers), which spares hashing it again
 * on every lookup; any other message is sha256(message). The tag keeps the two kinds apart.
 */
function keyOf(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): string | null {
  if (!(signature instanceof Uint8Array) || !(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array))
    return null;
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== PUBLIC_KEY_LENGTH) return null;
  const key = Buffer.allocUnsafe(KEY_BYTES);
  const raw = message.length === DIGEST_BYTES;
  key[0] = raw ? RAW_DIGEST : HASHED_MESSAGE;
  key.set(signature, 1);
  key.set(publicKey, 1 + SIGNATURE_LENGTH);
  key.set(raw ? message : hash('sha256', message, 'buffer'), 1 + SIGNATURE_LENGTH + PUBLIC_KEY_LENGTH);
  return key.toString('latin1');
}

export class CachingVerifier implements SignatureVerifier {
  /** Map order is recency order: a hit moves its entry to the end, eviction takes from the front. */
  private readonly entries = new Map<string, true>();
  /** Keys a preverify() has in flight, so concurrent callers share one check. */
  private readonly inflight = new Map<string, Promise<unknown>>();
  private counts = { hits: 0, misses: 0, preverified: 0, preverifyFailed: 0 };

  constructor(
    readonly inner: SignatureVerifier,
    readonly capacity: number = DEFAULT_SIGNATURE_CACHE_SIZE,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    const key = keyOf(signature, message, publicKey);
    if (key === null) return this.inner.verify(signature, message, publicKey);
    if (this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, true);
      this.counts.hits++;
      return true;
    }
    this.counts.misses++;
    const ok = this.inner.verify(signature, message, publicKey);
    if (ok) this.insert(key);
    return ok;
  }

  /** Whether this exact triple verified before (no verification happens here, and recency is not touched). */
  has(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    const key = keyOf(signature, message, publicKey);
    return key !== null && this.entries.has(key);
  }

  /**
   * Verifies, off this thread, the items not already known, and remembers those that verify; afterwards verify()
   * on them is a cache hit. Items that fail are simply not remembered: the caller's own verify() will then reject
   * them with its usual reason. Resolves with the number of items that did not verify.
   */
  async preverify(items: readonly VerifyItem[], batch: BatchVerifier): Promise<number> {
    const keys: string[] = [];
    const todo: VerifyItem[] = [];
    const shared = new Set<Promise<unknown>>();
    const queued = new Set<string>();
    for (const item of items) {
      const key = keyOf(item.signature, item.message, item.publicKey);
      if (key === null || this.entries.has(key) || queued.has(key)) continue;
      const flying = this.inflight.get(key);
      if (flying) {
        shared.add(flying);
        continue;
      }
      queued.add(key);
      keys.push(key);
      todo.push(item);
    }
    let failed = 0;
    if (todo.length > 0) {
      this.counts.preverified += todo.length;
      // verifyBatch snapshots the bytes now, so what is verified is exactly what was keyed above.
      const settled = batch.verifyBatch(todo).then(
        (results) => {
          results.forEach((ok, i) => {
            if (ok) this.insert(keys[i]!);
            else failed++;
          });
          this.counts.preverifyFailed += failed;
        },
        () => undefined, // a batch verifier that fails only costs the cache its entries
      );
      for (const key of keys) this.inflight.set(key, settled);
      try {
        await settled;
      } finally {
        for (const key of keys) if (this.inflight.get(key) === settled) this.inflight.delete(key);
      }
    }
    await Promise.all(shared);
    return failed;
  }

  get size(): number {
    return this.entries.size;
  }

  get stats(): SignatureCacheStats {
    return { size: this.entries.size, capacity: this.capacity, ...this.counts };
  }

  clear(): void {
    this.entries.clear();
  }

  private insert(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, true);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
