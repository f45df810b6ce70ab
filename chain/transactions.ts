import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, SigningDomain, verifyDomain } from '../shared/core/crypto/index.ts';
import { applyTransaction, StateView } from '../shared/core/state/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type SignedTransaction,
} from '../shared/core/types/index.ts';
import type { Mempool } from './mempool/mempool.ts';
import type { ChainState } from './consensus/chain-state.ts';
import type { NodeVerification } from './verify/index.ts';
import { TxRefusalCode, type TxRefusal } from '../shared/contract/rpc.ts';

/**
 * A transaction let in (or already pooled: `fresh` false), or refused: the refusal as it travels to the client
 * (`code`, `reason`: docs/RPC.md "Refusals"), and whether the bytes themselves were bad (a peer that gossips them
 * is misbehaving) rather than the transaction not fitting the current state.
 */
export type Admission =
  { ok: true; id: string; tx: SignedTransaction; fresh: boolean } | ({ ok: false; malformed: boolean } & TxRefusal);

const refused = (code: string, reason: string, malformed = false): Admission => ({
  ok: false,
  malformed,
  code,
  reason,
});

type Decoded =
  { ok: true; signed: SignedTransaction; id: Uint8Array; idHex: string } | { ok: false; admission: Admission };

/** Decoding and the checks that need no signature: already pooled, or already in a block. */
function precheck(bytes: Uint8Array, chain: ChainState, mempool: Mempool): Decoded {
  const decoded = signedTransactionCodec.decode(bytes);
  if (!decoded.ok)
    return {
      ok: false,
      admission: refused(
        TxRefusalCode.MALFORMED,
        `The transaction is not validly encoded: ${decoded.error.reason}.`,
        true,
      ),
    };
  const signed = decoded.value;
  const id = transactionId(signed);
  const idHex = bytesToHex(id);
  if (mempool.has(idHex)) return { ok: false, admission: { ok: true, id: idHex, tx: signed, fresh: false } };
  if (chain.store.transactionLocation(id))
    return { ok: false, admission: refused(TxRefusalCode.ALREADY_INCLUDED, 'This transaction is already in a block.') };
  return { ok: true, signed, id, idHex };
}

/** Signature (through the node's caching verifier), fee and nonce window, then the pool. */
function admitChecked(
  checked: { signed: SignedTransaction; id: Uint8Array; idHex: string },
  size: number,
  chain: ChainState,
  mempool: Mempool,
): Admission {
  const { signed, id, idHex } = checked;
  const { tx } = signed;
  if (
    !verifyDomain(
      SigningDomain.TRANSACTION,
      chain.chainId,
      transactionCodec.encode(tx),
      signed.signature,
      tx.senderPublicKey,
      chain.verifier,
    )
  ) {
    return refused(
      TxRefusalCode.BAD_SIGNATURE,
      `The signature does not verify for network "${chain.chainId}" (wrong key, altered transaction, or signed for another network).`,
      true,
    );
  }
  const params = chain.params(); // what context().params reads, without building the schedule
  if (tx.fee < params.minFee)
    return refused(TxRefusalCode.FEE_TOO_LOW, `The fee ${tx.fee} is below the network minimum ${params.minFee}.`);
  const sender = addressBytes(tx.senderPublicKey);
  const accountNonce = chain.accountNonce(sender);
  // The sender's next transaction can be tried against the committed state now, so a wallet hears at once why it
  // would never be included (balance, stake, a rule of its payload); later nonces depend on pooled ones.
  if (tx.nonce === accountNonce) {
    const dryRun = applyTransaction(StateView.over(chain.reader), signed, {
      chainId: chain.chainId,
      height: chain.height() + 1n,
      verifier: chain.verifier,
      params,
      addressPrefix: chain.genesis.addressPrefix,
    });
    if (!dryRun.ok) return refused(dryRun.code, `The transaction would be refused: ${dryRun.reason}.`);
  }
  const result = mempool.admit(
    {
      tx: signed,
      id,
      idHex,
      sender: bytesToHex(sender),
      nonce: tx.nonce,
      fee: tx.fee,
      expiryHeight: tx.expiryHeight,
      size,
    },
    { accountNonce, height: chain.height() + 1n },
  );
  if (!result.ok) return refused(result.code, result.reason);
  return { ok: true, id: idHex, tx: signed, fresh: true };
}

/**
 * One door for transactions, whether from a wallet over RPC or from a peer by gossip: decode, check the
 * signature once (the node's verifier remembers what it verified, so the block that carries the transaction
 * does not check it again), check fee and expiry against the committed state, then queue it by sender and nonce.
 */
export function admitTransaction(bytes: Uint8Array, chain: ChainState, mempool: Mempool): Admission {
  const checked = precheck(bytes, chain, mempool);
  if (!checked.ok) return checked.admission;
  return admitChecked(checked, bytes.length, chain, mempool);
}

/**
 * The same door for transactions that arrive by gossip: the signature is verified first in the node's worker
 * pool (batched with whatever else arrives in the same tick), which fills the verifier's cache; the admission
 * rules then run as in admitTransaction, against the state as it is when the answer comes back. `isOpen` is
 * asked after the wait: a node that stopped meanwhile admits nothing (its store is closed).
 */
export async function admitTransactionInPool(
  bytes: Uint8Array,
  chain: ChainState,
  mempool: Mempool,
  verification: NodeVerification,
  isOpen: () => boolean = () => true,
): Promise<Admission> {
  const checked = precheck(bytes, chain, mempool);
  if (!checked.ok) return checked.admission;
  await verification.preverifyTransactions(chain.chainId, [checked.signed], 'gossip');
  if (!isOpen()) return refused(TxRefusalCode.SHUTTING_DOWN, 'The node is shutting down.');
  // The pool or the chain may have moved on while the signature was checked: look again.
  if (mempool.has(checked.idHex)) return { ok: true, id: checked.idHex, tx: checked.signed, fresh: false };
  if (chain.store.transactionLocation(checked.id))
    return refused(TxRefusalCode.ALREADY_INCLUDED, 'This transaction is already in a block.');
  return admitChecked(checked, bytes.length, chain, mempool);
}
