import '../shared/node/sha256.ts'; // OpenSSL's SHA-256 for shared/core: same bytes, several times faster
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { bytesToHex } from '@noble/hashes/utils.js';
import pino, { type Logger } from 'pino';
import { equalBytes } from '../shared/core/encoding/index.ts';
import { encodeAddress, verifyDomain } from '../shared/core/crypto/index.ts';
import type { GenesisDoc } from '../shared/core/genesis/index.ts';
import { PROPOSAL_SIGNING_DOMAIN, StateView } from '../shared/core/state/index.ts';
import { blockProposalCodec, type SignedBlockProposal } from '../shared/core/types/index.ts';
import { opensslVerifier } from '../shared/node/ed25519-openssl.ts';
import { ChainStore } from './store/store.ts';
import { SigningGuard } from './store/guard.ts';
import { Mempool } from './mempool/mempool.ts';
import { PoolGossip } from './mempool/gossip.ts';
import { PoolJournal } from './mempool/journal.ts';
import { ChainState } from './consensus/chain-state.ts';
import { ConsensusEngine, type CommittedInfo } from './consensus/engine.ts';
import {
  certifiedBlockCodec,
  getBlocksRequestCodec,
  getBlocksResponseCodec,
  MAX_SYNC_BATCH,
  proposalMessageCodec,
  statusCodec,
  SYNC_BATCH_BYTES,
  Topic,
  type CertifiedBlock,
} from './consensus/messages.ts';
import { P2PNode, type Verdict } from './p2p/index.ts';
import { admitTransaction, admitTransactionInPool, type Admission } from './transactions.ts';
import { NodeVerification, type NodeVerificationOptions } from './verify/index.ts';
import { startRpcServer, type RpcServer } from './rpc/server.ts';
import { rpcDispatcher } from './rpc/methods.ts';
import { RpcError, RpcErrorCode } from './rpc/jsonrpc.ts';
import { RPC_TOPICS } from '../shared/contract/rpc.ts';
import { NodeEvents } from './events.ts';

export interface NodeConfig {
  dataDir: string;
  genesis: GenesisDoc;
  /** The node's consensus key: its P2P identity, and its signing key when it is in the producer set. */
  consensusSecretKey: Uint8Array;
  p2p: { host?: string; port?: number; peers?: string[]; listenUrl?: string; observers?: string[] };
  rpc: { host?: string; port?: number };
  logger?: Logger;
  /** Observer mode: follow and serve, never sign even if the key is in the set. */
  observer?: boolean;
  /** Signature cache and worker pool (default: a cache, and the process's shared pool, whose workers start on first use). */
  verification?: NodeVerificationOptions;
}

/** A full node: store, state, mempool, consensus, P2P and RPC, wired together. */

/** How long a peer's reported height counts (a few catch-up polls). */
const PEER_HEIGHT_FRESH_MS = 30_000;
export class ConsortiaNode {
  readonly log: Logger;
  readonly events = new NodeEvents();
  private stopped = false;
  private syncTimer: NodeJS.Timeout | null = null;
  private syncing = false;
  /** 0 at start: a (re)started node asks its peers at once, and rejoins consensus as soon as it has caught up. */
  private lastCommitAt = 0;
  /** Committed heights peers reported when asked during catch-up, with when: unverified, shown as a hint only. */
  private readonly peerHeights = new Map<string, { height: bigint; at: number }>();
  missedSlots = 0;
  private poolGossip: PoolGossip | null = null;
  private journal: PoolJournal | null = null;

  private constructor(
    readonly config: NodeConfig,
    readonly store: ChainStore,
    readonly guard: SigningGuard,
    readonly chain: ChainState,
    readonly mempool: Mempool,
    readonly engine: ConsensusEngine,
    readonly p2p: P2PNode,
    readonly rpc: RpcServer,
    readonly verification: NodeVerification,
    log: Logger,
  ) {
    this.log = log;
  }

