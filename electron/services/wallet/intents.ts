/**
 * The person's intent (contract shape: text addresses, base-unit amounts) as a protocol payload,
 * through the modules' one builder (shared/core/modules), which the CLI uses too. This file only
 * says how the wallet reads an address and an amount, and turns a builder's refusal into the
 * service's validation error.
 */
import { encodeAddress, parseAddress } from '../../../shared/core/crypto/index.ts';
import { buildPayload, IntentError } from '../../../shared/core/modules/index.ts';
import type { Account, Payload } from '../../../shared/core/types/index.ts';
import { ServiceError } from '../errors.ts';
import type { Intent } from './types.ts';

export interface IntentContext {
  prefix: string;
  /** The sender's verified account (null: proven absent). */
  account: Account | null;
  /** The public key of a consensus key kept in the vault. */
  consensusKey(keyId: string): Uint8Array;
}

/** How a field is named in a message to the person. */
const FIELD_WORDS: Record<string, string> = {
  to: 'recipient',
  proposalId: 'proposal id',
  consensusKey: 'consensus key',
  voteAmount: 'amount',
};

export function payloadOf(intent: Intent, ctx: IntentContext): Payload {
  const word = (field: string): string => FIELD_WORDS[field] ?? field;
  try {
    return buildPayload(intent, {
      address(text, field) {
        const parsed = parseAddress(ctx.prefix, text);
        if (!parsed.ok)
          throw new IntentError(`The ${word(field)} is not a valid address on this network: ${parsed.reason}.`);
        return parsed.value;
      },
      // The contract's schema already holds amounts to base-unit digits.
      amount: (text) => BigInt(text),
      label: (field) => `The ${word(field)}`,
      showAddress: (address) => encodeAddress(ctx.prefix, address),
      consensusKey: ctx.consensusKey,
      votes: ctx.account?.votes ?? [],
    });
  } catch (error) {
    if (error instanceof IntentError) throw new ServiceError('VALIDATION', error.message);
    throw error;
  }
}
