/**
 * Pool gossip that heals. Broadcasting a transaction once reaches only the peers connected at that moment; a
 * peer that was down, restarting or not yet reconnected never hears of it, and the sender's later nonces then
 * wait behind the gap. So every node offers its pooled transactions again: to each peer as it (re)connects, and
 * periodically to every peer, by announcing ids; the peer fetches only the ids it lacks. A transaction stays on
 * offer for as long as it is pooled, that is until it is final or expired.
 *
 * Everything is bounded: ids per announcement and per fetch (chain/consensus/messages.ts), the ids remembered
 * per peer, the fetches in flight, and the bytes of a fetch answer.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { signedTransactionCodec } from '../../shared/core/types/index.ts';
import type { Logger } from 'pino';
import {
  MAX_POOL_ANNOUNCE,
  MAX_POOL_FETCH,
  poolFetchResponseCodec,
  poolIdsCodec,
  Topic,
} from '../consensus/messages.ts';
import type { P2PNode, PeerRef } from '../p2p/index.ts';
import type { Mempool } from './mempool.ts';

export interface PoolGossipOptions {
  p2p: P2PNode;
  mempool: Mempool;
  /** Admits a transaction received from a peer (the node's one door for transactions); true when it is pooled. */
  admit: (bytes: Uint8Array) => Promise<boolean>;
  /** Whether a transaction (by id) is already in a block here: such ids are never fetched. */
  isIncluded: (id: Uint8Array) => boolean;
  /** How often every peer is offered what it is not known to have. */
  intervalMs: number;
  logger: Logger;
}

/** Ids remembered per peer as known to it (sent by it, or announced to it); the oldest are forgotten first. */
export const MAX_KNOWN_PER_PEER = 8192;
/** Every this many rounds every pooled id is offered again, known or not: a peer may have lost it (restart, eviction). */
const FULL_OFFER_EVERY = 10;
/** Fetch answers stop adding transactions past this many bytes (well under the P2P frame limit). */
const MAX_FETCH_ANSWER_BYTES = 1024 * 1024;
const MAX_FETCHES_IN_FLIGHT = 4;

/** A set that keeps insertion order and forgets its oldest members beyond `max`. */
class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly max: number) {}
  add(item: string): void {
    this.items.delete(item);
    this.items.add(item);
    if (this.items.size > this.max) this.items.delete(this.items.values().next().value!);
  }
  has(item: string): boolean {
    return this.items.has(item);
  }
}

export class PoolGossip {
  private readonly known = new Map<string, BoundedSet>();
  private readonly inFlight = new Set<string>();
  private fetches = 0;
  private round = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: PoolGossipOptions) {
    const { p2p } = options;
    p2p.registerTopic(Topic.POOL_ANNOUNCE, {
      maxBytes: 4 + 33 * MAX_POOL_ANNOUNCE,
      gossip: false,
      handle: (payload, peer) => this.onAnnounce(payload, peer),
    });
    p2p.registerRequest(Topic.POOL_FETCH, {
      maxBytes: 4 + 33 * MAX_POOL_FETCH,
      handle: (payload) => this.answerFetch(payload),
    });
    // A (re)connected peer starts with a clean slate: whatever it had may have died with its process.
    p2p.on('peerConnected', (peer) => {
      this.known.delete(peer.id);
      this.offer(peer.id, false);
    });
    this.timer = setInterval(() => this.offerToAll(), options.intervalMs);
    this.timer.unref();
  }

  /** A transaction arrived from this peer: it has it, so it is not offered back. */
  markKnown(peerId: string, idHex: string): void {
    this.knownTo(peerId).add(idHex);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private knownTo(peerId: string): BoundedSet {
    let set = this.known.get(peerId);
    if (!set) this.known.set(peerId, (set = new BoundedSet(MAX_KNOWN_PER_PEER)));
    return set;
  }

  private offerToAll(): void {
    if (this.stopped) return;
    const full = ++this.round % FULL_OFFER_EVERY === 0;
    const peers = this.options.p2p.peers();
    // Peers gone since the last round are forgotten, so the known sets stay bounded by the connected peers.
    const connected = new Set(peers.map((p) => p.id));
    for (const id of this.known.keys()) if (!connected.has(id)) this.known.delete(id);
    for (const peer of peers) this.offer(peer.id, full);
  }

  /** Announces, in bounded batches, the pooled ids this peer is not known to have (every one when `everything`). */
  private offer(peerId: string, everything: boolean): void {
    if (this.stopped) return;
    const known = this.knownTo(peerId);
    const ids = this.options.mempool
      .entries()
      .filter((e) => everything || !known.has(e.idHex))
      .map((e) => e.id);
    for (let i = 0; i < ids.length; i += MAX_POOL_ANNOUNCE) {
      const batch = ids.slice(i, i + MAX_POOL_ANNOUNCE);
      if (!this.options.p2p.send(peerId, Topic.POOL_ANNOUNCE, poolIdsCodec.encode(batch))) return;
      for (const id of batch) known.add(bytesToHex(id));
    }
  }

  private onAnnounce(payload: Uint8Array, peer: PeerRef): 'ignore' | 'reject' {
    const decoded = poolIdsCodec.decode(payload);
    if (!decoded.ok) return 'reject';
    const known = this.knownTo(peer.id);
    const wanted: Uint8Array[] = [];
    for (const id of decoded.value) {
      const idHex = bytesToHex(id);
      known.add(idHex);
      if (this.options.mempool.has(idHex) || this.inFlight.has(idHex) || this.options.isIncluded(id)) continue;
      wanted.push(id);
    }
    for (let i = 0; i < wanted.length && this.fetches < MAX_FETCHES_IN_FLIGHT; i += MAX_POOL_FETCH) {
      void this.fetch(peer.id, wanted.slice(i, i + MAX_POOL_FETCH));
    }
    return 'ignore';
  }

  private async fetch(peerId: string, ids: Uint8Array[]): Promise<void> {
    const hexIds = ids.map(bytesToHex);
    this.fetches++;
    for (const id of hexIds) this.inFlight.add(id);
    try {
      const answer = poolFetchResponseCodec.decode(
        await this.options.p2p.request(peerId, Topic.POOL_FETCH, poolIdsCodec.encode(ids), { timeoutMs: 5000 }),
      );
      if (!answer.ok || this.stopped) return;
      let admitted = 0;
      for (const bytes of answer.value) if (await this.options.admit(bytes)) admitted++;
      if (admitted > 0)
        this.options.logger.debug(
          { peer: peerId.slice(0, 16), admitted, offered: ids.length },
          'pool: fetched transactions a peer offered',
        );
    } catch (error) {
      this.options.logger.debug({ peer: peerId.slice(0, 16), err: (error as Error).message }, 'pool: fetch failed');
    } finally {
      this.fetches--;
      for (const id of hexIds) this.inFlight.delete(id);
    }
  }

  /** The signed transactions for the requested ids that are still pooled here (others are simply left out). */
  private answerFetch(payload: Uint8Array): Uint8Array {
    const ids = poolIdsCodec.decodeOrThrow(payload).slice(0, MAX_POOL_FETCH);
    const found: Uint8Array[] = [];
    let total = 0;
    for (const id of ids) {
      const entry = this.options.mempool.get(bytesToHex(id));
      if (!entry) continue;
      const bytes = signedTransactionCodec.encode(entry.tx);
      if (total + bytes.length > MAX_FETCH_ANSWER_BYTES) break;
      total += bytes.length;
      found.push(bytes);
    }
    return poolFetchResponseCodec.encode(found);
  }
}
