/**
 * The set of every round the light node has learned since the trust root: from followed hand-offs
 * (the set a round's last header announced for the next) and from skips (a header of the round,
 * certified by a quorum of the set it names, reached by shared/core/light/skip.ts). With it a
 * header older than the trusted one is verified directly by its certificate: a quorum of its
 * round's set signed it, the same assumption every accepted header rests on. Rounds skipped over
 * are unknown here until chain.ts learns them (see VerifiedChain.learnHandOff).
 */
import {
  reject,
  verifyCommit,
  type CertifiedHeader,
  type TrustedBlock,
  type Verdict,
} from '../../../shared/core/light/index.ts';
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import type { ValidatorSet } from '../../../shared/core/types/index.ts';
import type { RoundLesson, StoredHandOff, StoredSkip, TrustRoot } from './store.ts';

/** Where learning a later round can start: a stored header and the sets known with it (a TrustedBlock without its header). */
export interface Anchor {
  /** The round whose set certifies the headers after `height`. */
  readonly followRound: bigint;
  readonly height: bigint;
  readonly trusted: Omit<TrustedBlock, 'header'>;
}

export class RoundSets {
  private readonly byRound = new Map<bigint, StoredHandOff>();
  private readonly skipped = new Map<bigint, StoredSkip>();

  constructor(
    readonly root: TrustRoot,
    handOffs: readonly StoredHandOff[],
    skips: readonly StoredSkip[] = [],
  ) {
    for (const handOff of handOffs) this.add({ handOff });
    for (const skip of skips) this.add({ skip });
  }

  add({ handOff, skip }: RoundLesson): void {
    if (handOff) this.byRound.set(handOff.round, handOff);
    if (skip) this.skipped.set(skip.round, skip);
  }

  /** The followed hand-off at the end of `round` (its last height and the set it announced), if any. */
  handOff(round: bigint): StoredHandOff | undefined {
    return this.byRound.get(round);
  }

  /** The set that certifies headers of `round`, if the light node knows it. */
  setOf(round: bigint): ValidatorSet | undefined {
    if (round < this.root.round) return undefined;
    if (round === this.root.round) return this.root.validatorSet;
    const known = this.byRound.get(round - 1n)?.nextValidatorSet ?? this.skipped.get(round)?.validatorSet;
    if (known) return known;
    return round === this.root.round + 1n ? (this.root.nextValidatorSet ?? undefined) : undefined;
  }

  /**
   * The newest point at or before `round` to learn forward from: the root, a followed hand-off
   * (its header, with the next round's set) or a skip (its header, with its round's set).
   */
  anchorBefore(round: bigint): Anchor | undefined {
    const { root } = this;
    let best: Anchor | undefined;
    if (root.nextValidatorSet && root.round + 1n <= round) {
      best = {
        followRound: root.round + 1n,
        height: root.height,
        trusted: { validatorSet: root.validatorSet, nextValidatorSet: root.nextValidatorSet },
      };
    } else if (root.round <= round) {
      best = { followRound: root.round, height: root.height, trusted: { validatorSet: root.validatorSet } };
    }
    const better = (candidate: Anchor) => {
      if (candidate.followRound > round) return;
      if (
        !best ||
        candidate.followRound > best.followRound ||
        (candidate.followRound === best.followRound && candidate.height > best.height)
      )
        best = candidate;
    };
    for (const handOff of this.byRound.values()) {
      const validatorSet = this.setOf(handOff.round);
      if (validatorSet)
        better({
          followRound: handOff.round + 1n,
          height: handOff.height,
          trusted: { validatorSet, nextValidatorSet: handOff.nextValidatorSet },
        });
    }
    for (const skip of this.skipped.values())
      better({ followRound: skip.round, height: skip.height, trusted: { validatorSet: skip.validatorSet } });
    return best;
  }

  /** Verifies a header at or below the trusted height by its certificate and its round's set. */
  verifyPast({ header, certificate }: CertifiedHeader, chainId: string, verifier: SignatureVerifier): Verdict {
    const round = header.dposRound;
    const validatorSet = this.setOf(round);
    if (!validatorSet)
      return reject(
        `header ${header.height} says it is in round ${round}, a round whose validator set this light node has not followed`,
      );
    const after = this.byRound.get(round - 1n)?.height;
    const last = this.byRound.get(round)?.height;
    if ((after !== undefined && header.height <= after) || (last !== undefined && header.height > last)) {
      const from = after === undefined ? '' : ` from height ${after + 1n}`;
      const to = last === undefined ? '' : ` to height ${last}`;
      return reject(`header ${header.height} says it is in round ${round}, but that round runs${from}${to}`);
    }
    return verifyCommit({ header, certificate, validatorSet, chainId, verifier });
  }
}
