/**
 * The state layout: every record lives under key = sha256(namespace byte ‖ id). Hashing spreads
 * keys evenly over the sparse Merkle tree and gives every record the same 32-byte key size; the
 * namespace byte keeps two kinds of record from ever sharing a key. A light client rebuilds a key
 * from this table to ask for a proof (see README.md; the leaf's value hash is sha256(encoding)).
 *
 * | ns   | record                 | id                              | value codec                |
 * | 0x01 | account                | address (20 bytes)              | accountCodec               |
 * | 0x02 | member                 | address                         | memberCodec                |
 * | 0x03 | member list            | (none: singleton)               | memberListCodec            |
 * | 0x04 | governance proposal    | proposal id (32 bytes)          | governanceProposalCodec    |
 * | 0x05 | open application       | applicant address               | applicationCodec           |
 * | 0x06 | proposal deadlines     | deadline height (u64 BE)        | deadlineCodec              |
 * | 0x07 | candidate              | address                         | candidateCodec             |
 * | 0x08 | candidate list         | (none: singleton)               | candidateListCodec         |
 * | 0x09 | candidate name index   | name (ASCII bytes)              | ownerCodec                 |
 * | 0x0a | consensus key index    | consensus public key (32 bytes) | ownerCodec                 |
 * | 0x0b | open proposal list     | (none: singleton)               | openProposalListCodec      |
 * | 0x10 | chain parameters       | (none: singleton)               | chainParametersCodec       |
 * | 0x11 | chain totals           | (none: singleton)               | totalsCodec                |
 * | 0x12 | rounds (consensus)     | (none: singleton)               | roundRecordCodec           |
 */
import { sha256 } from '../crypto/index.ts';
import { u64 } from '../encoding/index.ts';
import { ADDRESS_BYTES, HASH_BYTES, PUBLIC_KEY_BYTES } from '../types/index.ts';

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
function sized(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length)
    throw new RangeError(`${what} must be ${length} bytes`);
  return bytes;
}

const NONE = new Uint8Array(0);

export const accountKey = (address: Uint8Array): Uint8Array =>
  stateKey(Namespace.account, sized(address, ADDRESS_BYTES, 'address'));
export const memberKey = (address: Uint8Array): Uint8Array =>
  stateKey(Namespace.member, sized(address, ADDRESS_BYTES, 'address'));
export const memberListKey = (): Uint8Array => stateKey(Namespace.memberList, NONE);
export const proposalKey = (id: Uint8Array): Uint8Array =>
  stateKey(Namespace.proposal, sized(id, HASH_BYTES, 'proposal id'));
export const applicationKey = (applicant: Uint8Array): Uint8Array =>
  stateKey(Namespace.application, sized(applicant, ADDRESS_BYTES, 'applicant address'));
export const proposalDeadlinesKey = (height: bigint): Uint8Array =>
  stateKey(Namespace.proposalDeadlines, u64.encode(height));
export const candidateKey = (address: Uint8Array): Uint8Array =>
  stateKey(Namespace.candidate, sized(address, ADDRESS_BYTES, 'address'));
export const candidateListKey = (): Uint8Array => stateKey(Namespace.candidateList, NONE);
/** Candidate names are ASCII by their codec, so the UTF-8 bytes are the ASCII bytes. */
export const candidateNameKey = (name: string): Uint8Array =>
  stateKey(Namespace.candidateName, new TextEncoder().encode(name));
export const consensusKeyIndexKey = (consensusKey: Uint8Array): Uint8Array =>
  stateKey(Namespace.consensusKey, sized(consensusKey, PUBLIC_KEY_BYTES, 'consensus key'));
export const openProposalListKey = (): Uint8Array => stateKey(Namespace.openProposals, NONE);
export const parametersKey = (): Uint8Array => stateKey(Namespace.parameters, NONE);
export const totalsKey = (): Uint8Array => stateKey(Namespace.totals, NONE);
export const roundsKey = (): Uint8Array => stateKey(Namespace.rounds, NONE);
