/**
 * Blocks and headers. The producer signs `blockHeaderCodec.encode(header)` (domain-separated);
 * the signature lives outside those bytes (SignedHeader), and the header hash covers the header
 * only, so a block's identity does not depend on its signature.
 */
import { sha256 } from '../crypto/hash.ts';
import { array, optional, refine, struct, u32, u64, type Codec } from '../encoding/index.ts';
import { commitCertificateCodec, type CommitCertificate } from './commit.ts';
import { MAX_BLOCK_TRANSACTIONS } from './limits.ts';
import { addressCodec, hashCodec, signatureCodec, type Address, type Hash, type Signature } from './primitives.ts';
import { signedTransactionCodec, type SignedTransaction } from './transaction.ts';

export interface BlockHeader {
  /** Header layout version (HEADER_VERSION); lets a later layout be told apart. */
  version: number;
  /** 1 for the first block after genesis. */
  height: bigint;
  /** DPoS round (election period) this block belongs to; not the BFT round. */
  dposRound: bigint;
  /** Producer's clock at proposal, milliseconds since the Unix epoch. */
  timestamp: bigint;
  /** Hash of the previous header (the genesis hash at height 1). */
  previousHash: Hash;
  /** Account address of the scheduled producer. */
  producer: Address;
  /** Sparse-Merkle root of the state after applying this block. */
  stateRoot: Hash;
  /** Merkle root of this block's transaction ids. */
  transactionRoot: Hash;
  /** Hash of the set whose commit certificate must certify this header. */
  validatorSetHash: Hash;
  /** Set that certifies the next header: equal to `validatorSetHash` except at a hand-off. */
  nextValidatorSetHash: Hash;
  /** Certificate that made the previous block final; absent only at height 1 (and 0). */
  lastCommit?: CommitCertificate;
}

export interface SignedHeader {
  header: BlockHeader;
  /** Producer's consensus-key signature over the domain-separated header bytes. */
  signature: Signature;
}

export interface Block {
  header: SignedHeader;
  /** In execution order. */
  transactions: SignedTransaction[];
}

export const blockHeaderCodec: Codec<BlockHeader> = refine(
  struct({
    version: u32,
    height: u64,
    dposRound: u64,
    timestamp: u64,
    previousHash: hashCodec,
    producer: addressCodec,
    stateRoot: hashCodec,
    transactionRoot: hashCodec,
    validatorSetHash: hashCodec,
    nextValidatorSetHash: hashCodec,
    lastCommit: optional(commitCertificateCodec),
  }),
  (h) => {
    // The chain's first block has nothing to certify; every later one must carry its parent's commit.
    if (h.height <= 1n)
      return h.lastCommit === undefined ? undefined : `lastCommit must be absent at height ${h.height}`;
    if (h.lastCommit === undefined) return `lastCommit is required at height ${h.height}`;
    if (h.lastCommit.height !== h.height - 1n)
      return `lastCommit is for height ${h.lastCommit.height}, expected ${h.height - 1n}`;
    return undefined;
  },
);

export const signedHeaderCodec: Codec<SignedHeader> = struct({ header: blockHeaderCodec, signature: signatureCodec });

export const blockCodec: Codec<Block> = struct({
  header: signedHeaderCodec,
  transactions: array(signedTransactionCodec, MAX_BLOCK_TRANSACTIONS),
});

/** sha256 of the encoded (unsigned) header: the block's identity. */
export function headerHash(header: BlockHeader): Hash {
  return sha256(blockHeaderCodec.encode(header));
}
