/**
 * A transaction in plain words, derived from the transaction alone. Whoever signs reads these lines,
 * so they are always recomputed from the bytes about to be signed and never taken from a file.
 * Each module says its own payloads (../modules/<name>/summary.ts).
 */
import { addressFromPublicKey, encodeAddress } from '../crypto/index.ts';
import { payloadSummary } from '../modules/index.ts';
import type { Transaction } from '../types/index.ts';
import { describeAmount, type AmountDisplay } from './amount.ts';
import { quoted } from './text.ts';

export interface SummaryOptions extends AmountDisplay {
  /** The network's address prefix, for showing addresses as people know them. */
  prefix: string;
  /** When given, a first line names the network the signature is for. */
  chainId?: string;
}

export function summarise(tx: Transaction, options: SummaryOptions): string[] {
  const amount = (units: bigint) => describeAmount(units, options);
  const address = (bytes: Uint8Array) => encodeAddress(options.prefix, bytes);
  return [
    ...(options.chainId === undefined ? [] : [`Network: ${quoted(options.chainId)}`]),
    `From ${addressFromPublicKey(options.prefix, tx.senderPublicKey)}`,
    ...payloadSummary(tx.payload, { amount, address }),
    `Fee: ${amount(tx.fee)}`,
    `Nonce ${tx.nonce}, valid until height ${tx.expiryHeight}`,
  ];
}
