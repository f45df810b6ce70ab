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
 *
 * namespace.ts keeps the one table of namespaces (so two modules can never share one); this file
 * the chain-wide records' keys, and each module's own keys are in its folder (../modules/<name>/keys.ts).
 */
import { ADDRESS_BYTES } from '../types/primitives.ts';
import { NONE, Namespace, sized, stateKey } from './namespace.ts';

export { NONE, Namespace, STATE_KEY_BYTES, sized, stateKey } from './namespace.ts';
export * from '../modules/governance/keys.ts';
export * from '../modules/candidates/keys.ts';

export const accountKey = (address: Uint8Array): Uint8Array =>
  stateKey(Namespace.account, sized(address, ADDRESS_BYTES, 'address'));
export const parametersKey = (): Uint8Array => stateKey(Namespace.parameters, NONE);
export const totalsKey = (): Uint8Array => stateKey(Namespace.totals, NONE);
export const roundsKey = (): Uint8Array => stateKey(Namespace.rounds, NONE);
