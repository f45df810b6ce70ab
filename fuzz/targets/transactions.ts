/** Transactions as they arrive by gossip, RPC (tx.submit) or an offline signer. */
import { payloadCodec, signedTransactionCodec, transactionCodec } from '../../shared/core/types/index.ts';
import { codecFamily } from './properties.ts';

export const codecs = {
  signedTransaction: signedTransactionCodec,
  transaction: transactionCodec,
  payload: payloadCodec,
};
export const fuzz = codecFamily(codecs);
