/**
 * The verified chain: the light-client state, advanced only by the rules of shared/core/light,
 * and written to the store as it moves. To reach a newer header it skips straight to it when the
 * header names the set the light node follows (and that set is still bonded); otherwise it walks
 * the hand-offs from the round it knows, skipping over the rounds that re-elected the same set and
 * following, in order, every hand-off that changed it.
 *
 * A header cannot show by itself that it is its round's last, so each followed hand-off is
 * confirmed by the header after it: that one must open the next round, build on the hand-off
 * header and be certified by the set it announced. Without this, a server could pass off a
 * mid-round header as a hand-off and make honest endpoints' next-round headers look wrong.
 *
 * Rounds skipped over are learned later, only when something asks about them (a view of an old
 * round, a proof at an old height): learnHandOff walks forward to them from the nearest round the
 * light node knows, by the same rules, without changing what it trusts.
 */
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import {
  acceptHandOff,
  acceptHeader,
  acceptSkip,
  followedSet,
  maySkipTo,
  showHash,
  verifyStillBonded,
  type CertifiedHeader,
  type HandOff,
  type LightClientState,
  type UnbondingParameters,
} from '../../../shared/core/light/index.ts';
import { headerHash, type CommitCertificate } from '../../../shared/core/types/index.ts';
import { certifiedHeader, handOffs } from './answers.ts';
import type { Clock, SyncPhase } from './config.ts';
import type { Endpoint } from './endpoints.ts';
import { LightNodeError, VerificationError } from './errors.ts';
import type { RoundSets } from './rounds.ts';
import type { LightStore, RoundLesson, StoredHeader } from './store.ts';

/** Followed headers kept below the trusted one (hand-off, skip and root headers are always kept). */
const KEEP_RECENT = 256n;
const HAND_OFFS_PER_REQUEST = 100;

export type Progress = (phase: SyncPhase, targetHeight: bigint) => void;

/** Where each verified step goes: into trust (the main chain) or only into what is known of rounds (learning). */
type Record = (
  endpoint: Endpoint,
  state: LightClientState,
  certificate: CommitCertificate,
  lesson?: RoundLesson,
) => void;

const followRound = (state: LightClientState): bigint => followedSet(state.trusted).round;

/** The hand-off announces the set its own round had: the set did not change there. */
const reElects = (handOff: HandOff): boolean =>
  equalBytes(handOff.header.nextValidatorSetHash, handOff.header.validatorSetHash);

export class VerifiedChain {
  private commits = 0;

  constructor(
    private state: LightClientState,
    private readonly store: LightStore,
    readonly sets: RoundSets,
    private readonly verifier: SignatureVerifier,
    private readonly seen: (endpoint: Endpoint, height: bigint) => void,
    private readonly bonding: { readonly params: UnbondingParameters; readonly clock: Clock },
  ) {}

  get chainId(): string {
    return this.state.chainId;
  }

  get trusted(): LightClientState['trusted'] {
    return this.state.trusted;
  }

  /** The trusted header as stored (with its hash). */
  head(): StoredHeader {
    const stored = this.store.header(this.trusted.header.height);
    if (!stored)
      throw new LightNodeError(`The trusted header ${this.trusted.header.height} is missing from the data file`);
    return stored;
  }

  /** The round whose set certifies the next headers: the trusted round, or the next once its hand-off was followed. */
  followRound(): bigint {
    return followRound(this.state);
  }

  /** Trusts the endpoint's header at `height` (if newer): skipping to it, or walking the hand-offs to its round. */
  async advance(endpoint: Endpoint, height: bigint, progress?: Progress): Promise<void> {
    if (height <= this.trusted.header.height) return;
    const target = certifiedHeader(
      await endpoint.connection.call('chain.header', { height: height.toString() }),
      height,
    );
    const record: Record = (at, state, certificate, lesson) => this.commit(at, state, certificate, lesson);
    const round = target.header.dposRound;
    if (round > this.followRound() && !maySkipTo(this.state, target.header, this.skipOptions())) {
      this.state = await this.walk(
        endpoint,
        this.state,
        round - 1n,
        record,
        () => progress?.('handOffs', height),
        target,
      );
    }
    if (target.header.height > this.trusted.header.height) {
      progress?.('head', height);
      const skips = round > this.followRound();
      const accepted = skips
        ? acceptSkip(this.state, target, this.skipOptions())
        : acceptHeader(this.state, target, { verifier: this.verifier });
      if (!accepted.ok) throw VerificationError.failed('chain.header', accepted.reason);
      this.commit(
        endpoint,
        accepted.state,
        target.certificate,
        skips ? { skip: { round, height, validatorSet: accepted.state.trusted.validatorSet } } : undefined,
      );
    } else if (!equalBytes(headerHash(target.header), headerHash(this.trusted.header))) {
      throw VerificationError.failed(
        'chain.header',
        `its header ${height} is not the verified header at that height (${showHash(headerHash(this.trusted.header))})`,
      );
    }
    progress?.('synced', height);
  }