  static async start(config: NodeConfig): Promise<ConsortiaNode> {
    const log = config.logger ?? pino({ level: process.env.CONSORTIA_LOG_LEVEL ?? 'info' });
    mkdirSync(config.dataDir, { recursive: true });
    const store = new ChainStore(join(config.dataDir, 'chain.sqlite'));
    const guard = new SigningGuard(join(config.dataDir, 'signing-guard.sqlite'));
    // Every signature check of the chain rules goes through one caching verifier: each signature once per node.
    const verification = new NodeVerification(config.verification);
    const chain = new ChainState(store, config.genesis, verification.verifier);
    const guardCheck = guard.checkAgainstChain(chain.height());
    // The guard itself refuses every position at or below what this key signed, so signing resumes by itself once caught up.
    if (!guardCheck.ok) log.warn({ reason: guardCheck.reason }, 'not signing until caught up');
    const mempool = new Mempool();
    const observers = new Set((config.p2p.observers ?? []).map((k) => k.toLowerCase()));

    // Circular wiring: the engine broadcasts through P2P, and P2P hands messages to the engine.
    let p2pRef: P2PNode | null = null;
    let nodeRef: ConsortiaNode | null = null;
    const engine = new ConsensusEngine({
      chain,
      mempool,
      logger: log.child({ module: 'consensus' }),
      network: {
        broadcastProposal: (payload) => p2pRef?.broadcast(Topic.PROPOSAL, payload),
        broadcastVote: (payload) => p2pRef?.broadcast(Topic.VOTE, payload),
        // Straight to every peer: gossip would skip peers it believes already have the message.
        resend: (kind, payload) => {
          for (const peer of p2pRef?.peers() ?? [])
            p2pRef?.send(peer.id, kind === 'proposal' ? Topic.PROPOSAL : Topic.VOTE, payload);
        },
      },
      ...(config.observer ? {} : { consensusSecretKey: config.consensusSecretKey, guard }),
      onCommit: (info) => nodeRef?.onCommit(info),
    });
    // RPC first: from the moment P2P listens until every topic is registered nothing may be awaited, or an honest
    // peer's first messages would land on unregistered topics and count against it.
    const rpc = await startRpcServer({
      dispatcher: rpcDispatcher(() => nodeRef ?? notStartedYet()),
      host: config.rpc.host ?? '127.0.0.1',
      port: config.rpc.port ?? 0,
      topics: RPC_TOPICS,
    });
    const p2p = await P2PNode.start({
      chainId: chain.chainId,
      genesisHash: chain.genesisHash,
      secretKey: config.consensusSecretKey,
      isAdmitted: (key) => observers.has(bytesToHex(key)) || isAdmittedConsensusKey(chain, key),
      host: config.p2p.host ?? '127.0.0.1',
      port: config.p2p.port ?? 0,
      peers: config.p2p.peers ?? [],
      ...(config.p2p.listenUrl ? { listenUrl: config.p2p.listenUrl } : {}),
      logger: log.child({ module: 'p2p' }),
      verifier: opensslVerifier,
    }).catch(async (error: unknown) => {
      await rpc.close();
      throw error;
    });
    p2pRef = p2p;
    const poolGossip = new PoolGossip({
      p2p,
      mempool,
      admit: async (bytes) => nodeRef?.admitFromPeer(bytes) ?? false,
      isIncluded: (id) => nodeRef !== null && !nodeRef.stopped && store.transactionLocation(id) !== undefined,
      intervalMs: Math.max(1000, 2 * Number(chain.params().blockIntervalMs)),
      logger: log.child({ module: 'pool' }),
    });
    const node = new ConsortiaNode(config, store, guard, chain, mempool, engine, p2p, rpc, verification, log);
    nodeRef = node;
    node.poolGossip = poolGossip;
    node.openPoolJournal();
    node.wireP2P();
    engine.start();
    node.syncTimer = setInterval(
      () => void node.syncOnce(),
      Math.max(500, Number(chain.context().params.blockIntervalMs)),
    );
    log.info({ height: Number(chain.height()), p2p: p2p.url, rpc: rpc.url, id: p2p.id.slice(0, 16) }, 'node started');
    return node;
  }

