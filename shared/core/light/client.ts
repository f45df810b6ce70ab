/**
 * The light client's state and its two moves, as pure functions: each takes the state and what a
 * server sent, and returns the next state or the reason it refused (the old state stays valid).
 *
 * - acceptHeader: a newer header certified by a set the client knows: its trusted round's set,
 *   or the next round's once it followed that round's hand-off. Sets change only at hand-offs,
 *   so this is the "jump straight to the newest certified header" of an unchanged set.
 * - acceptHandOff: a trusted round's last header together with the set it announces for the next
 *   round; the only way into a new round, one round at a time.
 *
 * A header cannot show by itself that it is its round's last. If a server passes off an earlier
 * header of round r as the hand-off, the client takes round r's own set as round r+1's: right if
 * the set was re-elected; otherwise it rejects round r+1's real headers (they name another set)
 * until a later round-r header replaces the claim. Accepting a forged round-r+1 header would need
 * a quorum of round r's set to sign a block the real chain does not have, which is the same
 * assumption every certificate rests on.
 */
import type { SignatureVerifier } from '../crypto/index.ts';
import { equalBytes } from '../encoding/index.ts';
import { headerHash, type BlockHeader, type CommitCertificate, type ValidatorSet } from '../types/index.ts';
import { verifyCommit } from './commit.ts';
import { verifyAdjacent, verifyHandOff, verifyNewer, verifyWithinRound } from './sequence.ts';
import { ACCEPT, allOf, reject, type Verdict } from './verdict.ts';

export interface TrustedBlock {
  readonly header: BlockHeader;
  /** The set that certified `header`: the one it names, which is its round's set. */
  readonly validatorSet: ValidatorSet;
  /** Present once the client followed `header`'s hand-off: the set of round `header.dposRound + 1`. */
  readonly nextValidatorSet?: ValidatorSet;
}

export interface LightClientState {
  readonly chainId: string;
  readonly trusted: TrustedBlock;
}

export type Accepted =
  { readonly ok: true; readonly state: LightClientState } | { readonly ok: false; readonly reason: string };

export interface CertifiedHeader {
  readonly header: BlockHeader;
  readonly certificate: CommitCertificate;
}

export interface HandOff extends CertifiedHeader {
  /** The set `header` announces (its nextValidatorSetHash) for the next round. */
  readonly nextValidatorSet: ValidatorSet;
}

export interface ClientOptions {
  /** Defaults to the pure-JS strict verifier; the desktop may pass its faster OpenSSL one. */
  readonly verifier?: SignatureVerifier;
}

/** The known set that certifies headers of `round`, if any. */
function setOfRound(trusted: TrustedBlock, round: bigint): ValidatorSet | undefined {
  if (round === trusted.header.dposRound) return trusted.validatorSet;
  return round === trusted.header.dposRound + 1n ? trusted.nextValidatorSet : undefined;
}

/** Re-presenting the trusted header itself is allowed for a hand-off (to attach the next set). */
function verifySameHeader(trusted: BlockHeader, header: BlockHeader): Verdict {
  if (!equalBytes(headerHash(trusted), headerHash(header))) {
    return reject(
      `header ${header.height} is not the trusted header at that height: the server offers a conflicting block`,
    );
  }
  return ACCEPT;
}

/** Every rule a header must pass to become trusted, given the position rule for its height. */
function verifyReachable(
  state: LightClientState,
  { header, certificate }: CertifiedHeader,
  position: Verdict,
  options: ClientOptions,
): Verdict {
  const trusted = state.trusted;
  return allOf(
    () => position,
    () => (header.height === trusted.header.height + 1n ? verifyAdjacent(trusted.header, header) : ACCEPT),
    () => verifyWithinRound(trusted.header, header, trusted.nextValidatorSet !== undefined),
    () => {
      const validatorSet = setOfRound(trusted, header.dposRound);
      if (validatorSet === undefined) return reject(`no known set certifies round ${header.dposRound}`);
      return verifyCommit({ header, certificate, validatorSet, chainId: state.chainId, verifier: options.verifier });
    },
  );
}

/** A newer header of a round whose set the client knows. */
export function acceptHeader(state: LightClientState, next: CertifiedHeader, options: ClientOptions = {}): Accepted {
  const verdict = verifyReachable(state, next, verifyNewer(state.trusted.header, next.header), options);
  if (!verdict.ok) return verdict;
  const validatorSet = setOfRound(state.trusted, next.header.dposRound) as ValidatorSet; // verified above
  return { ok: true, state: { chainId: state.chainId, trusted: { header: next.header, validatorSet } } };
}

/** The last header of a round the client knows (or the trusted header itself) and the next round's set. */
export function acceptHandOff(state: LightClientState, handOff: HandOff, options: ClientOptions = {}): Accepted {
  const { header, nextValidatorSet } = handOff;
  const trusted = state.trusted.header;
  const position = header.height === trusted.height ? verifySameHeader(trusted, header) : verifyNewer(trusted, header);
  const verdict = allOf(
    () => verifyReachable(state, handOff, position, options),
    () => verifyHandOff(header, nextValidatorSet, header.dposRound),
  );
  if (!verdict.ok) return verdict;
  const validatorSet = setOfRound(state.trusted, header.dposRound) as ValidatorSet; // verified above
  return { ok: true, state: { chainId: state.chainId, trusted: { header, validatorSet, nextValidatorSet } } };
}
