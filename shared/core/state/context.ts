/** What transaction rules need besides state, and the shapes they answer with. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeAddress, type SignatureVerifier } from '../crypto/index.ts';
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

export type TxResult = { ok: true; fee: bigint } | { ok: false; reason: string };

/**
 * What a payload rule gets: the sender, the transaction id and the context. A rule returns a
 * rejection reason, or undefined after making its changes on the (child) view it was given.
 */
export interface RuleInput extends TxContext {
  sender: Address;
  txId: Hash;
}

export type Rejection = string | undefined;

/** An address as people see it on this network (bech32m) when the prefix is known. */
export function showAddress(address: Address, prefix?: string): string {
  return prefix === undefined ? `0x${bytesToHex(address)}` : encodeAddress(prefix, address);
}

export const showHash = (hash: Uint8Array): string => bytesToHex(hash);