  private wireP2P(): void {
    this.p2p.registerTopic(Topic.TRANSACTION, {
      maxBytes: 64 * 1024,
      gossip: true,
      handle: async (payload, peer) => {
        const admitted = await this.admitInPool(payload);
        if (admitted.ok) this.poolGossip?.markKnown(peer.id, admitted.id);
        if (admitted.ok) return admitted.fresh ? 'accept' : 'ignore';
        return admitted.malformed ? 'reject' : 'ignore';
      },
    });
    this.p2p.registerTopic(Topic.PROPOSAL, {
      maxBytes: 8 * 1024 * 1024,
      gossip: true,
      handle: (payload) => this.handleProposal(payload),
    });
    this.p2p.registerTopic(Topic.VOTE, {
      maxBytes: 1024,
      gossip: true,
      handle: (payload) => this.engine.handleVote(payload),
    });
    this.p2p.registerRequest(Topic.STATUS, {
      maxBytes: 64,
      handle: () => statusCodec.encode({ height: this.chain.height() }),
    });
    this.p2p.registerRequest(Topic.GET_BLOCKS, {
      maxBytes: 64,
      handle: (payload) => this.blocksFrom(getBlocksRequestCodec.decodeOrThrow(payload)),
    });
    this.p2p.on('peerConnected', (peer) =>
      this.log.info({ peer: peer.id.slice(0, 16), direction: peer.direction }, 'peer connected'),
    );
    this.p2p.on('peerDisconnected', (peer, close) => {
      this.peerHeights.delete(peer.id);
      this.log.info({ peer: peer.id.slice(0, 16), reason: close.reason }, 'peer disconnected');
    });
  }

  /**
   * A GET_BLOCKS answer: consecutive certified blocks from `fromHeight`, at most `count` and MAX_SYNC_BATCH, and
   * no more than fit SYNC_BATCH_BYTES, which is below the P2P frame limit. Always at least one block when there is
   * one: a single certified block always fits (MAX_BLOCK_BYTES leaves room for the largest certificate).
   */
  private blocksFrom({ fromHeight, count }: { fromHeight: bigint; count: number }): Uint8Array {
    const blocks: CertifiedBlock[] = [];
    let bytes = 0;
    for (let h = fromHeight; h < fromHeight + BigInt(Math.min(count, MAX_SYNC_BATCH)); h++) {
      const block = this.chain.block(h);
      const certificate = this.chain.certificate(h);
      if (!block || !certificate) break;
      const certified = { block, certificate };
      bytes += certifiedBlockCodec.encode(certified).length;
      if (blocks.length > 0 && bytes > SYNC_BATCH_BYTES) break;
      blocks.push(certified);
    }
    return getBlocksResponseCodec.encode(blocks);
  }

  /**
   * A proposal from a peer: when it is signed by a producer of the current set for this height or later, the
   * block's transactions not yet verified here are first checked in the worker pool; the engine's synchronous
   * validation then finds every signature in the cache.
   */
  private async handleProposal(payload: Uint8Array): Promise<Verdict> {
    const decoded = proposalMessageCodec.decode(payload);
    if (decoded.ok && decoded.value.block.transactions.length > 0 && this.worthPreverifying(decoded.value.proposal)) {
      await this.verification.preverifyTransactions(this.chain.chainId, decoded.value.block.transactions);
      if (this.stopped) return 'ignore';
    }
    return this.engine.handleProposal(payload);
  }

  /** Pool work only for a proposal a current producer signed (its signature check is then a cache hit in the engine). */
  private worthPreverifying({ proposal, signature }: SignedBlockProposal): boolean {
    if (proposal.height < this.engine.height) return false;
    if (!this.engine.context.validators.some((v) => equalBytes(v.consensusKey, proposal.proposer))) return false;
    return verifyDomain(
      PROPOSAL_SIGNING_DOMAIN,
      this.chain.chainId,
      blockProposalCodec.encode(proposal),
      signature,
      proposal.proposer,
      this.chain.verifier,
    );
  }

