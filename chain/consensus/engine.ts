import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Logger } from 'pino';
import {
  admits,
  admitsProposal,
  createHeightState,
  DEFAULT_ROUNDS_AHEAD,
  linearTimeouts,
  step,
  type BftAction,
  type BftEvent,
  type HeightState,
  type RoundTimeouts,
} from '../../shared/core/bft/index.ts';
import { SigningDomain, signDomain, verifyDomain, publicKeyFromSecret } from '../../shared/core/crypto/index.ts';
import { equalBytes } from '../../shared/core/encoding/index.ts';
import { PROPOSAL_SIGNING_DOMAIN, StateView } from '../../shared/core/state/index.ts';
import {
  blockProposalCodec,
  signedBlockProposalCodec,
  signedVoteCodec,
  transactionId,
  voteCodec,
  type Block,
  type CommitCertificate,
  type SignedVote,
} from '../../shared/core/types/index.ts';
import type { Mempool } from '../mempool/mempool.ts';
import type { SigningGuard } from '../store/guard.ts';
import type { ChainState, HeightContext, ValidatedBlock } from './chain-state.ts';
import { historyOf, MAX_BLOCK_BYTES, proposalMessageCodec, type CertifiedBlock } from './messages.ts';
import { EvidenceCollector, type EquivocationEvidence, type EvidenceLimits } from './evidence.ts';
import { addressBytes } from '../../shared/core/crypto/index.ts';

export type Verdict = 'accept' | 'ignore' | 'reject';

export interface ConsensusNetwork {
  broadcastProposal(payload: Uint8Array): void;
  broadcastVote(payload: Uint8Array): void;
  /** Sends again to every connected peer (gossip would skip peers believed to have it already). */
  resend?(kind: 'proposal' | 'vote', payload: Uint8Array): void;
}

export interface CommittedInfo {
  height: bigint;
  hash: string;
  round: number;
  producer: Uint8Array;
  scheduledProducer: Uint8Array;
  dposRound: bigint;
  transactions: number;
  timestamp: bigint;
}

export interface EngineOptions {
  chain: ChainState;
  mempool: Mempool;
  network: ConsensusNetwork;
  logger: Logger;
  /** The node's consensus key; absent for an observer node that follows but never signs. */
  consensusSecretKey?: Uint8Array;
  guard?: SigningGuard;
  onCommit?: (info: CommittedInfo) => void;
  now?: () => number;
  /** Overrides the timeouts derived from the block interval (tests). */
  timeouts?: (round: number) => RoundTimeouts;
  /** Bounds of the equivocation evidence kept in memory. */
  evidenceLimits?: EvidenceLimits;
  /** Called once for each new pair of conflicting signed messages (after it is logged). */
  onEvidence?: (evidence: EquivocationEvidence) => void;
}

/** Messages for heights ahead of ours are kept briefly (bounded), since peers may be a step ahead. */
const MAX_FUTURE_MESSAGES = 2000;
/** Of those, per signing key: far more than an honest validator signs before this node arrives, so a spammer fills only its own share. */
const MAX_FUTURE_PER_SIGNER = 64;
/** Room in MAX_BLOCK_BYTES for the header (its lastCommit holds up to MAX_VALIDATORS signatures) and the list's length. */
const HEADER_ALLOWANCE_BYTES = 32 * 1024;
/**
 * Timeouts grow with the round only up to this many rounds: a node that jumped to a high round (catch-up after a
 * halt) then waits a few block intervals per round, not a time that grew with every round missed.
 */
export const TIMEOUT_GROWTH_ROUNDS = 4;
/** Caches of blocks and signed precommits are pruned to what the state machine still holds once past this size. */
export const ENGINE_CACHE_PRUNE_MIN = 256;

/**
 * Drives the pure Tendermint state machine with real timers for one height after another. It validates what
 * peers send before feeding it in, signs (behind the double-sign guard) what the machine asks for, and commits
 * blocks with their certificates through ChainState.
 */
