/**
 * Which header may follow a trusted one. Sets change only between DPoS rounds: the last header of
 * round r (its hand-off header) names round r+1's set as nextValidatorSetHash, certified by round
 * r's set. So a client may jump to any newer header of a round whose set it knows, and learns the
 * next round's set only from that round's hand-off, one round at a time, never skipping one.
 */
import { equalBytes } from '../encoding/index.ts';
import { headerHash, type BlockHeader, type ValidatorSet } from '../types/index.ts';
import { hashOfSet } from './commit.ts';
import { ACCEPT, allOf, reject, showHash, type Verdict } from './verdict.ts';

/** The client never moves backwards, nor re-accepts the height it already trusts. */
export function verifyNewer(trusted: BlockHeader, target: BlockHeader): Verdict {
  if (target.height <= trusted.height) {
    return reject(`header ${target.height} is not newer than the trusted header ${trusted.height}`);
  }
  return ACCEPT;
}

export function verifyHeightFollows(trusted: BlockHeader, next: BlockHeader): Verdict {
  if (next.height !== trusted.height + 1n)
    return reject(`header ${next.height} does not follow header ${trusted.height}`);
  return ACCEPT;
}

export function verifyLinked(trusted: BlockHeader, next: BlockHeader): Verdict {
  const hash = headerHash(trusted);
  if (!equalBytes(next.previousHash, hash)) {
    return reject(
      `header ${next.height} builds on ${showHash(next.previousHash)}, not on the trusted header ${trusted.height} (${showHash(hash)})`,
    );
  }
  return ACCEPT;
}

/** The next header is certified by the set its parent announced. */
export function verifySetContinues(trusted: BlockHeader, next: BlockHeader): Verdict {
  if (!equalBytes(next.validatorSetHash, trusted.nextValidatorSetHash)) {
    return reject(
      `header ${next.height} names set ${showHash(next.validatorSetHash)}, ` +
        `but header ${trusted.height} announced ${showHash(trusted.nextValidatorSetHash)}`,
    );
  }
  return ACCEPT;
}

/** A child is in its parent's round or the one after it. */
export function verifyRoundFollows(trusted: BlockHeader, next: BlockHeader): Verdict {
  if (next.dposRound !== trusted.dposRound && next.dposRound !== trusted.dposRound + 1n) {
    return reject(
      `header ${next.height} is in round ${next.dposRound}, but its parent is in round ${trusted.dposRound}`,
    );
  }
  return ACCEPT;
}

/** `next` is the direct child of `trusted`. */
export function verifyAdjacent(trusted: BlockHeader, next: BlockHeader): Verdict {
  return allOf(
    () => verifyHeightFollows(trusted, next),
    () => verifyLinked(trusted, next),
    () => verifySetContinues(trusted, next),
    () => verifyRoundFollows(trusted, next),
  );
}

/** A hand-off out of `currentRound` (the round whose set the client follows); no round is skipped. */
export function verifyHandOffRound(handOff: BlockHeader, currentRound: bigint): Verdict {
  if (handOff.dposRound > currentRound) {
    return reject(
      `header ${handOff.height} hands off round ${handOff.dposRound}, but the client follows round ${currentRound}: ` +
        `the hand-off at the end of round ${currentRound} comes first`,
    );
  }
  if (handOff.dposRound < currentRound) {
    return reject(
      `header ${handOff.height} hands off round ${handOff.dposRound}, which the client has already left (it follows round ${currentRound})`,
    );
  }
  return ACCEPT;
}

/** The new set is the one the hand-off header announced. */
export function verifyAnnouncedSet(handOff: BlockHeader, newSet: ValidatorSet): Verdict {
  const set = hashOfSet(newSet);
  if (!set.ok) return set;
  if (!equalBytes(set.hash, handOff.nextValidatorSetHash)) {
    return reject(
      `the new set ${showHash(set.hash)} is not the set ${showHash(handOff.nextValidatorSetHash)} ` +
        `that header ${handOff.height} announced for round ${handOff.dposRound + 1n}`,
    );
  }
  return ACCEPT;
}

/**
 * `newSet` takes over after `handOff`, a trusted (certified) last header of `currentRound`.
 * The header cannot show by itself that it is its round's last; see client.ts for why a wrong
 * claim fails safe.
 */
export function verifyHandOff(handOff: BlockHeader, newSet: ValidatorSet, currentRound: bigint): Verdict {
  return allOf(
    () => verifyHandOffRound(handOff, currentRound),
    () => verifyAnnouncedSet(handOff, newSet),
  );
}

function missingHandOffs(from: bigint, to: bigint): string {
  return from === to
    ? `the hand-off at the end of round ${from} is missing`
    : `the hand-offs at the end of rounds ${from} to ${to} are missing`;
}

/**
 * `target` is certified by a set the client already knows: the trusted header's round's set (a
 * round never changes its set), or, when the client followed the trusted header's hand-off
 * (`nextRoundKnown`), the set that hand-off announced for the following round.
 */
export function verifyWithinRound(trusted: BlockHeader, target: BlockHeader, nextRoundKnown = false): Verdict {
  const round = trusted.dposRound;
  if (target.dposRound < round)
    return reject(`header ${target.height} is from round ${target.dposRound}, before the trusted round ${round}`);
  if (target.dposRound === round) {
    if (equalBytes(target.validatorSetHash, trusted.validatorSetHash)) return ACCEPT;
    return reject(
      `header ${target.height} names set ${showHash(target.validatorSetHash)}, but round ${round}'s set is ` +
        `${showHash(trusted.validatorSetHash)} and a round never changes its set`,
    );
  }
  if (target.dposRound === round + 1n && nextRoundKnown) {
    if (equalBytes(target.validatorSetHash, trusted.nextValidatorSetHash)) return ACCEPT;
    return reject(
      `header ${target.height} names set ${showHash(target.validatorSetHash)} for round ${target.dposRound}, ` +
        `but the hand-off at the end of round ${round} announced ${showHash(trusted.nextValidatorSetHash)}`,
    );
  }
  const firstMissing = nextRoundKnown ? round + 1n : round;
  return reject(
    `header ${target.height} is in round ${target.dposRound}, but the client knows the sets only up to round ` +
      `${firstMissing}: ${missingHandOffs(firstMissing, target.dposRound - 1n)}`,
  );
}