  /**
   * Locally submitted transactions are journaled beside the store (chain/mempool/journal.ts); after a restart
   * they are admitted again, and those no longer valid (included meanwhile, expired) are dropped from the file.
   */
  private openPoolJournal(): void {
    const { journal, recovered, tornBytes } = PoolJournal.open(join(this.config.dataDir, 'pool-journal.bin'));
    const live = new Map<string, Uint8Array>();
    for (const bytes of recovered) {
      const admitted = admitTransaction(bytes, this.chain, this.mempool);
      if (admitted.ok) live.set(admitted.id, bytes);
    }
    journal.keepOnly(live);
    this.journal = journal;
    if (recovered.length > 0 || tornBytes > 0)
      this.log.info({ recovered: recovered.length, repooled: live.size, tornBytes }, 'pool journal replayed');
  }

  /** Signature checked in the worker pool, rules against the state when the answer comes (unless the node stopped). */
  private admitInPool(bytes: Uint8Array): Promise<Admission> {
    return admitTransactionInPool(bytes, this.chain, this.mempool, this.verification, () => !this.stopped);
  }

  /** A transaction a peer offered through pool gossip (chain/mempool/gossip.ts): true when it is newly pooled here. */
  private async admitFromPeer(bytes: Uint8Array): Promise<boolean> {
    if (this.stopped) return false;
    const admitted = await this.admitInPool(bytes);
    return admitted.ok && admitted.fresh;
  }

  /**
   * A transaction from a client (RPC): its signature checked in the worker pool like gossip, so a burst of
   * submissions does not stall consensus on the main thread; broadcast to peers when it is new here.
   */
  async submitTransaction(bytes: Uint8Array): Promise<Admission> {
    const admitted = await this.admitInPool(bytes);
    if (admitted.ok && admitted.fresh) {
      if (!this.journal?.append(admitted.id, bytes))
        this.log.warn({ id: admitted.id }, 'pool journal full: this transaction would not survive a restart');
      this.broadcastTransaction(bytes);
    }
    return admitted;
  }

  broadcastTransaction(bytes: Uint8Array): void {
    this.p2p.broadcast(Topic.TRANSACTION, bytes);
  }

  private onCommit(info: CommittedInfo): void {
    this.lastCommitAt = Date.now();
    if (!equalBytes(info.producer, info.scheduledProducer)) this.missedSlots++;
    this.journal?.prune((idHex) => this.mempool.has(idHex));
    this.events.emit('commit', info);
    // A commit may change the admitted keys (a new round's set, a rotated key, a resignation, a tombstone):
    // drop peers whose key no longer qualifies. A few state reads per peer, so simply after every block.
    this.p2p.revalidatePeers();
    const prefix = this.chain.genesis.addressPrefix;
    const head = {
      height: info.height.toString(),
      hash: info.hash,
      round: info.round,
      dposRound: info.dposRound.toString(),
      timestamp: info.timestamp.toString(),
      transactions: info.transactions,
    };
    this.rpc.publish('newHeads', head);
    // A committed block is final at once (BFT); the certificate is already stored with it.
    this.rpc.publish('finalHeads', head);
    this.rpc.publish('roundEvents', {
      kind: equalBytes(info.producer, info.scheduledProducer) ? 'produced' : 'missed',
      height: info.height.toString(),
      dposRound: info.dposRound.toString(),
      scheduled: encodeAddress(prefix, info.scheduledProducer),
      producer: encodeAddress(prefix, info.producer),
    });
    this.log.debug({ height: Number(info.height), round: info.round, txs: info.transactions }, 'committed');
  }

  /** Catch-up: when no block has come for a while, ask peers how far they are and fetch certified blocks in batches. */
  private async syncOnce(): Promise<void> {
    if (this.syncing || this.stopped) return;
    const interval = Number(this.chain.context().params.blockIntervalMs);
    if (Date.now() - this.lastCommitAt < 3 * interval) return;
    this.syncing = true;
    try {
      // One peer failing (gone, busy, bad answer) does not end the attempt: the next one is asked.
      for (const peer of this.p2p.peers()) {
        if (this.stopped) return;
        try {
          await this.syncFrom(peer.id);
        } catch (error) {
          this.log.debug({ peer: peer.id.slice(0, 16), err: (error as Error).message }, 'sync from peer failed');
        }
      }
    } finally {
      this.syncing = false;
    }
  }

