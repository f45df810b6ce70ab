/**
 * One transaction against state. The envelope checks run first, in a fixed order (signature,
 * expiry, fee, nonce, funds), then the payload's rule. Everything happens on a child view that is
 * merged only on success, so a rejected transaction changes nothing: no fee, no nonce.
 */
import { addressBytes, SigningDomain, verifyDomain } from '../crypto/index.ts';
import { addU64, subU64, U64RangeError } from '../encoding/index.ts';
import {
  transactionCodec,
  transactionId,
  transactionIdFromBody,
  type Hash,
  type SignedTransaction,
} from '../types/index.ts';
import { payloadRule, type RefusalCode } from '../modules/index.ts';
import type { Refusal } from '../modules/refusal.ts';
import type { EnvelopeRefusal, TxContext, TxResult } from './context.ts';
import type { StateView } from './view.ts';

/**
 * What a caller that encodes the transaction anyway (applyBlock, for its receipts) passes along, so the body is
 * encoded and hashed once: `body` = transactionCodec.encode(signed.tx), `id` = transactionId(signed).
 */
export interface EncodedTransaction {
  body: Uint8Array;
  id: Hash;
}

/** The body and id of `signed`, computed once (throws EncodeError where transactionCodec and transactionId do). */
export function encodeTransaction(signed: SignedTransaction): EncodedTransaction {
  const body = transactionCodec.encode(signed.tx);
  return { body, id: transactionIdFromBody(signed, body) };
}

/** Applies `signed` to `view` if every rule accepts it; otherwise leaves `view` as it was. */
export function applyTransaction(
  view: StateView,
  signed: SignedTransaction,
  ctx: TxContext,
  encoded?: EncodedTransaction,
): TxResult {
  const { tx, signature } = signed;
  const reject = (code: EnvelopeRefusal, reason: string): TxResult => ({ ok: false, code, reason });

  const body = encoded ? encoded.body : transactionCodec.encode(tx);
  if (!verifyDomain(SigningDomain.TRANSACTION, ctx.chainId, body, signature, tx.senderPublicKey, ctx.verifier)) {
    return reject(
      'INVALID_SIGNATURE',
      `the signature does not verify for the sender key on network "${ctx.chainId}"; sign the transaction again with the sender's key for this network`,
    );
  }
  if (tx.expiryHeight < ctx.height) {
    return reject(
      'EXPIRED',
      `the transaction expired at height ${tx.expiryHeight} and this block is at height ${ctx.height}; sign it again with a later expiry`,
    );
  }
  if (tx.fee < ctx.params.minFee) {
    return reject(
      'FEE_TOO_LOW',
      `the fee ${tx.fee} is below the network minimum ${ctx.params.minFee}; raise the fee and sign again`,
    );
  }
  const sender = addressBytes(tx.senderPublicKey);
  const account = view.account(sender);
  if (tx.nonce !== account.nonce) {
    const hint =
      tx.nonce < account.nonce ? 'this nonce was already used' : 'an earlier transaction of this account is missing';
    return reject('WRONG_NONCE', `wrong nonce: expected ${account.nonce}, got ${tx.nonce} (${hint})`);
  }
  const rule = payloadRule(tx.payload);
  const spend = rule.spend?.(tx.payload) ?? 0n;
  const needed = spend + tx.fee; // a bigint cannot overflow; compare before any u64 arithmetic
  if (account.balance < needed) {
    const what = spend > 0n ? `${spend} plus the fee ${tx.fee}` : `the fee ${tx.fee}`;
    return reject(
      'INSUFFICIENT_BALANCE',
      `insufficient balance: ${what} needs ${needed}, the account holds ${account.balance}`,
    );
  }

  const child = view.child();
  let refusal: Refusal<RefusalCode> | undefined;
  try {
    child.setAccount(sender, {
      ...account,
      balance: subU64(account.balance, tx.fee),
      nonce: addU64(account.nonce, 1n),
    });
    refusal = rule.apply(child, tx.payload, { ...ctx, sender, txId: encoded ? encoded.id : transactionId(signed) });
  } catch (e) {
    // Amounts are bounded by the total supply, so this should never fire; if it does, refuse the transaction rather than halt the chain.
    if (!(e instanceof U64RangeError)) throw e;
    refusal = { code: 'AMOUNT_OUT_OF_RANGE', reason: `an amount would leave the 64-bit range (${e.message})` };
  }
  if (refusal !== undefined) return { ok: false, code: refusal.code, reason: refusal.reason };
  view.commit(child);
  return { ok: true, fee: tx.fee };
}
