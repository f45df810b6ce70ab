/**
 * Transactions. The chain id is not a field: it enters the signing domain
 * (sha256(tag ‖ chainId ‖ transactionCodec.encode(tx))), so a transaction signed for one network
 * cannot verify on another without costing bytes in every body.
 */
import { sha256 } from '../crypto/hash.ts';
import { struct, u64, type Codec } from '../encoding/index.ts';
import { payloadCodec, type Payload } from './payload.ts';
import {
  publicKeyCodec,
  SIGNATURE_BYTES,
  signatureCodec,
  type Hash,
  type PublicKey,
  type Signature,
} from './primitives.ts';

export interface Transaction {
  /** Account key of the sender; the sender's address derives from it. */
  senderPublicKey: PublicKey;
  /** Must equal the sender account's `nonce` (strictly sequential, so each is used once). */
  nonce: bigint;
  /** Paid to the producer; at least the network's `minFee`. */
  fee: bigint;
  /** Last block height that may include it. */
  expiryHeight: bigint;
  payload: Payload;
}

export interface SignedTransaction {
  tx: Transaction;
  /** Sender's signature over the domain-separated transaction bytes. */
  signature: Signature;
}

export const transactionCodec: Codec<Transaction> = struct({
  senderPublicKey: publicKeyCodec,
  nonce: u64,
  fee: u64,
  expiryHeight: u64,
  payload: payloadCodec,
});

export const signedTransactionCodec: Codec<SignedTransaction> = struct({
  tx: transactionCodec,
  signature: signatureCodec,
});

/**
 * sha256 of the signed encoding. Strict Ed25519 verification rules out third-party signature
 * malleability, and the sequential nonce lets only one signed variant of a transaction in.
 */
export function transactionId(signed: SignedTransaction): Hash {
  return sha256(signedTransactionCodec.encode(signed));
}

/**
 * transactionId(signed) for a caller that already holds transactionCodec.encode(signed.tx), as the state
 * transition does for the signature check: the signed encoding is that body followed by the signature's 64 raw
 * bytes (a struct concatenates its fields), so the body is not encoded a second time. Anything but a 64-byte
 * signature goes the long way, so it fails exactly as transactionId does.
 */
export function transactionIdFromBody(signed: SignedTransaction, body: Uint8Array): Hash {
  const { signature } = signed;
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_BYTES) return transactionId(signed);
  const encoded = new Uint8Array(body.length + SIGNATURE_BYTES);
  encoded.set(body, 0);
  encoded.set(signature, body.length);
  return sha256(encoded);
}
