import { bytesToHex } from '@noble/hashes/utils.js';
import { SigningDomain, signDomain, verifyDomain, type SignatureVerifier } from '../../shared/core/crypto/index.ts';
import { equalBytes } from '../../shared/core/encoding/index.ts';
import { genesisHash, genesisHeader, genesisState, type GenesisDoc } from '../../shared/core/genesis/index.ts';
import { SparseMerkleTree, txRoot, type NodeBatch } from '../../shared/core/merkle/index.ts';
import { producerAt, scheduleForRound } from '../../shared/core/dpos/index.ts';
import {
  applyBlock,
  applyTransaction,
  currentParams,
  roundEntryAtHeight,
  seedHeightOfRound,
  stateHeight,
  toSmtChanges,
  StateView,
  type AppliedBlock,
  type StateChange,
  type StateReader,
} from '../../shared/core/state/index.ts';
import {
  blockCodec,
  blockHeaderCodec,
  commitCertificateCodec,
  headerHash,
  signedHeaderCodec,
  transactionId,
  validatorSetCodec,
  voteCodec,
  HEADER_VERSION,
  type Address,
  type Block,
  type BlockHeader,
  type ChainParameters,
  type CommitCertificate,
  type Hash,
  type SignedTransaction,
  type ValidatorSet,
} from '../../shared/core/types/index.ts';
import { verifyCommitCertificate } from '../../shared/core/bft/index.ts';
import type { ChainStore, HistoryEntry } from '../store/store.ts';

/** Everything consensus needs to decide the next height, derived from the committed state and headers. */
export interface HeightContext {
  height: bigint;
  dposRound: bigint;
  validators: ValidatorSet;
  /** Producers in proposing order for BFT rounds 0, 1, 2…: the scheduled one, then the rest of the schedule. */
  proposerOrder: Address[];
  scheduledProducer: Address;
  previousHeader: BlockHeader;
  previousHash: Hash;
  params: ChainParameters;
}

/** A block that passed every check, with what committing it writes. */
export interface ValidatedBlock {
  block: Block;
  hash: Hash;
  applied: AppliedBlock;
  stateRoot: Hash;
  nodes: NodeBatch;
}

