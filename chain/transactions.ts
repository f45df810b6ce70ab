import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, SigningDomain, verifyDomain } from '../shared/core/crypto/index.ts';
import { signedTransactionCodec, transactionCodec, transactionId, type SignedTransaction } from '../shared/core/types/index.ts';
import type { Mempool } from './mempool/mempool.ts';
import type { ChainState } from './consensus/chain-state.ts';

export type Admission = { ok: true; id: string; tx: SignedTransaction; fresh: boolean } | { ok: false; reason: string; malformed: boolean };

/**
 * One door for transactions, whether from a wallet over RPC or from a peer by gossip: decode, check the
 * signature once (the pool remembers what it verified), check fee and expiry against the committed state,
 * then queue it by sender and nonce.
 */
export function admitTransaction(bytes: Uint8Array, chain: ChainState, mempool: Mempool): Admission {
  const decoded = signedTransactionCodec.decode(bytes);
  if (!decoded.ok) return { ok: false, malformed: true, reason: `The transaction is not validly encoded: ${decoded.error.reason}.` };
  const signed = decoded.value;
  const id = bytesToHex(transactionId(signed));
  if (mempool.has(id)) return { ok: true, id, tx: signed, fresh: false };
  if (chain.store.transactionLocation(transactionId(signed))) return { ok: false, malformed: false, reason: 'This transaction is already in a block.' };
  const { tx } = signed;
  if (!verifyDomain(SigningDomain.TRANSACTION, chain.chainId, transactionCodec.encode(tx), signed.signature, tx.senderPublicKey, chain.verifier)) {
    return { ok: false, malformed: true, reason: `The signature does not verify for network "${chain.chainId}" (wrong key, altered transaction, or signed for another network).` };
  }
  const params = chain.context().params;
  if (tx.fee < params.minFee) return { ok: false, malformed: false, reason: `The fee ${tx.fee} is below the network minimum ${params.minFee}.` };
  const sender = addressBytes(tx.senderPublicKey);
  const result = mempool.admit(
    { tx: signed, id: transactionId(signed), idHex: id, sender: bytesToHex(sender), nonce: tx.nonce, fee: tx.fee, expiryHeight: tx.expiryHeight, size: bytes.length },
    { accountNonce: chain.accountNonce(sender), height: chain.height() + 1n },
  );
  if (!result.ok) return { ok: false, malformed: false, reason: result.reason };
  return { ok: true, id, tx: signed, fresh: true };
}
