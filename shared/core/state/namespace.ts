/** The one table of state namespaces (see keys.ts for the layout), so two modules can never share one. */
import { sha256 } from '../crypto/index.ts';

/** Wire values: never renumber, only append. */
export const Namespace = {
  account: 0x01,
  member: 0x02,
  memberList: 0x03,
  proposal: 0x04,
  application: 0x05,
  proposalDeadlines: 0x06,
  candidate: 0x07,
  candidateList: 0x08,
  candidateName: 0x09,
  consensusKey: 0x0a,
  openProposals: 0x0b,
  parameters: 0x10,
  totals: 0x11,
  rounds: 0x12,
} as const;
export type Namespace = (typeof Namespace)[keyof typeof Namespace];

export const STATE_KEY_BYTES = 32;

/** sha256(namespace ‖ id): the one rule every key follows. */
export function stateKey(namespace: Namespace, id: Uint8Array): Uint8Array {
  const preimage = new Uint8Array(1 + id.length);
  preimage[0] = namespace;
  preimage.set(id, 1);
  return sha256(preimage);
}

// A wrong-sized id is a caller bug (all ids come from decoded, fixed-size fields), so throw.
export function sized(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length)
    throw new RangeError(`${what} must be ${length} bytes`);
  return bytes;
}

export const NONE = new Uint8Array(0);
