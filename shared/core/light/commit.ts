/**
 * Commit certificate rules: a header is final when ⌊2N/3⌋+1 distinct validators of the set the
 * header names signed a precommit for exactly this header. One function per rule, then the
 * composition, which runs the cheap structural rules before any signature is verified.
 */
import { quorum } from '../bft/index.ts';
import { nobleVerifier, SigningDomain, verifyDomain, type SignatureVerifier } from '../crypto/index.ts';
import { equalBytes } from '../encoding/index.ts';
import {
  headerHash,
  validatorSetHash,
  voteCodec,
  type BlockHeader,
  type CommitCertificate,
  type Hash,
  type PublicKey,
  type ValidatorSet,
} from '../types/index.ts';
import { ACCEPT, allOf, reject, showHash, type Verdict } from './verdict.ts';

export interface CommitCheck {
  readonly header: BlockHeader;
  readonly certificate: CommitCertificate;
  /** The set the header names (its validatorSetHash), in its certified order. */
  readonly validatorSet: ValidatorSet;
  readonly chainId: string;
  /** Defaults to the pure-JS strict verifier. */
  readonly verifier?: SignatureVerifier;
}

/** The certificate is for this header: same height, and it signs this header's hash. */
export function verifyCertificateTarget(header: BlockHeader, certificate: CommitCertificate): Verdict {
  if (certificate.height !== header.height) {
    return reject(`the certificate is for height ${certificate.height}, not for header ${header.height}`);
  }
  const hash = headerHash(header);
  if (!equalBytes(certificate.blockHash, hash)) {
    return reject(
      `the certificate signs block ${showHash(certificate.blockHash)}, not header ${header.height} (${showHash(hash)})`,
    );
  }
  return ACCEPT;
}

/** The hash of a set, or the reason it is no set at all (empty, repeated keys or addresses). */
export function hashOfSet(set: ValidatorSet): { ok: true; hash: Hash } | { ok: false; reason: string } {
  try {
    return { ok: true, hash: validatorSetHash(set) };
  } catch (e) {
    return { ok: false, reason: `the validator set is not valid: ${(e as Error).message}` };
  }
}

/** The given set is the one the header names as its certifying set. */
export function verifyNamedSet(header: BlockHeader, validatorSet: ValidatorSet): Verdict {
  const set = hashOfSet(validatorSet);
  if (!set.ok) return set;
  if (!equalBytes(set.hash, header.validatorSetHash)) {
    return reject(
      `header ${header.height} names validator set ${showHash(header.validatorSetHash)}, not the given set ${showHash(set.hash)}`,
    );
  }
  return ACCEPT;
}

/** Every signer index lies in the set, and the indexes strictly increase (so none repeats). */
export function verifySignerIndexes(certificate: CommitCertificate, setSize: number): Verdict {
  let previous = -1;
  for (const { validatorIndex: index } of certificate.signatures) {
    if (!Number.isInteger(index) || index < 0 || index >= setSize) {
      return reject(`signer index ${index} is outside the set of ${setSize} validators`);
    }
    if (index === previous) return reject(`validator ${index} is listed twice`);
    if (index < previous) return reject(`signer indexes must increase: ${index} comes after ${previous}`);
    previous = index;
  }
  return ACCEPT;
}

/** At least ⌊2N/3⌋+1 distinct validators signed (run after verifySignerIndexes). */
export function verifyQuorum(certificate: CommitCertificate, setSize: number): Verdict {
  if (!Number.isSafeInteger(setSize) || setSize < 1) return reject('the validator set is empty');
  const signers = new Set(certificate.signatures.map((s) => s.validatorIndex)).size;
  const needed = quorum(setSize);
  if (signers < needed) return reject(`only ${signers} of ${setSize} validators signed; ${needed} needed`);
  return ACCEPT;
}

/** The bytes a validator signed: its precommit vote for the certified block, rebuilt. */
export function precommitBytes(certificate: CommitCertificate, consensusKey: PublicKey): Uint8Array {
  const { height, round, blockHash } = certificate;
  return voteCodec.encode({ type: 'precommit', height, round, blockHash, validator: consensusKey });
}

/** Every listed signature is its validator's PRECOMMIT over the rebuilt vote, under this chain id. */
export function verifyPrecommitSignatures(
  certificate: CommitCertificate,
  validatorSet: ValidatorSet,
  chainId: string,
  verifier: SignatureVerifier = nobleVerifier,
): Verdict {
  for (const { validatorIndex, signature } of certificate.signatures) {
    const validator = validatorSet[validatorIndex];
    if (validator === undefined)
      return reject(`signer index ${validatorIndex} is outside the set of ${validatorSet.length} validators`);
    let bytes: Uint8Array;
    try {
      bytes = precommitBytes(certificate, validator.consensusKey);
    } catch (e) {
      return reject(`the certificate cannot be a precommit: ${(e as Error).message}`);
    }
    if (!verifyDomain(SigningDomain.PRECOMMIT, chainId, bytes, signature, validator.consensusKey, verifier)) {
      return reject(
        `validator ${validatorIndex}'s signature is not a valid precommit for block ${showHash(certificate.blockHash)} ` +
          `at height ${certificate.height} on chain "${chainId}"`,
      );
    }
  }
  return ACCEPT;
}

/** The header is final: certified by a quorum of the set it names. */
export function verifyCommit({ header, certificate, validatorSet, chainId, verifier }: CommitCheck): Verdict {
  return allOf(
    () => verifyCertificateTarget(header, certificate),
    () => verifyNamedSet(header, validatorSet),
    () => verifySignerIndexes(certificate, validatorSet.length),
    () => verifyQuorum(certificate, validatorSet.length),
    () => verifyPrecommitSignatures(certificate, validatorSet, chainId, verifier),
  );
}