/** A block this node built, and the pooled transactions it had to leave out (with the reason). */
export interface BuiltBlock extends ValidatedBlock {
  dropped: { tx: SignedTransaction; reason: string }[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const MAX_CLOCK_DRIFT_MS = 10_000n;

/**
 * The node's view of its own chain: the committed state in SQLite, the headers, and the rules to validate,
 * build and commit the next block. One instance per node; consensus and sync both go through it.
 */
export class ChainState {
  readonly reader: StateReader;
  readonly genesis: GenesisDoc;
  readonly genesisHash: Hash;
  private readonly genesisHeader: BlockHeader;
  private readonly tree: SparseMerkleTree;
  /** Decoded once per committed height: admission asks for these for every transaction. */
  private committed: { height?: bigint; params?: ChainParameters } = {};

  constructor(
    readonly store: ChainStore,
    genesis: GenesisDoc,
    readonly verifier: SignatureVerifier,
  ) {
    this.genesis = genesis;
    this.genesisHash = genesisHash(genesis);
    const known = store.getMeta('genesisHash');
    const gstate = known ? undefined : genesisState(genesis);
    this.genesisHeader = genesisHeader(genesis, gstate);
    if (known && !equalBytes(known, this.genesisHash)) {
      throw new Error(
        `This data directory belongs to another network (genesis ${bytesToHex(known)}), not ${bytesToHex(this.genesisHash)}.`,
      );
    }
    if (!known) {
      store.db.transaction(() => {
        store.writeGenesisState(gstate!.changes, gstate!.nodes);
        store.putMeta('genesisHash', this.genesisHash);
      })();
    }
    this.reader = { get: (key) => store.currentState(key) };
    this.tree = new SparseMerkleTree(store.nodeStore());
  }

  get chainId(): string {
    return this.genesis.chainId;
  }

  height(): bigint {
    return (this.committed.height ??= stateHeight(this.reader));
  }

  /** The parameters in force for the next block (as governance last set them). */
  params(): ChainParameters {
    return (this.committed.params ??= currentParams(this.reader));
  }

  /** Header at a height (0 = the genesis header). */
  header(height: bigint): BlockHeader | undefined {
    if (height === 0n) return this.genesisHeader;
    const bytes = this.store.headerByHeight(height);
    return bytes ? signedHeaderCodec.decodeOrThrow(bytes).header : undefined;
  }

  headerHashAt(height: bigint): Hash | undefined {
    const header = this.header(height);
    return header ? headerHash(header) : undefined;
  }

  stateRoot(): Hash {
    return this.header(this.height())!.stateRoot;
  }

  block(height: bigint): Block | undefined {
    const bytes = this.store.blockByHeight(height);
    return bytes ? blockCodec.decodeOrThrow(bytes) : undefined;
  }

  certificate(height: bigint): CommitCertificate | undefined {
    const bytes = this.store.certificate(height);
    return bytes ? commitCertificateCodec.decodeOrThrow(bytes) : undefined;
  }

  /** The validator set that certified the block at `height` (from the round table of sets kept per round). */
  validatorsOfHeight(height: bigint): ValidatorSet | undefined {
    const round = height === 0n ? 0n : this.header(height)?.dposRound;
    if (round === undefined) return undefined;
    const bytes = this.store.roundSet(round);
    return bytes ? validatorSetCodec.decodeOrThrow(bytes) : undefined;
  }

  context(): HeightContext {
    const height = this.height() + 1n;
    const entry = roundEntryAtHeight(this.reader, height);
    if (!entry) throw new Error(`The state does not know the round of height ${height}.`);
    const seedHash = this.headerHashAt(seedHeightOfRound(this.reader, entry.round)!)!;
    const schedule = scheduleForRound(
      entry.validators.map((v) => v.address),
      seedHash,
      entry.blocksPerTurn,
    );
    const slot = Number(height - entry.startHeight);
    const scheduled = producerAt(schedule, slot);
    // Rotation on timeout goes along the schedule: the producers of the following slots, each once.
    const order: Address[] = [];
    for (let i = 0; order.length < entry.validators.length && i < schedule.length * 2; i++) {
      const candidate = producerAt(schedule, (slot + i) % schedule.length);
      if (!order.some((a) => equalBytes(a, candidate))) order.push(candidate);
    }
    const previousHeader = this.header(height - 1n)!;
    if (!this.store.roundSet(entry.round))
      this.store.putRoundSet(entry.round, validatorSetCodec.encode(entry.validators));
    return {
      height,
      dposRound: entry.round,
      validators: entry.validators,
      proposerOrder: order,
      scheduledProducer: scheduled,
      previousHeader,
      previousHash: headerHash(previousHeader),
      params: this.params(),
    };
  }

  /**
   * Runs the state transition on a draft and fills in the header a producer signs. Pooled transactions that no
   * longer apply (spent balance, used nonce, a rule the pool does not check) are left out one by one, so one bad
   * transaction never costs the others their place.
   */
  buildBlock(
    ctx: HeightContext,
    producer: Address,
    candidates: SignedTransaction[],
    timestamp: bigint,
    producerSecret: Uint8Array,
  ): Checked<BuiltBlock> {
    const { transactions, dropped } = this.applicable(ctx, candidates);
    const applied = applyBlock(
      this.reader,
      { height: ctx.height, dposRound: ctx.dposRound, producer, transactions },
      this.blockContext(ctx),
    );
    if (!applied.ok) return applied;
    const update = this.tree.update(this.stateRoot(), toSmtChanges(applied.changes));
    const lastCommit = ctx.height > 1n ? this.certificate(ctx.height - 1n) : undefined;
    const header: BlockHeader = {
      version: HEADER_VERSION,
      height: ctx.height,
      dposRound: ctx.dposRound,
      timestamp: timestamp > ctx.previousHeader.timestamp ? timestamp : ctx.previousHeader.timestamp + 1n,
      previousHash: ctx.previousHash,
      producer,
      stateRoot: update.root,
      transactionRoot: txRoot(applied.receipts.map((r) => r.id)), // one receipt per transaction, in order, with its id
      validatorSetHash: applied.validatorSetHash,
      nextValidatorSetHash: applied.nextValidatorSetHash,
      ...(lastCommit ? { lastCommit } : {}),
    };
    const signature = signDomain(
      SigningDomain.BLOCK_HEADER,
      this.chainId,
      blockHeaderCodec.encode(header),
      producerSecret,
    );
    const block: Block = { header: { header, signature }, transactions };
    return {
      ok: true,
      value: { block, hash: headerHash(header), applied, stateRoot: update.root, nodes: update.nodes, dropped },
    };
  }

  /** Splits pooled transactions into those that apply in order on the committed state and those that do not. */
  private applicable(ctx: HeightContext, candidates: SignedTransaction[]) {
    const view = StateView.over(this.reader);
    const txCtx = {
      chainId: this.chainId,
      height: ctx.height,
      verifier: this.verifier,
      params: ctx.params,
      addressPrefix: this.genesis.addressPrefix,
    };
    const transactions: SignedTransaction[] = [];
    const dropped: { tx: SignedTransaction; reason: string }[] = [];
    for (const tx of candidates) {
      const child = view.child();
      const result = applyTransaction(child, tx, txCtx);
      if (result.ok) {
        view.commit(child);
        transactions.push(tx);
      } else {
        dropped.push({ tx, reason: result.reason });
      }
    }
    return { transactions, dropped };
  }

  /**
   * Why `block` is not the block that `hash` names, or null when it is: the header hashes to `hash`, the
   * transactions are the ones its transactionRoot commits to, and the header signature (which the hash does not
   * cover) verifies. A copy that fails this says nothing about the named block, so nothing may be concluded or
   * cached about that block from it (an attacker can attach any body to an honest signed proposal).
   */
  blockMismatch(ctx: HeightContext, block: Block, hash: Uint8Array): string | null {
    const h = block.header.header;
    if (!equalBytes(headerHash(h), hash)) return 'the attached block does not hash to the signed block hash';
    if (!equalBytes(h.transactionRoot, txRoot(block.transactions.map(transactionId))))
      return "the attached transactions are not the ones the header's transactionRoot names";
    const producer = ctx.validators.find((v) => equalBytes(v.address, h.producer));
    // A producer outside the set is a fault of the named header itself: validation will find the block invalid.
    if (producer && !this.headerSignedBy(block, producer.consensusKey)) {
      return 'the attached header signature does not verify';
    }
    return null;
  }

  /**
   * Every rule a received block must pass before this node prevotes for it (or, when syncing, before it is
   * applied under a certificate): linkage, producer and signature, previous certificate, roots, and the
   * state transition itself.
   */
  validateBlock(
    ctx: HeightContext,
    block: Block,
    expectedProducer: Address | null,
    nowMs: bigint,
  ): Checked<ValidatedBlock> {
    const h = block.header.header;
    const fail = (reason: string): Checked<ValidatedBlock> => ({ ok: false, reason: `block ${h.height}: ${reason}` });
    if (h.version !== HEADER_VERSION) return fail(`unknown header version ${h.version}`);
    if (h.height !== ctx.height) return fail(`expected height ${ctx.height}`);
    if (!equalBytes(h.previousHash, ctx.previousHash)) return fail('does not extend this chain (previousHash differs)');
    if (h.dposRound !== ctx.dposRound) return fail(`names DPoS round ${h.dposRound}, expected ${ctx.dposRound}`);
    if (expectedProducer && !equalBytes(h.producer, expectedProducer))
      return fail('was produced by a producer whose turn it is not');
    const producer = ctx.validators.find((v) => equalBytes(v.address, h.producer));
    if (!producer) return fail('producer is not in the active set');
    if (!this.headerSignedBy(block, producer.consensusKey)) {
      return fail("the producer's signature does not verify");
    }
    if (h.timestamp <= ctx.previousHeader.timestamp) return fail('timestamp is not after the previous block');
    if (h.timestamp > nowMs + MAX_CLOCK_DRIFT_MS) return fail('timestamp is too far in the future');
    if (ctx.height > 1n) {
      const check = this.checkCertificate(h.lastCommit, ctx.height - 1n, ctx.previousHash);
      if (!check.ok) return fail(`lastCommit: ${check.reason}`);
    }
    // The receipts carry every transaction's id (one per transaction, in order), so the root is checked after the
    // transition rather than hashing each transaction again; a block failing both still reports the root first.
    const rootMismatch = 'transactionRoot does not match its transactions';
    const applied = applyBlock(this.reader, block, this.blockContext(ctx));
    if (!applied.ok)
      return fail(
        equalBytes(h.transactionRoot, txRoot(block.transactions.map(transactionId))) ? applied.reason : rootMismatch,
      );
    if (!equalBytes(h.transactionRoot, txRoot(applied.receipts.map((r) => r.id)))) return fail(rootMismatch);
    const update = this.tree.update(this.stateRoot(), toSmtChanges(applied.changes));
    if (!equalBytes(update.root, h.stateRoot)) return fail('stateRoot does not match the state after its transactions');
    return { ok: true, value: { block, hash: headerHash(h), applied, stateRoot: update.root, nodes: update.nodes } };
  }

  private headerSignedBy(block: Block, consensusKey: Uint8Array): boolean {
    const { header, signature } = block.header;
    return verifyDomain(
      SigningDomain.BLOCK_HEADER,
      this.chainId,
      blockHeaderCodec.encode(header),
      signature,
      consensusKey,
      this.verifier,
    );
  }

  /** A commit certificate for `blockHash` at `height`, signed by at least a quorum of that height's set. */
  checkCertificate(
    cert: CommitCertificate | undefined,
    height: bigint,
    blockHash: Hash,
  ): { ok: true } | { ok: false; reason: string } {
    if (!cert) return { ok: false, reason: 'missing' };
    if (cert.height !== height) return { ok: false, reason: `is for height ${cert.height}, expected ${height}` };
    if (!equalBytes(cert.blockHash, blockHash)) return { ok: false, reason: 'certifies a different block' };
    const set =
      this.validatorsOfHeight(height) ?? (height === this.height() + 1n ? this.context().validators : undefined);
    if (!set) return { ok: false, reason: `the validator set of height ${height} is unknown here` };
    const bySigner = new Map(cert.signatures.map((s) => [s.validatorIndex, s.signature]));
    return verifyCommitCertificate(
      {
        height: Number(height),
        round: cert.round,
        valueId: bytesToHex(cert.blockHash),
        signers: cert.signatures.map((s) => s.validatorIndex),
      },
      set.length,
      (index) => {
        const vote = voteCodec.encode({
          type: 'precommit',
          height,
          round: cert.round,
          blockHash: cert.blockHash,
          validator: set[index]!.consensusKey,
        });
        return verifyDomain(
          SigningDomain.PRECOMMIT,
          this.chainId,
          vote,
          bySigner.get(index)!,
          set[index]!.consensusKey,
          this.verifier,
        );
      },
    );
  }

  /** Writes a validated block with its certificate: state, Merkle nodes, indexes and history, atomically. */
  commit(validated: ValidatedBlock, certificate: CommitCertificate, history: HistoryEntry[]): void {
    const h = validated.block.header.header;
    const writes: StateChange[] = validated.applied.changes;
    this.committed = {};
    this.store.commitBlock({
      height: h.height,
      hash: validated.hash,
      dposRound: h.dposRound,
      headerBytes: signedHeaderCodec.encode(validated.block.header),
      blockBytes: blockCodec.encode(validated.block),
      certificateBytes: commitCertificateCodec.encode(certificate),
      stateWrites: writes,
      smtNodes: validated.nodes,
      transactionIds: validated.applied.receipts.map((r) => r.id),
      history,
    });
  }

  /** The next nonce of an account in the committed state. */
  accountNonce(address: Address): bigint {
    return StateView.over(this.reader).account(address).nonce;
  }

  private blockContext(ctx: HeightContext) {
    return {
      chainId: this.chainId,
      verifier: this.verifier,
      scheduledProducer: ctx.scheduledProducer,
      addressPrefix: this.genesis.addressPrefix,
    };
  }
}