export class ConsensusEngine {
  private ctx!: HeightContext;
  private bft!: HeightState;
  private readonly blocks = new Map<string, ValidatedBlock | { invalid: string }>();
  private readonly precommits = new Map<string, SignedVote>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private future: { height: bigint; kind: 'proposal' | 'vote'; payload: Uint8Array; signer: string }[] = [];
  /** How many of `future` each signing key (hex) holds. */
  private futureBySigner = new Map<string, number>();
  private readonly publicKey: Uint8Array | null;
  private stopped = false;
  private startTimer: NodeJS.Timeout | null = null;
  /** What this node signed at the current height, re-sent while the height does not move (messages can be lost). */
  private own: { kind: 'proposal' | 'vote'; round: number; payload: Uint8Array }[] = [];
  private resendTimer: NodeJS.Timeout | null = null;
  private resendHeight = -1n;
  private readonly now: () => number;
  private readonly evidencePool: EvidenceCollector;
  /**
   * Proposals for rounds beyond the machine's window, by proposer index (its highest round only): their blocks are
   * checked once this node comes near that round, so a proposer announcing ever-new far rounds costs no validation.
   */
  private farProposals = new Map<number, { round: number; payload: Uint8Array }>();
  /** Size at which the block and precommit caches are next pruned (doubles with what is kept: amortised O(1)). */
  private pruneAt = ENGINE_CACHE_PRUNE_MIN;

  constructor(private readonly options: EngineOptions) {
    this.publicKey = options.consensusSecretKey ? publicKeyFromSecret(options.consensusSecretKey) : null;
    this.now = options.now ?? Date.now;
    this.evidencePool = new EvidenceCollector(
      (e) => {
        options.logger.warn(
          {
            kind: e.kind,
            message: e.message,
            height: Number(e.height),
            round: e.round,
            validator: bytesToHex(e.validator),
          },
          'equivocation: two conflicting signed messages from one consensus key (evidence kept for node.evidence)',
        );
        options.onEvidence?.(e);
      },
      options.evidenceLimits,
      this.now,
    );
  }

  get height(): bigint {
    return this.ctx.height;
  }
  get round(): number {
    return this.bft.round;
  }
  get context(): HeightContext {
    return this.ctx;
  }

  /** How much round state this height holds (bounded against spam; for metrics and tests). */
  stateSizes(): { rounds: number; latestRounds: number; blocks: number; precommits: number; futureMessages: number } {
    return {
      rounds: this.bft.rounds.size,
      latestRounds: this.bft.latestRound.size,
      blocks: this.blocks.size,
      precommits: this.precommits.size,
      futureMessages: this.future.length,
    };
  }

  /** Conflicting signed votes and proposals seen so far (bounded, oldest first), ready to report in a transaction. */
  evidence(): EquivocationEvidence[] {
    return this.evidencePool.list();
  }

  start(): void {
    this.beginHeight();
    const every = Math.max(1000, 2 * this.ctx.params.blockIntervalMs);
    this.resendTimer = setInterval(() => this.resendIfStuck(), every);
    this.resendTimer.unref();
  }

  private resendIfStuck(): void {
    if (this.stopped || !this.options.network.resend) return;
    // Highest round first: a peer that is behind (restarted) learns this node's round from the first message, jumps
    // straight to it, and drops the older rounds' messages that are beyond its window instead of climbing through them.
    if (this.resendHeight === this.ctx.height)
      for (const m of [...this.own].sort((a, b) => b.round - a.round)) this.options.network.resend(m.kind, m.payload);
    this.resendHeight = this.ctx.height;
  }

  stop(): void {
    this.stopped = true;
    if (this.resendTimer) clearInterval(this.resendTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.startTimer) clearTimeout(this.startTimer);
  }

  /** Whether this node's key is in the current set. */
  isValidator(): boolean {
    return this.selfIndex() !== null;
  }

  private selfIndex(): number | null {
    if (!this.publicKey) return null;
    const i = this.ctx.validators.findIndex((v) => equalBytes(v.consensusKey, this.publicKey!));
    return i === -1 ? null : i;
  }

