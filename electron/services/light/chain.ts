/**
 * The verified chain: the light-client state, advanced only by the rules of shared/core/light,
 * and written to the store as it moves. To reach a newer header it follows every hand-off from the
 * round it knows (never skipping one), then jumps to the header within its round.
 *
 * A header cannot show by itself that it is its round's last, so each hand-off is confirmed by
 * the header after it: that one must open the next round, build on the hand-off header and be
 * certified by the set it announced. Without this, a server could pass off a mid-round header as a
 * hand-off and make honest endpoints' next-round headers look wrong.
 */
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import { acceptHandOff, acceptHeader, showHash, type CertifiedHeader, type HandOff, type LightClientState } from '../../../shared/core/light/index.ts';
import { headerHash, type CommitCertificate } from '../../../shared/core/types/index.ts';
import { certifiedHeader, handOffs } from './answers.ts';
import type { SyncPhase } from './config.ts';
import type { Endpoint } from './endpoints.ts';
import { LightNodeError, VerificationError } from './errors.ts';
import type { RoundSets } from './rounds.ts';
import type { LightStore, StoredHandOff, StoredHeader } from './store.ts';

/** Followed headers kept below the trusted one (hand-off headers and the root are always kept). */
const KEEP_RECENT = 256n;
const HAND_OFFS_PER_REQUEST = 100;

export type Progress = (phase: SyncPhase, targetHeight: bigint) => void;

export class VerifiedChain {
  private commits = 0;

  constructor(
    private state: LightClientState,
    private readonly store: LightStore,
    readonly sets: RoundSets,
    private readonly verifier: SignatureVerifier,
    private readonly seen: (endpoint: Endpoint, height: bigint) => void,
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
    if (!stored) throw new LightNodeError(`The trusted header ${this.trusted.header.height} is missing from the data file`);
    return stored;
  }

  /** The round whose set certifies the next headers: the trusted round, or the next once its hand-off was followed. */
  followRound(): bigint {
    const { header, nextValidatorSet } = this.trusted;
    return nextValidatorSet ? header.dposRound + 1n : header.dposRound;
  }

  /** Trusts the endpoint's header at `height` (if newer), following hand-offs to reach its round. */
  async advance(endpoint: Endpoint, height: bigint, progress?: Progress): Promise<void> {
    if (height <= this.trusted.header.height) return;
    const target = certifiedHeader(await endpoint.connection.call('chain.header', { height: height.toString() }), height);
    while (target.header.dposRound > this.followRound()) {
      const from = this.followRound();
      progress?.('handOffs', height);
      const answer = await endpoint.connection.call('chain.handOffs', { fromRound: from.toString(), limit: HAND_OFFS_PER_REQUEST });
      const needed = handOffs(answer).filter((h) => h.header.dposRound < target.header.dposRound);
      if (needed.length === 0) {
        throw VerificationError.failed('chain.handOffs', `it serves header ${height} of round ${target.header.dposRound}, but not the hand-off at the end of round ${from}, which comes first`);
      }
      for (const handOff of needed) {
        await this.followHandOff(endpoint, handOff, target);
        progress?.('handOffs', height);
      }
    }
    if (target.header.height > this.trusted.header.height) {
      progress?.('head', height);
      const accepted = acceptHeader(this.state, target, { verifier: this.verifier });
      if (!accepted.ok) throw VerificationError.failed('chain.header', accepted.reason);
      this.commit(endpoint, accepted.state, target.certificate);
    } else if (!equalBytes(headerHash(target.header), headerHash(this.trusted.header))) {
      throw VerificationError.failed('chain.header', `its header ${height} is not the verified header at that height (${showHash(headerHash(this.trusted.header))})`);
    }
    progress?.('synced', height);
  }

  /** The verified header at `height`: stored, or fetched and checked by its certificate and round's set. */
  async headerAt(endpoint: Endpoint, height: bigint): Promise<StoredHeader> {
    const stored = this.store.header(height);
    if (stored) return stored;
    if (height > this.trusted.header.height) throw new LightNodeError(`Block ${height} is newer than the verified chain (block ${this.trusted.header.height})`);
    if (height < this.sets.root.height) {
      throw new LightNodeError(`Block ${height} is older than the block this light node started trusting (block ${this.sets.root.height}), so it cannot be verified`);
    }
    const certified = certifiedHeader(await endpoint.connection.call('chain.header', { height: height.toString() }), height);
    const verdict = this.sets.verifyPast(certified, this.chainId, this.verifier);
    if (!verdict.ok) throw VerificationError.failed('chain.header', verdict.reason);
    this.store.keepHeader(certified.header, certified.certificate, endpoint.url);
    this.seen(endpoint, height);
    return { header: certified.header, hash: headerHash(certified.header), certificate: certified.certificate, source: endpoint.url };
  }

  private async followHandOff(endpoint: Endpoint, handOff: HandOff, target: CertifiedHeader): Promise<void> {
    const { header } = handOff;
    const accepted = acceptHandOff(this.state, handOff, { verifier: this.verifier });
    if (!accepted.ok) throw VerificationError.failed('chain.handOffs', accepted.reason);
    const nextHeight = header.height + 1n;
    const next = target.header.height === nextHeight ? target : certifiedHeader(await endpoint.connection.call('chain.header', { height: nextHeight.toString() }), nextHeight);
    if (next.header.dposRound !== header.dposRound + 1n) {
      throw VerificationError.failed(
        'chain.handOffs',
        `it offered header ${header.height} (${showHash(headerHash(header))}) as the last of round ${header.dposRound}, but header ${nextHeight} is still in round ${next.header.dposRound}`,
      );
    }
    const confirmed = acceptHeader(accepted.state, next, { verifier: this.verifier });
    if (!confirmed.ok) throw VerificationError.failed('chain.header', confirmed.reason);
    const record: StoredHandOff = { round: header.dposRound, height: header.height, nextValidatorSet: handOff.nextValidatorSet };
    this.commit(endpoint, accepted.state, handOff.certificate, record);
    this.commit(endpoint, confirmed.state, next.certificate);
  }

  private commit(endpoint: Endpoint, state: LightClientState, certificate: CommitCertificate, handOff?: StoredHandOff): void {
    this.store.accept({ trusted: state.trusted, certificate, source: endpoint.url, ...(handOff ? { handOff } : {}) });
    if (handOff) this.sets.add(handOff);
    this.state = state;
    this.seen(endpoint, state.trusted.header.height);
    if (++this.commits % 64 === 0 && state.trusted.header.height > KEEP_RECENT) this.store.prune(state.trusted.header.height - KEEP_RECENT);
  }
}
