/**
 * A validator (active producer) set. Order matters: commit certificates refer to validators by
 * index, and the set is hashed as encoded, so the same members in another order are another set.
 */
import { sha256 } from '../crypto/hash.ts';
import { array, hasDuplicateBytes, refine, struct, type Codec } from '../encoding/index.ts';
import { MAX_VALIDATORS } from './limits.ts';
import { addressCodec, publicKeyCodec, type Address, type Hash, type PublicKey } from './primitives.ts';

export interface Validator {
  /** The producer's account address (its candidate registration). */
  address: Address;
  /** The key its node signs blocks and votes with. */
  consensusKey: PublicKey;
}

export type ValidatorSet = Validator[];

const validatorCodec: Codec<Validator> = struct({ address: addressCodec, consensusKey: publicKeyCodec });

export const validatorSetCodec: Codec<ValidatorSet> = refine(array(validatorCodec, MAX_VALIDATORS), (set) => {
  // An empty set could certify nothing; a repeated key or address would count one signer twice.
  if (set.length === 0) return 'a validator set must not be empty';
  if (hasDuplicateBytes(set.map((v) => v.address))) return 'validator set repeats an address';
  if (hasDuplicateBytes(set.map((v) => v.consensusKey))) return 'validator set repeats a consensus key';
  return undefined;
});

/** The hash headers use to name a set: sha256 of its canonical encoding. */
export function validatorSetHash(set: readonly Validator[]): Hash {
  return sha256(validatorSetCodec.encode([...set]));
}