  private beginHeight(): void {
    if (this.stopped) return;
    this.ctx = this.options.chain.context();
    this.blocks.clear();
    this.precommits.clear();
    this.pruneAt = ENGINE_CACHE_PRUNE_MIN;
    this.farProposals.clear();
    this.own = [];
    this.evidencePool.beginHeight(this.ctx.height);
    const n = this.ctx.validators.length;
    const indexOf = (address: Uint8Array) => this.ctx.validators.findIndex((v) => equalBytes(v.address, address));
    const interval = this.ctx.params.blockIntervalMs;
    this.bft = createHeightState({
      height: Number(this.ctx.height),
      validatorCount: n,
      selfIndex: this.selfIndex(),
      proposer: (round) => indexOf(this.ctx.proposerOrder[round % this.ctx.proposerOrder.length]!),
      isValid: (valueId) => {
        const known = this.blocks.get(valueId);
        return known !== undefined && !('invalid' in known);
      },
      getValue: () => this.buildOwnBlock(),
      timeouts:
        this.options.timeouts ??
        linearTimeouts(
          {
            propose: Math.max(1000, 2 * interval),
            prevote: Math.max(500, interval),
            precommit: Math.max(500, interval),
          },
          { propose: interval, prevote: interval / 2, precommit: interval / 2 },
          TIMEOUT_GROWTH_ROUNDS,
        ),
    });
    // Blocks follow the interval: start deciding the next height once the previous block's time plus the interval has come.
    const due = Number(this.ctx.previousHeader.timestamp) + interval - this.now();
    const begin = () => {
      this.startTimer = null;
      // Before `start`: the machine then knows what it signed and never signs anything different.
      this.replayOwnMessages();
      this.feed({ type: 'start' });
      const buffered = this.future.filter((m) => m.height === this.ctx.height);
      this.future = this.future.filter((m) => m.height > this.ctx.height);
      this.futureBySigner.clear();
      for (const m of this.future) this.countFuture(m.signer, 1);
      for (const m of buffered) {
        if (m.kind === 'proposal') this.handleProposal(m.payload);
        else this.handleVote(m.payload);
      }
    };
    if (this.ctx.height === 1n || due <= 0) begin();
    else this.startTimer = setTimeout(begin, due);
  }

  /**
   * After a restart in the middle of a height, the guard refuses to sign those steps again; the node instead
   * feeds itself, and re-sends, exactly what it signed before (the state machine then never signs anything else).
   */
  private replayOwnMessages(): void {
    for (const message of this.options.guard?.signedAt(this.ctx.height) ?? []) {
      if (message.kind === 'proposal') this.handleProposal(message.payload);
      else this.handleVote(message.payload);
      this.own.push({ ...message, round: roundOf(message) });
      this.options.network.resend?.(message.kind, message.payload);
    }
  }

  /** Steps the machine; true when it took the event (stored it or acted on it), false when it ignored it. */
  private feed(event: BftEvent): boolean {
    if (this.stopped) return false;
    const { state, actions } = step(this.bft, event);
    const taken = state !== this.bft;
    const moved = state.round !== this.bft.round;
    this.bft = state;
    for (const action of actions) this.perform(action);
    if (moved && this.bft === state) this.releaseFarProposals();
    return taken;
  }

  private horizon(): number {
    return this.bft.round + (this.bft.config.roundsAhead ?? DEFAULT_ROUNDS_AHEAD);
  }

  /** Proposals held back for far rounds that are now within the window are handled as if they had just arrived. */
  private releaseFarProposals(): void {
    for (const [proposer, held] of this.farProposals) {
      if (held.round > this.horizon()) continue;
      this.farProposals.delete(proposer);
      this.handleProposal(held.payload);
    }
  }