  /** Fetches certified blocks from one peer up to its height; each answer may be short (byte budget), so it asks again from where it got to. */
  private async syncFrom(peerId: string): Promise<void> {
    const status = statusCodec.decode(
      await this.p2p.request(peerId, Topic.STATUS, new Uint8Array(), { timeoutMs: 2000 }),
    );
    if (!status.ok) return;
    this.peerHeights.set(peerId, { height: status.value.height, at: Date.now() });
    if (status.value.height <= this.chain.height()) return;
    while (!this.stopped && this.chain.height() < status.value.height) {
      const from = this.chain.height() + 1n;
      const request = getBlocksRequestCodec.encode({ fromHeight: from, count: MAX_SYNC_BATCH });
      const response = getBlocksResponseCodec.decode(
        await this.p2p.request(peerId, Topic.GET_BLOCKS, request, { timeoutMs: 10_000 }),
      );
      if (!response.ok || response.value.length === 0) return;
      // The batch's signatures in parallel first; the blocks' validation below then hits the cache.
      await this.verification.preverifyTransactions(
        this.chain.chainId,
        response.value.flatMap((c) => c.block.transactions),
      );
      if (this.stopped) return;
      for (const certified of response.value) {
        // Consensus may have committed the same height meanwhile: a block already held is no fault of the peer.
        if (certified.block.header.header.height <= this.chain.height()) continue;
        const applied = this.engine.applyCertified(certified);
        if (!applied.ok) {
          this.log.warn(
            { peer: peerId.slice(0, 16), reason: applied.reason },
            'peer sent a block that failed verification',
          );
          return;
        }
      }
      this.log.info({ height: Number(this.chain.height()), target: Number(status.value.height) }, 'syncing');
    }
  }

  /**
   * The highest committed height a connected peer reported within PEER_HEIGHT_FRESH_MS (peers are asked only while
   * this node is not committing), or undefined. Unverified: light clients use it only to notice that this node is
   * behind its own peers.
   */
  peersHeight(): bigint | undefined {
    const since = Date.now() - PEER_HEIGHT_FRESH_MS;
    let highest: bigint | undefined;
    for (const { height, at } of this.peerHeights.values())
      if (at >= since && (highest === undefined || height > highest)) highest = height;
    return highest;
  }

  metrics() {
    return {
      height: this.chain.height().toString(),
      finalHeight: this.chain.height().toString(),
      bftRound: this.engine.round,
      peers: this.p2p.peers().length,
      mempoolSize: this.mempool.size,
      missedSlots: this.missedSlots,
      isProducer: this.engine.isValidator(),
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.engine.stop();
    this.poolGossip?.stop();
    await this.rpc.close();
    await this.p2p.close();
    this.journal?.close();
    this.store.close();
    this.guard.close();
    await this.verification.close();
  }
}

/**
 * Who may connect besides configured observers: a key of the current or next producer set, or the current key of
 * a registered candidate (active or jailed, which may return). A key rotated away from, or of a resigned or
 * tombstoned candidate, is refused, even while the set elected with it runs (a tombstoned one never signs again).
 */
export function isAdmittedConsensusKey(chain: ChainState, key: Uint8Array): boolean {
  const view = StateView.over(chain.reader);
  const owner = view.consensusKeyOwner(key);
  const candidate = owner && view.candidate(owner);
  if (candidate?.status === 'tombstoned') return false;
  if (view.rounds().rounds.some((entry) => entry.validators.some((v) => equalBytes(v.consensusKey, key)))) return true;
  return (candidate?.status === 'active' || candidate?.status === 'jailed') && equalBytes(candidate.consensusKey, key);
}

/** The RPC server answers from before the node is wired; a request in that instant gets a plain "try again". */
function notStartedYet(): never {
  throw new RpcError(RpcErrorCode.UNAVAILABLE, 'The node is still starting; try again in a moment.');
}