  /**
   * Makes the hand-off at the end of `round` known (a round before the trusted one that was
   * skipped over), walking forward from the newest round known before it. Trust is unchanged.
   */
  async learnHandOff(endpoint: Endpoint, round: bigint): Promise<void> {
    if (this.sets.handOff(round) || round >= this.trusted.header.dposRound) return;
    const anchor = this.sets.anchorBefore(round);
    if (!anchor)
      throw new LightNodeError(
        `Round ${round} comes before round ${this.sets.root.round}, where this light node's trust starts`,
      );
    const stored = this.store.header(anchor.height);
    if (!stored) throw new LightNodeError(`The verified header ${anchor.height} is missing from the data file`);
    const start: LightClientState = { chainId: this.chainId, trusted: { header: stored.header, ...anchor.trusted } };
    const record: Record = (at, state, certificate, lesson) => {
      this.store.learn({ header: state.trusted.header, certificate, source: at.url, ...lesson });
      this.sets.add(lesson ?? {});
      this.seen(at, state.trusted.header.height);
    };
    await this.walk(endpoint, start, round, record);
  }

  /** The verified header at `height`: stored, or fetched and checked by its certificate and round's set. */
  async headerAt(endpoint: Endpoint, height: bigint): Promise<StoredHeader> {
    const stored = this.store.header(height);
    if (stored) return stored;
    if (height > this.trusted.header.height)
      throw new LightNodeError(
        `Block ${height} is newer than the verified chain (block ${this.trusted.header.height})`,
      );
    if (height < this.sets.root.height) {
      throw new LightNodeError(
        `Block ${height} is older than the block this light node started trusting (block ${this.sets.root.height}), so it cannot be verified`,
      );
    }
    const certified = certifiedHeader(
      await endpoint.connection.call('chain.header', { height: height.toString() }),
      height,
    );
    const round = certified.header.dposRound;
    if (!this.sets.setOf(round) && round > this.sets.root.round && round <= this.trusted.header.dposRound)
      await this.learnHandOff(endpoint, round - 1n);
    const verdict = this.sets.verifyPast(certified, this.chainId, this.verifier);
    if (!verdict.ok) throw VerificationError.failed('chain.header', verdict.reason);
    this.store.keepHeader(certified.header, certified.certificate, endpoint.url);
    this.seen(endpoint, height);
    return {
      header: certified.header,
      hash: headerHash(certified.header),
      certificate: certified.certificate,
      source: endpoint.url,
    };
  }

  private skipOptions() {
    return { params: this.bonding.params, nowMs: this.bonding.clock.now(), verifier: this.verifier };
  }

  /**
   * From `state` until the hand-off at the end of `lastRound` is followed. While the trusted set is
   * still bonded, rounds that re-elected it are skipped (the hand-off list only says where to go;
   * every step taken is a certified header checked by the rules); every change is followed.
   */
  private async walk(
    endpoint: Endpoint,
    state: LightClientState,
    lastRound: bigint,
    record: Record,
    progress?: () => void,
    target?: CertifiedHeader,
  ): Promise<LightClientState> {
    let current = state;
    const direct = await this.skipToHandOff(endpoint, current, lastRound, record, target);
    if (direct) return direct;
    while (followRound(current) <= lastRound) {
      const from = followRound(current);
      progress?.();
      const answer = await endpoint.connection.call('chain.handOffs', {
        fromRound: from.toString(),
        limit: HAND_OFFS_PER_REQUEST,
      });
      const needed = handOffs(answer).filter((h) => h.header.dposRound <= lastRound);
      if (needed.length === 0) {
        const wanted = target
          ? `it serves header ${target.header.height} of round ${target.header.dposRound}, but`
          : 'it does not serve';
        throw VerificationError.failed(
          'chain.handOffs',
          `${wanted} not the hand-off at the end of round ${from}, which comes first`,
        );
      }
      let passed: HandOff | undefined; // a re-election not followed yet: skipped over if a later hand-off is taken
      for (const handOff of needed) {
        if (handOff.header.dposRound !== lastRound && reElects(handOff) && this.bonded(current)) {
          passed = handOff;
          continue;
        }
        current = await this.step(endpoint, current, handOff, record, target);
        passed = undefined;
      }
      if (passed) current = await this.step(endpoint, current, passed, record, target);
    }
    return current;
  }

