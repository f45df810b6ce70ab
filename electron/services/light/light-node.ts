/**
 * The desktop's light node: verifies headers, certificates and hand-offs from the configured RPC
 * endpoints, keeps what it verified in its data file, follows the head, and answers reads only
 * with proofs checked against verified headers (DESIGN §3 "Light client", §5).
 */
import { parseAddress, type SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { equalBytes, type Codec } from '../../../shared/core/encoding/index.ts';
import { showHash } from '../../../shared/core/light/index.ts';
import { accountKey, candidateKey } from '../../../shared/core/state/keys.ts';
import {
  accountCodec,
  candidateCodec,
  headerHash,
  type Account,
  type BlockHeader,
  type Candidate,
  type ValidatorSet,
} from '../../../shared/core/types/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import { chainInfo } from './answers.ts';
import { VerifiedChain } from './chain.ts';
import type { Clock, Disagreement, LightNodeConfig, LightNodeEvents, LightNodeStatus } from './config.ts';
import { CrossChecker } from './crosscheck.ts';
import { EndpointPool, type Endpoint } from './endpoints.ts';
import { LightNodeError, sentence, VerificationError } from './errors.ts';
import { TypedEmitter } from './events.ts';
import { HeadFollower } from './follow.ts';
import {
  readListing,
  readState,
  readStateAt,
  readTransactionStatus,
  type ListingMethod,
  type ListingQuery,
  type ReadContext,
  type StateQuery,
  type TransactionStatus,
  type Verified,
  ProvenCache,
} from './reads.ts';
import { RoundSets } from './rounds.ts';
import { Serial } from './serial.ts';
import { LightStore } from './store.ts';
import { establishTrust, networkOf, type Network } from './trust.ts';
import { quoted, toHex } from './wire.ts';
import type { RpcMethodName, RpcParams, RpcResult } from '../../../shared/contract/rpc.ts';

const systemClock: Clock = { now: () => Date.now() };

const DEFAULT_TIMING = {
  requestTimeoutMs: 10_000,
  stallMs: 10_000,
  crossCheckMs: 5_000,
  retryMs: 5_000,
  surveyMs: 3_000,
};

/** An endpoint announcing a head more than this many blocks below the verified one is behind (one block may be in flight). */
export const BEHIND_MARGIN_BLOCKS = 2n;

export class LightNode extends TypedEmitter<LightNodeEvents> {
  private readonly lock = new Serial();
  private readonly pool: EndpointPool;
  private readonly chain: VerifiedChain;
  private readonly follower: HeadFollower;
  private readonly crossChecker: CrossChecker;
  private readonly reads: ReadContext;
  private readonly timing: typeof DEFAULT_TIMING & { requestsPerSecond?: number };
  private readonly tasks = new Set<Promise<unknown>>();
  private started = false;
  private closed = false;
  private synced = false;
  private catchingUp = false;
  private problem: string | undefined;
  private disagreement: Disagreement | undefined;
  /** Set when two certified blocks conflict: nothing is shown as verified after that. */
  private safetyFailure: string | undefined;
  private wantedHeight = 0n;
  private followQueued = false;
  private surveyTimer: NodeJS.Timeout | undefined;
  private surveying = false;
  private announcedHeight: bigint;
  /** The newest height an endpoint said it has (unverified): for "finality lags the head by N". */
  private endpointHeight = 0n;

  private constructor(
    config: LightNodeConfig,
    private readonly network: Network,
    private readonly store: LightStore,
    private readonly clock: Clock,
    private readonly verifier: SignatureVerifier,
  ) {
    super();
    this.timing = { ...DEFAULT_TIMING, ...config.timing };
    const state = establishTrust(store, config, network, clock.now());
    this.pool = new EndpointPool(config.endpoints, store, clock, this.timing, {
      vet: (endpoint) => this.vet(endpoint),
      untrusted: (url, reason) => this.emit('endpointUntrusted', { url, reason }),
      activeChanged: () => void this.track(this.follower.ensureSubscribed()),
    });
    const root = store.network()!.root; // written by establishTrust
    const seen = (endpoint: Endpoint, height: bigint) => this.pool.seen(endpoint, height);
    this.chain = new VerifiedChain(state, store, new RoundSets(root, store.handOffs(), store.skips()), verifier, seen, {
      params: network.params,
      clock,
    });
    this.announcedHeight = state.trusted.header.height;
    this.crossChecker = new CrossChecker({
      pool: this.pool,
      chain: this.chain,
      verifier,
      clock,
      intervalMs: this.timing.crossCheckMs,
      report: (disagreement) => this.reportDisagreement(disagreement),
      track: (task) => void this.track(task),
    });
    this.follower = new HeadFollower(
      {
        active: () => this.pool.active(),
        head: (endpoint, height) => this.onHead(endpoint, height),
        stalled: () => this.catchUp(),
      },
      clock,
      this.timing.stallMs,
    );
    this.reads = {
      pool: this.pool,
      head: () => this.chain.head(),
      headerAt: (endpoint, height) => this.headerAt(endpoint, height),
      seen,
      proven: new ProvenCache(),
    };
  }

  /** Opens the data file and establishes trust (stored, genesis or checkpoint); no network yet. */
  static open(config: LightNodeConfig): LightNode {
    const store = LightStore.open(config.dataFile);
    try {
      return new LightNode(
        config,
        networkOf(config.startFrom),
        store,
        config.clock ?? systemClock,
        config.verifier ?? opensslVerifier,
      );
    } catch (error) {
      store.close();
      throw error;
    }
  }

  /** Opens and starts: syncing and following run in the background (see status() and the events). */
  static start(config: LightNodeConfig): LightNode {
    const node = LightNode.open(config);
    node.start();
    return node;
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.follower.start();
    void this.track(this.catchUp().then(() => this.follower.ensureSubscribed()));
    this.surveyTimer = setInterval(() => void this.track(this.survey()), this.timing.surveyMs);
    this.surveyTimer.unref();
  }

  status(): LightNodeStatus {
    const head = this.chain.trusted.header;
    const noneTrusted = this.pool.active()
      ? undefined
      : 'None of the configured endpoints is trusted; add an endpoint or trust one again.';
    const problem = this.safetyFailure ?? noneTrusted ?? this.problem;
    return {
      chainId: this.network.chainId,
      verifiedHeight: head.height,
      verifiedHash: toHex(headerHash(head)),
      verifiedRound: head.dposRound,
      verifiedTime: head.timestamp,
      syncing: !this.synced || this.catchingUp,
      endpoints: this.pool.status(),
      activeEndpoint: this.pool.active()?.url ?? null,
      ...(this.disagreement ? { disagreement: this.disagreement } : {}),
      ...(problem ? { problem } : {}),
    };
  }

  /** Catches up with the active endpoint's newest final block now. */
  async syncNow(): Promise<void> {
    this.usable();
    await this.catchUp();
    if (this.problem && !this.synced) throw new LightNodeError(this.problem);
  }

  async account(address: string): Promise<Verified<Account>> {
    const bytes = this.address(address);
    return this.read({
      method: 'state.account',
      params: { address },
      key: accountKey(bytes),
      codec: accountCodec,
      what: `the account ${address}`,
    });
  }

  async candidate(address: string): Promise<Verified<Candidate>> {
    const bytes = this.address(address);
    return this.read({
      method: 'state.candidate',
      params: { address },
      key: candidateKey(bytes),
      codec: candidateCodec,
      what: `the candidate ${address}`,
    });
  }

  /** Any state record by its 32-byte key (shared/core/state/keys.ts) and the codec of its value. */
  async record<T>(key: Uint8Array, codec: Codec<T>): Promise<Verified<T>> {
    return this.read({
      method: 'state.record',
      params: { key: toHex(key) },
      key,
      codec,
      what: `the state record ${showHash(key)}`,
    });
  }

  async transactionStatus(id: string): Promise<TransactionStatus> {
    this.usable();
    if (!/^[0-9a-fA-F]{64}$/.test(id))
      throw new LightNodeError(`"${id}" is not a transaction id (64 hexadecimal digits)`);
    return readTransactionStatus(this.reads, Uint8Array.from(Buffer.from(id, 'hex')));
  }

  /**
   * An RPC call whose answer is NOT verified, only checked to be in the contract's form: for submitting
   * transactions and for listings (which candidates exist, history pages) whose entries the caller then proves one
   * by one. Runs on the active trusted endpoint, then the others; a refused transaction (RefusedError) is not
   * tried on the others.
   */
  async ask<M extends RpcMethodName>(what: string, method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    this.usable();
    return this.pool.use(what, (endpoint) => endpoint.connection.call(method, params));
  }

  /** The newest verified header (height, hash, round, time), for nonce/expiry choices and "verified at". */
  verifiedHead(): { height: bigint; hash: string; round: bigint; timestamp: bigint } {
    const header = this.chain.trusted.header;
    return {
      height: header.height,
      hash: toHex(headerHash(header)),
      round: header.dposRound,
      timestamp: header.timestamp,
    };
  }

  /**
   * Any state record proven against the verified header at `height` (at or below the verified head,
   * not below the trust root): for views of earlier rounds.
   */
  async recordAt<T>(key: Uint8Array, codec: Codec<T>, height: bigint): Promise<Verified<T>> {
    this.usable();
    return readStateAt(
      this.reads,
      { method: 'state.record', params: { key: toHex(key) }, key, codec, what: `the state record ${showHash(key)}` },
      height,
    );
  }

  /** An endpoint's listing of an indexed set, refused unless it matches the proven index record (see readListing). */
  async listing<T, M extends ListingMethod>(
    query: ListingQuery<T, M>,
  ): Promise<{ answer: RpcResult<M>; index: Verified<T> }> {
    this.usable();
    return readListing(this.reads, query);
  }

  /** The verified header at `height` (stored, or fetched and checked by its certificate and its round's set). */
  async header(height: bigint): Promise<{ header: BlockHeader; hash: string }> {
    this.usable();
    const stored = await this.pool.use(`verify block ${height}`, (endpoint) => this.headerAt(endpoint, height));
    return { header: stored.header, hash: toHex(stored.hash) };
  }

  /**
   * The hand-off that ended `round` (its last height and the set it announced): followed already,
   * or learned now when the light node skipped over that round (undefined for a round not ended).
   */
  async handOff(round: bigint): Promise<{ height: bigint; nextValidatorSet: ValidatorSet } | undefined> {
    this.usable();
    if (round >= this.chain.trusted.header.dposRound) return this.known(round);
    if (!this.chain.sets.handOff(round) && round >= this.chain.sets.root.round) {
      await this.pool.use(`verify the end of round ${round}`, (endpoint) => this.chain.learnHandOff(endpoint, round));
    }
    return this.known(round);
  }

  /** The validator set of `round`, as verified through hand-offs or a skip (learned now if skipped over; undefined if unknown). */
  async setOfRound(round: bigint): Promise<ValidatorSet | undefined> {
    this.usable();
    const known = this.chain.sets.setOf(round);
    if (known || round <= this.chain.sets.root.round || round > this.chain.trusted.header.dposRound) return known;
    await this.handOff(round - 1n);
    return this.chain.sets.setOf(round);
  }

  private known(round: bigint): { height: bigint; nextValidatorSet: ValidatorSet } | undefined {
    const handOff = this.chain.sets.handOff(round);
    return handOff ? { height: handOff.height, nextValidatorSet: handOff.nextValidatorSet } : undefined;
  }

  /** Where this light node's trust starts: nothing below it can be verified. */
  trustRoot(): { height: bigint; round: bigint; isGenesis: boolean } {
    const { height, round, isGenesis } = this.chain.sets.root;
    return { height, round, isGenesis };
  }

  /** The newest height an endpoint announced (unverified; at least the verified height). */
  announcedHead(): bigint {
    const verified = this.chain.trusted.header.height;
    return this.endpointHeight > verified ? this.endpointHeight : verified;
  }

  /** The user chose to trust an endpoint again after reading why it was not. */
  trustEndpointAgain(url: string): void {
    this.pool.trustAgain(url);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.surveyTimer);
    await this.follower.stop();
    await this.pool.close(); // waiting calls fail at once, so the tasks below end quickly
    await Promise.allSettled([...this.tasks]);
    await this.lock.idle();
    this.store.close();
    this.removeAllListeners();
  }

  private usable(): void {
    if (this.closed) throw new LightNodeError('The light node has been closed');
    if (this.safetyFailure) throw new LightNodeError(this.safetyFailure, 'unverified', { caughtLie: true });
  }

  private address(text: string): Uint8Array {
    const parsed = parseAddress(this.network.addressPrefix, text);
    if (!parsed.ok) throw new LightNodeError(`"${text}" is not an address on this network. ${parsed.reason}`);
    return parsed.value;
  }

  private read<T>(query: StateQuery<T>): Promise<Verified<T>> {
    this.usable();
    return readState(this.reads, query);
  }

  /** An endpoint is used only once it is shown to serve this network. */
  private async vet(endpoint: Endpoint): Promise<void> {
    const info = chainInfo(await endpoint.connection.call('chain.info', {}));
    const expected = this.network.genesisDocHash;
    if (info.chainId !== this.network.chainId || (expected && !equalBytes(info.genesisDocHash, expected))) {
      const wanted = expected ? ` (genesis ${showHash(expected)})` : '';
      throw new VerificationError(
        `It serves the network ${quoted(info.chainId)} (genesis ${showHash(info.genesisDocHash)}), not "${this.network.chainId}"${wanted}`,
      );
    }
  }

  private catchUp(): Promise<void> {
    return this.lock.run(async () => {
      if (this.closed || this.safetyFailure) return;
      this.pool.refreshActive(); // an endpoint set aside earlier may be due for another try
      this.catchingUp = true;
      try {
        await this.pool.use('follow the chain', async (endpoint) => {
          const info = chainInfo(await endpoint.connection.call('chain.info', {}));
          this.announced(endpoint, info.height);
          await this.chain.advance(endpoint, info.height, (phase, targetHeight) =>
            this.emit('progress', { verifiedHeight: this.chain.trusted.header.height, targetHeight, phase }),
          );
        });
        this.synced = true;
        this.problem = undefined;
      } catch (error) {
        this.problem = this.describe(error);
      } finally {
        this.catchingUp = false;
      }
      this.afterAdvance();
    });
  }

  /** A head notification: verify up to it, coalescing notifications that come while busy. */
  private onHead(endpoint: Endpoint, height: bigint): void {
    if (this.closed || this.safetyFailure) return;
    this.announced(endpoint, height);
    if (height > this.wantedHeight) this.wantedHeight = height;
    if (this.followQueued) return;
    this.followQueued = true;
    void this.track(
      this.lock.run(async () => {
        this.followQueued = false;
        const target = this.wantedHeight;
        this.wantedHeight = 0n; // a bogus announced height fails once, and does not block later heads
        if (this.closed || target <= this.chain.trusted.header.height) return;
        try {
          await this.pool.use('follow the chain', (endpoint) => this.chain.advance(endpoint, target));
          this.problem = undefined;
        } catch (error) {
          this.problem = this.describe(error);
        }
        this.afterAdvance();
      }),
    );
  }

  private announced(endpoint: Endpoint, height: bigint): void {
    if (height > endpoint.announcedHeight) endpoint.announcedHeight = height;
    if (height > this.endpointHeight) this.endpointHeight = height;
  }

  /**
   * Withholding: an endpoint can stop announcing new heads without lying about any. Every trusted
   * endpoint is asked for its newest height; the highest is verified through the endpoint that
   * announced it, so the light node follows whichever is ahead. One that keeps announcing a head
   * more than BEHIND_MARGIN_BLOCKS below the certified one is marked behind and preferred last,
   * until it catches up. Where a node says what its own peers reported (chain.info's peersHeight),
   * an endpoint more than BEHIND_MARGIN_BLOCKS below its own peers is behind by its own word too,
   * which a lone endpoint can show where no second endpoint exists to compare with.
   */
  private async survey(): Promise<void> {
    if (this.closed || this.safetyFailure || this.surveying) return;
    this.surveying = true;
    try {
      const trusted = this.pool.endpoints.filter((e) => e.trusted);
      const answers = await Promise.all(
        trusted.map(async (endpoint) => {
          const outcome = await this.pool.attempt(endpoint, async (e) =>
            chainInfo(await e.connection.call('chain.info', {})),
          );
          if (!outcome.ok) return undefined;
          endpoint.peersHeight = outcome.value.peersHeight;
          return { endpoint, height: outcome.value.height };
        }),
      );
      const heard = answers.filter((a): a is { endpoint: Endpoint; height: bigint } => a !== undefined);
      if (this.closed) return;
      // An endpoint's announced height is its newest, not a high-water mark: a frozen one is seen as frozen.
      for (const { endpoint, height } of heard) endpoint.announcedHeight = height;
      // Its peers' heights are the endpoint's word too: the newest head announced includes them.
      for (const { endpoint } of heard)
        if (endpoint.peersHeight !== undefined && endpoint.peersHeight > this.endpointHeight)
          this.endpointHeight = endpoint.peersHeight;
      const best = heard.reduce<(typeof heard)[number] | undefined>(
        (top, a) => (top && top.height >= a.height ? top : a),
        undefined,
      );
      if (best && best.height > this.chain.trusted.header.height) {
        if (best.height > this.endpointHeight) this.endpointHeight = best.height;
        await this.lock.run(async () => {
          if (!this.closed && best.endpoint.trusted)
            await this.pool.attempt(best.endpoint, (e) => this.chain.advance(e, best.height));
        });
        this.afterAdvance();
      }
      const verified = this.chain.trusted.header.height;
      let changed = false;
      for (const endpoint of trusted) {
        // One that does not answer is unreachable (its problem says so), not behind.
        const height = heard.find((a) => a.endpoint === endpoint)?.height;
        // Behind another endpoint's certified head, or by its own word: its peers report heights well above it.
        const peers = endpoint.peersHeight ?? 0n;
        const behind = height !== undefined && height + BEHIND_MARGIN_BLOCKS < (peers > verified ? peers : verified);
        changed ||= behind !== endpoint.behind;
        endpoint.behind = behind;
      }
      if (changed) this.pool.refreshActive();
    } finally {
      this.surveying = false;
    }
  }

  private async headerAt(endpoint: Endpoint, height: bigint) {
    if (height > this.chain.trusted.header.height) {
      await this.lock.run(() => this.chain.advance(endpoint, height));
      this.afterAdvance();
    }
    return this.chain.headerAt(endpoint, height);
  }

  private afterAdvance(): void {
    if (this.closed) return;
    const head = this.chain.trusted.header;
    if (head.height !== this.announcedHeight) {
      this.announcedHeight = head.height;
      this.emit('head', { height: head.height, hash: toHex(headerHash(head)), round: head.dposRound });
    }
    this.crossChecker.maybeRun();
  }

  private reportDisagreement(disagreement: Disagreement): void {
    // A certified conflict outranks any earlier, uncertified one.
    if (!this.disagreement?.certified) this.disagreement = disagreement;
    if (disagreement.certified) this.safetyFailure = disagreement.message;
    this.emit('disagreement', disagreement);
  }

  private describe(error: unknown): string {
    if (error instanceof LightNodeError || error instanceof VerificationError) return error.message;
    return sentence(`Unexpected error in the light node: ${(error as Error)?.message ?? String(error)}`);
  }

  private track<T>(task: Promise<T>): Promise<T | undefined> {
    const tracked = task.catch(() => undefined);
    this.tasks.add(tracked);
    void tracked.finally(() => this.tasks.delete(tracked));
    return tracked;
  }
}
