/** What transaction rules need besides state, and the shapes they answer with. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeAddress, type SignatureVerifier } from '../crypto/index.ts';
import type { RefusalCode } from '../modules/index.ts';
import type { Address, ChainParameters, Hash } from '../types/index.ts';

export interface TxContext {
  /** Network id: enters every signing domain, so a signature for another network fails here. */
  chainId: string;
  /** Height of the block the transaction is applied in. */
  height: bigint;
  verifier: SignatureVerifier;
  /** Parameters in force for this block (as they stood at its start). */
  params: ChainParameters;
  /** bech32 human part for addresses in rejection reasons; without it they are shown as 0x-hex. */
  addressPrefix?: string;
}

/** The envelope's refusals (checked before any payload rule), as stable codes (see ../modules/refusal.ts). */
export const ENVELOPE_REFUSALS = [
  'INVALID_SIGNATURE',
  'EXPIRED',
  'FEE_TOO_LOW',
  'WRONG_NONCE',
  'INSUFFICIENT_BALANCE',
  'AMOUNT_OUT_OF_RANGE',
] as const;
export type EnvelopeRefusal = (typeof ENVELOPE_REFUSALS)[number];

/** A refusal has a machine `code` (one of REFUSAL_CODES) beside the reason people read. */
export type TxResult = { ok: true; fee: bigint } | { ok: false; code: RefusalCode; reason: string };

/**
 * What a payload rule gets: the sender, the transaction id and the context. A rule returns a
 * refusal (code and reason), or undefined after making its changes on the (child) view it was given.
 */
export interface RuleInput extends TxContext {
  sender: Address;
  txId: Hash;
}

/** An address as people see it on this network (bech32m) when the prefix is known. */
export function showAddress(address: Address, prefix?: string): string {
  return prefix === undefined ? `0x${bytesToHex(address)}` : encodeAddress(prefix, address);
}

export const showHash = (hash: Uint8Array): string => bytesToHex(hash);