  private perform(action: BftAction): void {
    switch (action.type) {
      case 'scheduleTimeout': {
        const height = this.ctx.height;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.ctx.height !== height) return;
          const type =
            action.kind === 'propose'
              ? 'timeoutPropose'
              : action.kind === 'prevote'
                ? 'timeoutPrevote'
                : 'timeoutPrecommit';
          this.feed({ type, round: action.round });
        }, action.ms);
        this.timers.add(timer);
        return;
      }
      case 'requestValue': {
        const value = this.buildOwnBlock();
        if (value) this.feed({ type: 'propose', round: action.round, valueId: value });
        return;
      }
      case 'broadcastProposal':
        return this.signProposal(action.round, action.valueId, action.polRound);
      case 'broadcastPrevote':
      case 'broadcastPrecommit':
        return this.signVote(
          action.type === 'broadcastPrevote' ? 'prevote' : 'precommit',
          action.round,
          action.valueId,
        );
      case 'commit':
        return this.commit(action.valueId, action.round, action.precommits);
      case 'evidence':
        // The signed pair, if it is evidence under the state's rules, was kept and logged when the message arrived.
        this.options.logger.debug(
          { height: action.height, round: action.round, validator: action.from, kind: action.kind },
          'BFT machine saw conflicting messages from one validator',
        );
        return;
    }
  }

  private buildOwnBlock(): string | null {
    const self = this.selfIndex();
    if (self === null || !this.options.consensusSecretKey) return null;
    const producer = this.ctx.validators[self]!.address;
    // A prefix of the selection keeps each sender's nonces in order; it stops where the block would outgrow a frame.
    const selected = this.options.mempool.select(this.ctx.params.maxBlockTransactions, (sender) =>
      this.nonceOf(sender),
    );
    let bytes = HEADER_ALLOWANCE_BYTES;
    const fits = selected.findIndex((e) => (bytes += e.size) > MAX_BLOCK_BYTES);
    const picked = fits === -1 ? selected : selected.slice(0, fits);
    const built = this.options.chain.buildBlock(
      this.ctx,
      producer,
      picked.map((e) => e.tx),
      BigInt(this.now()),
      this.options.consensusSecretKey,
    );
    if (!built.ok) {
      this.options.logger.error({ reason: built.reason }, 'could not build a block');
      return null;
    }
    for (const { tx, reason } of built.value.dropped) {
      const idHex = bytesToHex(transactionId(tx));
      this.options.mempool.remove(idHex);
      this.options.logger.info({ id: idHex, reason }, 'left a pooled transaction out: it no longer applies');
    }
    const id = bytesToHex(built.value.hash);
    this.blocks.set(id, built.value);
    return id;
  }

  private nonceOf(senderHex: string): bigint {
    return this.accountNonce(hexToBytes(senderHex));
  }

  /** The next nonce of an account in the committed state (for the mempool). */
  accountNonce(address: Uint8Array): bigint {
    return this.options.chain.accountNonce(address);
  }

  /** Persists the signed message behind the double-sign guard, then lets it out; false when the guard refuses. */
  private release(round: number, stepIndex: number, kind: 'proposal' | 'vote', payload: Uint8Array): boolean {
    try {
      this.options.guard?.record({ height: this.ctx.height, round, step: stepIndex }, kind, payload);
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'double-sign guard refused to sign');
      return false;
    }
    this.own.push({ kind, round, payload });
    return true;
  }

  private signProposal(round: number, valueId: string, polRound: number): void {
    const validated = this.blocks.get(valueId);
    if (!validated || 'invalid' in validated || !this.options.consensusSecretKey || !this.publicKey) return;
    const proposal = {
      height: this.ctx.height,
      round,
      blockHash: validated.hash,
      proposer: this.publicKey,
      ...(polRound >= 0 ? { polRound } : {}),
    };
    const signature = signDomain(
      PROPOSAL_SIGNING_DOMAIN,
      this.options.chain.chainId,
      blockProposalCodec.encode(proposal),
      this.options.consensusSecretKey,
    );
    const payload = proposalMessageCodec.encode({ proposal: { proposal, signature }, block: validated.block });
    if (!this.release(round, 0, 'proposal', payload)) return;
    // Own messages count as the first ones, so a second signer using this key (a copied key) is caught too.
    this.evidencePool.observeProposal({ proposal, signature });
    this.options.network.broadcastProposal(payload);
  }

  private signVote(type: 'prevote' | 'precommit', round: number, valueId: string | null): void {
    if (!this.options.consensusSecretKey || !this.publicKey) return;
    const vote = {
      type,
      height: this.ctx.height,
      round,
      validator: this.publicKey,
      ...(valueId ? { blockHash: hexToBytes(valueId) } : {}),
    };
    const domain = type === 'prevote' ? SigningDomain.PREVOTE : SigningDomain.PRECOMMIT;
    const signature = signDomain(
      domain,
      this.options.chain.chainId,
      voteCodec.encode(vote),
      this.options.consensusSecretKey,
    );
    const signed = { vote, signature };
    const payload = signedVoteCodec.encode(signed);
    if (!this.release(round, type === 'prevote' ? 1 : 2, 'vote', payload)) return;
    this.evidencePool.observeVote(signed);
    if (type === 'precommit') this.precommits.set(`${round}:${this.selfIndex()}`, signed);
    this.options.network.broadcastVote(payload);
  }

  /** A proposal with its block from a peer. */
  handleProposal(payload: Uint8Array): Verdict {
    const decoded = proposalMessageCodec.decode(payload);
    if (!decoded.ok) return 'reject';
    const { proposal: signed, block } = decoded.value;
    const p = signed.proposal;
    const signedRight = () =>
      verifyDomain(
        PROPOSAL_SIGNING_DOMAIN,
        this.options.chain.chainId,
        blockProposalCodec.encode(p),
        signed.signature,
        p.proposer,
        this.options.chain.verifier,
      );
    if (p.height > this.ctx.height) return this.buffer(p.height, 'proposal', payload, p.proposer, signedRight);
    if (p.height < this.ctx.height || !this.bft) return 'ignore';
    const proposerIndex = this.bft.config.proposer(p.round);
    const proposer = this.ctx.validators[proposerIndex];
    if (!proposer || !equalBytes(proposer.consensusKey, p.proposer)) return 'reject';
    if (!signedRight()) return 'reject';
    // The signed proposal is the evidence, whatever block travels with it.
    this.evidencePool.observeProposal(signed);
    // A round the machine would not store (too far ahead, or enough proposals already): not worth checking a block for.
    if (!admitsProposal(this.bft, p.round, proposerIndex)) return 'ignore';
    const id = bytesToHex(p.blockHash);
    if (!this.blocks.has(id)) {
      // Anyone can attach another body to an honest signed proposal: only the block the hash names may be judged.
      const mismatch = this.options.chain.blockMismatch(this.ctx, block, p.blockHash);
      if (mismatch !== null) {
        this.options.logger.warn(
          { height: Number(p.height), round: p.round, reason: mismatch },
          'proposal refused: its block is not the one it signs',
        );
        return 'reject';
      }
      if (p.round > this.horizon()) {
        // Gossiped on (it is the named block), validated only if this node gets near that round.
        const held = this.farProposals.get(proposerIndex);
        if (held !== undefined && held.round >= p.round) return 'ignore';
        this.farProposals.set(proposerIndex, { round: p.round, payload });
        return 'accept';
      }
      const blockBytes = payload.length - signedBlockProposalCodec.encode(signed).length;
      const checked = this.checkProposedBlock(block, blockBytes);
      this.blocks.set(id, checked.ok ? checked.value : { invalid: checked.reason });
      if (!checked.ok)
        this.options.logger.warn(
          { height: Number(p.height), round: p.round, reason: checked.reason },
          'invalid block proposed',
        );
    }
    const taken = this.feed({
      type: 'proposal',
      round: p.round,
      valueId: id,
      polRound: p.polRound ?? -1,
      from: proposerIndex,
    });
    this.pruneCaches();
    return taken ? 'accept' : 'ignore';
  }

  private checkProposedBlock(
    block: Block,
    blockBytes: number,
  ): { ok: true; value: ValidatedBlock } | { ok: false; reason: string } {
    if (blockBytes > MAX_BLOCK_BYTES)
      return {
        ok: false,
        reason: `block ${block.header.header.height}: ${blockBytes} bytes, over the ${MAX_BLOCK_BYTES}-byte limit that keeps every block deliverable`,
      };
    return this.options.chain.validateBlock(this.ctx, block, null, BigInt(this.now()));
  }

  /** A prevote or precommit from a peer. */
  handleVote(payload: Uint8Array): Verdict {
    const decoded = signedVoteCodec.decode(payload);
    if (!decoded.ok) return 'reject';
    const { vote, signature } = decoded.value;
    const domain = vote.type === 'prevote' ? SigningDomain.PREVOTE : SigningDomain.PRECOMMIT;
    const signedRight = () =>
      verifyDomain(
        domain,
        this.options.chain.chainId,
        voteCodec.encode(vote),
        signature,
        vote.validator,
        this.options.chain.verifier,
      );
    if (vote.height > this.ctx.height) return this.buffer(vote.height, 'vote', payload, vote.validator, signedRight);
    if (vote.height < this.ctx.height || !this.bft) return 'ignore';
    const from = this.ctx.validators.findIndex((v) => equalBytes(v.consensusKey, vote.validator));
    if (from === -1) return 'reject';
    if (!signedRight()) return 'reject';
    this.evidencePool.observeVote(decoded.value);
    const valueId = vote.blockHash ? bytesToHex(vote.blockHash) : null;
    // Kept before feeding (a commit inside the step reads it), and only where the machine keeps the vote too.
    if (vote.type === 'precommit' && admits(this.bft, vote.round, from)) {
      const key = `${vote.round}:${from}`;
      if (!this.precommits.has(key)) this.precommits.set(key, decoded.value);
    }
    const taken = this.feed({ type: vote.type, round: vote.round, valueId, from });
    this.pruneCaches();
    // Only what the machine took is gossiped on: votes for rounds it drops go no further than this node.
    return taken ? 'accept' : 'ignore';
  }

  /**
   * The machine drops a validator's far-ahead round when that validator moves higher; the engine's caches of
   * blocks and signed precommits follow it here, so neither grows with what a Byzantine validator signs.
   */
  private pruneCaches(): void {
    if (this.blocks.size + this.precommits.size <= this.pruneAt) return;
    const keepBlocks = new Set<string>();
    for (const log of this.bft.rounds.values()) for (const p of log.proposals) keepBlocks.add(p.valueId);
    for (const v of [this.bft.validValue, this.bft.lockedValue]) if (v !== null) keepBlocks.add(v);
    for (const id of this.blocks.keys()) if (!keepBlocks.has(id)) this.blocks.delete(id);
    for (const key of this.precommits.keys()) {
      const [round, from] = key.split(':').map(Number) as [number, number];
      if (!this.bft.rounds.get(round)?.precommits.has(from)) this.precommits.delete(key);
    }
    this.pruneAt = Math.max(ENGINE_CACHE_PRUNE_MIN, 2 * (this.blocks.size + this.precommits.size));
  }

  /**
   * Keeps a message for one of the next two heights. Only from a registered candidate's key with a valid signature
   * (so nobody can spend another key's share), at most MAX_FUTURE_PER_SIGNER per key, oldest dropped when full.
   */
  private buffer(
    height: bigint,
    kind: 'proposal' | 'vote',
    payload: Uint8Array,
    signerKey: Uint8Array,
    signedRight: () => boolean,
  ): Verdict {
    if (height > this.ctx.height + 2n) return 'ignore';
    const signer = bytesToHex(signerKey);
    if ((this.futureBySigner.get(signer) ?? 0) >= MAX_FUTURE_PER_SIGNER) return 'ignore';
    if (StateView.over(this.options.chain.reader).consensusKeyOwner(signerKey) === undefined || !signedRight())
      return 'ignore';
    if (this.future.length >= MAX_FUTURE_MESSAGES) this.countFuture(this.future.shift()!.signer, -1);
    this.future.push({ height, kind, payload, signer });
    this.countFuture(signer, 1);
    return 'ignore';
  }

  private countFuture(signer: string, change: number): void {
    const count = (this.futureBySigner.get(signer) ?? 0) + change;
    if (count > 0) this.futureBySigner.set(signer, count);
    else this.futureBySigner.delete(signer);
  }

  private commit(valueId: string, round: number, signers: readonly number[]): void {
    const validated = this.blocks.get(valueId);
    if (!validated || 'invalid' in validated) {
      this.options.logger.error(
        { height: Number(this.ctx.height), valueId },
        'decided a block this node does not hold; waiting for sync',
      );
      return;
    }
    const signatures = [...signers]
      .sort((a, b) => a - b)
      .map((index) => ({ index, vote: this.precommits.get(`${round}:${index}`) }))
      .filter(
        (s): s is { index: number; vote: SignedVote } =>
          s.vote !== undefined && equalBytes(s.vote.vote.blockHash ?? new Uint8Array(), validated.hash),
      )
      .map((s) => ({ validatorIndex: s.index, signature: s.vote.signature }));
    const certificate: CommitCertificate = { height: this.ctx.height, round, blockHash: validated.hash, signatures };
    this.finish(validated, certificate, round);
  }

  /** Commits a block decided here or fetched with its certificate during catch-up, then moves to the next height. */
  private finish(validated: ValidatedBlock, certificate: CommitCertificate, round: number): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const block = validated.block;
    const ids = validated.applied.receipts.map((r) => r.id);
    this.options.chain.commit(validated, certificate, historyOf(block.transactions, ids));
    const header = block.header.header;
    for (const id of ids) this.options.mempool.remove(bytesToHex(id));
    this.options.mempool.prune(header.height + 1n, (sender) => this.nonceOf(sender));
    this.options.onCommit?.({
      height: header.height,
      hash: bytesToHex(validated.hash),
      round,
      producer: header.producer,
      scheduledProducer: this.ctx.scheduledProducer,
      dposRound: header.dposRound,
      transactions: block.transactions.length,
      timestamp: header.timestamp,
    });
    this.beginHeight();
  }

  /**
   * Applies a block a peer sent with its certificate (catch-up): full validation, then the certificate must
   * carry a quorum of this height's set. Returns a reason when the block or certificate is refused.
   */
  applyCertified(certified: CertifiedBlock): { ok: true } | { ok: false; reason: string } {
    const header = certified.block.header.header;
    if (header.height !== this.ctx.height)
      return { ok: false, reason: `expected height ${this.ctx.height}, got ${header.height}` };
    const checked = this.options.chain.validateBlock(this.ctx, certified.block, null, BigInt(this.now()) + 10n ** 12n);
    if (!checked.ok) return checked;
    const cert = this.options.chain.checkCertificate(certified.certificate, header.height, checked.value.hash);
    if (!cert.ok) return { ok: false, reason: `certificate: ${cert.reason}` };
    if (this.startTimer) clearTimeout(this.startTimer);
    this.finish(checked.value, certified.certificate, certified.certificate.round);
    return { ok: true };
  }

  /** The sender address (hex) of a pooled transaction, as the mempool keys it. */
  static senderKey(publicKey: Uint8Array): string {
    return bytesToHex(addressBytes(publicKey));
  }
}

/** The round of one of this node's own signed messages (as the guard stores them). */
function roundOf(message: { kind: 'proposal' | 'vote'; payload: Uint8Array }): number {
  if (message.kind === 'proposal') return proposalMessageCodec.decodeOrThrow(message.payload).proposal.proposal.round;
  return signedVoteCodec.decodeOrThrow(message.payload).vote.round;
}
