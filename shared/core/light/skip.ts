/**
 * Skipping across rounds whose set did not change (DESIGN §3: "within an unchanged set the client
 * may jump straight to the newest certified header"). A header of any later round that names the
 * set the client follows, certified by a quorum of that set, is accepted without the hand-offs in
 * between: if that set ever handed over to another and back, a quorum of it still signed this very
 * header. This rests on the assumption every checkpoint rests on: fewer than a third of a set's
 * voting power signs a block the real chain does not have while that stake is still bonded. So the
 * trusted header the skip starts from must be younger than the unbonding period; past that, the
 * client follows every hand-off in order. A header naming any other set is never skipped to: the
 * set it names is learned only from the hand-off that announced it.
 */
import { equalBytes } from '../encoding/index.ts';
import type { BlockHeader, ValidatorSet } from '../types/index.ts';
import { unbondingPeriodMs, formatDuration, type UnbondingParameters } from './checkpoint.ts';
import type { Accepted, CertifiedHeader, ClientOptions, LightClientState, TrustedBlock } from './client.ts';
import { verifyCommit } from './commit.ts';
import { verifyNewer } from './sequence.ts';
import { ACCEPT, allOf, reject, showHash, type Verdict } from './verdict.ts';

export interface SkipOptions extends ClientOptions {
  /** The network's unbonding period. */
  readonly params: UnbondingParameters;
  /** This machine's clock, milliseconds since the Unix epoch. */
  readonly nowMs: number;
}

/** The set that certifies the client's next headers: the next round's once its hand-off was followed. */
export function followedSet(trusted: TrustedBlock): {
  readonly round: bigint;
  readonly set: ValidatorSet;
  readonly hash: Uint8Array;
} {
  const { header, validatorSet, nextValidatorSet } = trusted;
  return nextValidatorSet
    ? { round: header.dposRound + 1n, set: nextValidatorSet, hash: header.nextValidatorSetHash }
    : { round: header.dposRound, set: validatorSet, hash: header.validatorSetHash };
}

/** The trusted header's signers are still bonded at `nowMs`, so their quorum can vouch for a skip. */
export function verifyStillBonded(trusted: BlockHeader, params: UnbondingParameters, nowMs: number): Verdict {
  const age = BigInt(nowMs) - trusted.timestamp;
  const period = unbondingPeriodMs(params);
  if (age >= period) {
    return reject(
      `the trusted header ${trusted.height} is ${formatDuration(age)} old and the unbonding period is ${formatDuration(period)}: ` +
        `its set may have withdrawn its stake, so every hand-off since must be followed`,
    );
  }
  return ACCEPT;
}

/** The target names the set the client follows: the set did not change, or changed back. */
export function verifyNamesFollowedSet(trusted: TrustedBlock, target: BlockHeader): Verdict {
  const followed = followedSet(trusted);
  if (!equalBytes(target.validatorSetHash, followed.hash)) {
    return reject(
      `header ${target.height} names set ${showHash(target.validatorSetHash)}, not set ${showHash(followed.hash)} of round ${followed.round}: ` +
        `the set changed since, so the hand-offs in between must be followed`,
    );
  }
  return ACCEPT;
}

/** A newer header of any round that names the followed set, certified by a quorum of it. */
export function acceptSkip(
  state: LightClientState,
  { header, certificate }: CertifiedHeader,
  options: SkipOptions,
): Accepted {
  const { trusted } = state;
  const { set } = followedSet(trusted);
  const verdict = allOf(
    () => verifyNewer(trusted.header, header),
    () => verifyNamesFollowedSet(trusted, header),
    () => verifyStillBonded(trusted.header, options.params, options.nowMs),
    () => verifyCommit({ header, certificate, validatorSet: set, chainId: state.chainId, verifier: options.verifier }),
  );
  if (!verdict.ok) return verdict;
  return { ok: true, state: { chainId: state.chainId, trusted: { header, validatorSet: set } } };
}

/** Whether acceptSkip could take `target` (without checking its certificate): to choose skipping over following. */
export function maySkipTo(state: LightClientState, target: BlockHeader, options: SkipOptions): boolean {
  return allOf(
    () => verifyNewer(state.trusted.header, target),
    () => verifyNamesFollowedSet(state.trusted, target),
    () => verifyStillBonded(state.trusted.header, options.params, options.nowMs),
  ).ok;
}
