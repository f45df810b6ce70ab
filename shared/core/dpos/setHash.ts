// The hash of a producer set, as announced in the last header of a round (nextValidatorSetHash)
// and checked by light clients before following a hand-off.
//
// Bytes hashed, all lengths fixed or prefixed so distinct sets never share an encoding:
//   u8(len(TAG)) ‖ TAG ‖ u32be(entry count) ‖ for each entry in order: address(20) ‖ consensusKey(32)
// TAG is ASCII "consortia/validator-set/v1", keeping this hash apart from every other hashed
// object. Order matters: pass the set in its canonical election order. Provisional until the
// canonical codec exists; a replacement should keep this signature.
import { sha256 } from '@noble/hashes/sha2.js';
import { ADDRESS_LENGTH, type Address } from './bytes.ts';

export const CONSENSUS_KEY_LENGTH = 32;
export const VALIDATOR_SET_HASH_TAG = 'consortia/validator-set/v1';

export interface ValidatorEntry {
  readonly address: Address;
  /** The Ed25519 public key the producer's node signs blocks and votes with. */
  readonly consensusKey: Uint8Array;
}

export function validatorSetHash(entries: readonly ValidatorEntry[]): Uint8Array {
  const tag = new TextEncoder().encode(VALIDATOR_SET_HASH_TAG);
  const entrySize = ADDRESS_LENGTH + CONSENSUS_KEY_LENGTH;
  if (entries.length > 0xffff_ffff) throw new RangeError('too many entries for a set');
  const out = new Uint8Array(1 + tag.length + 4 + entries.length * entrySize);
  out[0] = tag.length;
  out.set(tag, 1);
  let at = 1 + tag.length;
  new DataView(out.buffer).setUint32(at, entries.length, false);
  at += 4;
  entries.forEach((e, i) => {
    if (!(e.address instanceof Uint8Array) || e.address.length !== ADDRESS_LENGTH) {
      throw new RangeError(`entries[${i}].address must be ${ADDRESS_LENGTH} bytes`);
    }
    if (!(e.consensusKey instanceof Uint8Array) || e.consensusKey.length !== CONSENSUS_KEY_LENGTH) {
      throw new RangeError(`entries[${i}].consensusKey must be ${CONSENSUS_KEY_LENGTH} bytes`);
    }
    out.set(e.address, at);
    out.set(e.consensusKey, at + ADDRESS_LENGTH);
    at += entrySize;
  });
  return sha256(out);
}
