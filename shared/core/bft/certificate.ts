/**
 * Commit certificate check, independent of the state machine: a light client or a syncing node
 * accepts a block as final only with precommits from a quorum of the set the header names.
 */
import { quorum } from './quorum.ts';
import type { ValueId } from './types.ts';

export interface CommitCertificate {
  readonly height: number;
  readonly round: number;
  readonly valueId: ValueId;
  /** Indexes into the validator set of the precommit signers, strictly increasing. */
  readonly signers: readonly number[];
}

export type CertificateCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Accepts when the signers are in range, distinct, strictly increasing, at least ⌊2N/3⌋+1 of the N
 * validators, and every listed signature verifies. `verifySignature(index, cert)` must check that
 * validator's precommit over (height, round, valueId). Cheap structural checks run before any
 * signature, so a malformed certificate costs no verification.
 */
export function verifyCommitCertificate(
  cert: CommitCertificate,
  validatorCount: number,
  verifySignature: (index: number, cert: CommitCertificate) => boolean,
): CertificateCheck {
  if (!Number.isSafeInteger(validatorCount) || validatorCount < 1) return reject('the validator set is empty');
  if (!Number.isSafeInteger(cert.height) || cert.height < 0) return reject(`bad height ${cert.height}`);
  if (!Number.isSafeInteger(cert.round) || cert.round < 0) return reject(`bad round ${cert.round}`);
  if (typeof cert.valueId !== 'string' || cert.valueId.length === 0) return reject('the certificate names no block');
  const seen = new Set<number>();
  let previous = -1;
  for (const signer of cert.signers) {
    if (!Number.isInteger(signer) || signer < 0 || signer >= validatorCount) {
      return reject(`signer ${signer} is not in the set of ${validatorCount}`);
    }
    if (seen.has(signer)) return reject(`duplicate signer ${signer}`);
    if (signer < previous) return reject(`signers must be in increasing order: ${signer} after ${previous}`);
    seen.add(signer);
    previous = signer;
  }
  const need = quorum(validatorCount);
  if (seen.size < need) return reject(`only ${seen.size} of ${validatorCount} signed; ${need} needed`);
  for (const signer of cert.signers) {
    if (!verifySignature(signer, cert)) return reject(`bad signature from signer ${signer}`);
  }
  return { ok: true };
}

function reject(reason: string): CertificateCheck {
  return { ok: false, reason };
}
