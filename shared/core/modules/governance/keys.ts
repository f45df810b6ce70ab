/** Where the governance records live (namespaces in ../../state/namespace.ts, the one table of them). */
import { u64 } from '../../encoding/index.ts';
import { NONE, Namespace, sized, stateKey } from '../../state/namespace.ts';
import { ADDRESS_BYTES, HASH_BYTES } from '../../types/primitives.ts';

export const memberKey = (address: Uint8Array): Uint8Array =>
  stateKey(Namespace.member, sized(address, ADDRESS_BYTES, 'address'));
export const memberListKey = (): Uint8Array => stateKey(Namespace.memberList, NONE);
export const proposalKey = (id: Uint8Array): Uint8Array =>
  stateKey(Namespace.proposal, sized(id, HASH_BYTES, 'proposal id'));
export const applicationKey = (applicant: Uint8Array): Uint8Array =>
  stateKey(Namespace.application, sized(applicant, ADDRESS_BYTES, 'applicant address'));
export const proposalDeadlinesKey = (height: bigint): Uint8Array =>
  stateKey(Namespace.proposalDeadlines, u64.encode(height));
export const openProposalListKey = (): Uint8Array => stateKey(Namespace.openProposals, NONE);