  /** The common case of learning a far round: its hand-off names the set known before it, so skip to it and follow it. */
  private async skipToHandOff(
    endpoint: Endpoint,
    state: LightClientState,
    round: bigint,
    record: Record,
    target?: CertifiedHeader,
  ): Promise<LightClientState | undefined> {
    if (round <= followRound(state) || !this.bonded(state)) return undefined;
    const [handOff] = handOffs(
      await endpoint.connection.call('chain.handOffs', { fromRound: round.toString(), limit: 1 }),
    );
    if (!handOff || handOff.header.dposRound !== round || !maySkipTo(state, handOff.header, this.skipOptions()))
      return undefined;
    return this.step(endpoint, state, handOff, record, target);
  }

  /** Follows `handOff`, skipping first to its header when it is in a later round than the one followed (and the set is bonded). */
  private async step(
    endpoint: Endpoint,
    state: LightClientState,
    handOff: HandOff,
    record: Record,
    target?: CertifiedHeader,
  ): Promise<LightClientState> {
    const skips = handOff.header.dposRound > followRound(state) && this.bonded(state); // else acceptHandOff says which hand-off is missing
    const from = skips ? this.skip(endpoint, state, handOff, record) : state;
    return this.follow(endpoint, from, handOff, record, target);
  }

  private bonded(state: LightClientState): boolean {
    return verifyStillBonded(state.trusted.header, this.bonding.params, this.bonding.clock.now()).ok;
  }

  private skip(endpoint: Endpoint, state: LightClientState, to: CertifiedHeader, record: Record): LightClientState {
    const accepted = acceptSkip(state, to, this.skipOptions());
    if (!accepted.ok) throw VerificationError.failed('chain.handOffs', accepted.reason);
    const { header, validatorSet } = accepted.state.trusted;
    record(endpoint, accepted.state, to.certificate, {
      skip: { round: header.dposRound, height: header.height, validatorSet },
    });
    return accepted.state;
  }

  /** Follows one hand-off and confirms it by the header after it (the first of the next round). */
  private async follow(
    endpoint: Endpoint,
    state: LightClientState,
    handOff: HandOff,
    record: Record,
    target?: CertifiedHeader,
  ): Promise<LightClientState> {
    const { header } = handOff;
    const accepted = acceptHandOff(state, handOff, { verifier: this.verifier });
    if (!accepted.ok) throw VerificationError.failed('chain.handOffs', accepted.reason);
    const nextHeight = header.height + 1n;
    const next =
      target?.header.height === nextHeight
        ? target
        : certifiedHeader(
            await endpoint.connection.call('chain.header', { height: nextHeight.toString() }),
            nextHeight,
          );
    if (next.header.dposRound !== header.dposRound + 1n) {
      throw VerificationError.failed(
        'chain.handOffs',
        `it offered header ${header.height} (${showHash(headerHash(header))}) as the last of round ${header.dposRound}, but header ${nextHeight} is still in round ${next.header.dposRound}`,
      );
    }
    const confirmed = acceptHeader(accepted.state, next, { verifier: this.verifier });
    if (!confirmed.ok) throw VerificationError.failed('chain.header', confirmed.reason);
    record(endpoint, accepted.state, handOff.certificate, {
      handOff: { round: header.dposRound, height: header.height, nextValidatorSet: handOff.nextValidatorSet },
    });
    record(endpoint, confirmed.state, next.certificate);
    return confirmed.state;
  }

  private commit(
    endpoint: Endpoint,
    state: LightClientState,
    certificate: CommitCertificate,
    lesson?: RoundLesson,
  ): void {
    this.store.accept({ trusted: state.trusted, certificate, source: endpoint.url, ...lesson });
    if (lesson) this.sets.add(lesson);
    this.state = state;
    this.seen(endpoint, state.trusted.header.height);
    if (++this.commits % 64 === 0 && state.trusted.header.height > KEEP_RECENT)
      this.store.prune(state.trusted.header.height - KEEP_RECENT);
  }
}
