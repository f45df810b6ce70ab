/** Where the candidate records live (namespaces in ../../state/namespace.ts, the one table of them). */
import { NONE, Namespace, sized, stateKey } from '../../state/namespace.ts';
import { ADDRESS_BYTES, PUBLIC_KEY_BYTES } from '../../types/primitives.ts';

export const candidateKey = (address: Uint8Array): Uint8Array =>
  stateKey(Namespace.candidate, sized(address, ADDRESS_BYTES, 'address'));
export const candidateListKey = (): Uint8Array => stateKey(Namespace.candidateList, NONE);
/** Candidate names are ASCII by their codec, so the UTF-8 bytes are the ASCII bytes. */
export const candidateNameKey = (name: string): Uint8Array =>
  stateKey(Namespace.candidateName, new TextEncoder().encode(name));
export const consensusKeyIndexKey = (consensusKey: Uint8Array): Uint8Array =>
  stateKey(Namespace.consensusKey, sized(consensusKey, PUBLIC_KEY_BYTES, 'consensus key'));
