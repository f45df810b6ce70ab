/**
 * What every module's intent builder shares. An intent is what a person asks for, in the words they
 * type (text addresses, decimal amounts, hex ids); a builder turns it into the protocol payload.
 * The CLI and the wallet both call the builders (through ./index.ts `buildPayload`), each with its
 * own way of reading addresses and amounts and of naming a field in a message.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Address, PublicKey, VoteAllocation } from '../types/index.ts';

/** An intent that cannot become a payload; the message says what to change. */
export class IntentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntentError';
  }
}

export interface IntentContext {
  /** The address `text` names on this network, or throws the caller's own error naming `field`. */
  address(text: string, field: string): Address;
  /** The amount in base units, or throws the caller's own error naming `field`. */
  amount(text: string, field: string): bigint;
  /** An address as this caller shows it in a message (bech32m on its network). */
  showAddress?(address: Address): string;
  /** How this caller names an intent field in a message (a CLI flag, a form label); the field name by default. */
  label?(field: string): string;
  /** The public half of a consensus key the caller keeps (the wallet's vault), by its id. */
  consensusKey?(keyId: string): PublicKey;
  /** The sender's current vote allocations: a `vote` given as wanted allocations is worked out from them. */
  votes?: readonly VoteAllocation[];
}

export const labelOf = (ctx: IntentContext, field: string): string => ctx.label?.(field) ?? field;

/** Exactly `bytes` bytes written as hex (either case). */
export function hexField(ctx: IntentContext, text: string, bytes: number, field: string, what = ''): Uint8Array {
  if (!new RegExp(`^[0-9a-fA-F]{${2 * bytes}}$`).test(text))
    throw new IntentError(`${labelOf(ctx, field)} must be ${2 * bytes} hex digits${what}, got "${text}".`);
  return hexToBytes(text.toLowerCase());
}

/** The type of an intent builder table: one function per intent type. */
export type IntentBuilders<I extends { type: string }, P> = {
  [T in I['type']]: (intent: Extract<I, { type: T }>, ctx: IntentContext) => P;
};
