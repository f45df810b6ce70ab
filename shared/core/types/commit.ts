/**
 * A commit certificate: the precommits that made a block final. Each entry names a validator by
 * its index in the set the certified header names (`validatorSetHash`); the vote it signed is
 * rebuilt as {precommit, height, round, blockHash, that validator's consensus key}.
 */
import { sortedSet, struct, u32, u64, type Codec } from '../encoding/index.ts';
import { MAX_VALIDATORS } from './limits.ts';
import { hashCodec, signatureCodec, type Hash, type Signature } from './primitives.ts';

export interface CommitSignature {
  /** Position of the signer in the validator set. */
  validatorIndex: number;
  signature: Signature;
}

export interface CommitCertificate {
  height: bigint;
  /** BFT round in which the block was committed. */
  round: number;
  blockHash: Hash;
  /** Strictly increasing by validatorIndex, so one set of signers has one encoding. */
  signatures: CommitSignature[];
}

const commitSignatureCodec: Codec<CommitSignature> = struct({ validatorIndex: u32, signature: signatureCodec });

export const commitCertificateCodec: Codec<CommitCertificate> = struct({
  height: u64,
  round: u32,
  blockHash: hashCodec,
  // u32 big-endian bytes sort like the numbers, so the byte-order key is the numeric order.
  signatures: sortedSet(commitSignatureCodec, MAX_VALIDATORS, (s) => u32.encode(s.validatorIndex)),
});
