/**
 * The set of every round since the trust root, learned from followed hand-offs. With it a header
 * older than the trusted one is verified directly by its certificate: a quorum of its round's set
 * signed it, the same assumption every accepted header rests on. This is simpler than walking
 * adjacent headers back from the trusted one (one request and one certificate check instead of one
 * per block), and it needs nothing the light node does not already keep.
 */
import { reject, verifyCommit, type CertifiedHeader, type Verdict } from '../../../shared/core/light/index.ts';
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import type { ValidatorSet } from '../../../shared/core/types/index.ts';
import type { StoredHandOff, TrustRoot } from './store.ts';

export class RoundSets {
  private readonly byRound = new Map<bigint, StoredHandOff>();

  constructor(
    readonly root: TrustRoot,
    handOffs: readonly StoredHandOff[],
  ) {
    for (const handOff of handOffs) this.add(handOff);
  }

  add(handOff: StoredHandOff): void {
    this.byRound.set(handOff.round, handOff);
  }

  /** The followed hand-off at the end of `round` (its last height and the set it announced), if any. */
  handOff(round: bigint): StoredHandOff | undefined {
    return this.byRound.get(round);
  }

  /** The set that certifies headers of `round`, if the light node knows it. */
  setOf(round: bigint): ValidatorSet | undefined {
    if (round < this.root.round) return undefined;
    if (round === this.root.round) return this.root.validatorSet;
    const announced = this.byRound.get(round - 1n)?.nextValidatorSet;
    if (announced) return announced;
    return round === this.root.round + 1n ? (this.root.nextValidatorSet ?? undefined) : undefined;
  }

  /** Verifies a header at or below the trusted height by its certificate and its round's set. */
  verifyPast({ header, certificate }: CertifiedHeader, chainId: string, verifier: SignatureVerifier): Verdict {
    const round = header.dposRound;
    const validatorSet = this.setOf(round);
    if (!validatorSet) return reject(`header ${header.height} says it is in round ${round}, a round whose validator set this light node has not followed`);
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
