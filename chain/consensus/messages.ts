import { array, struct, u32, u64, type Codec } from '../../shared/core/encoding/index.ts';
import { addressBytes } from '../../shared/core/crypto/index.ts';
import {
  blockCodec,
  commitCertificateCodec,
  signedBlockProposalCodec,
  type Block,
  type CommitCertificate,
  type SignedBlockProposal,
  type SignedTransaction,
} from '../../shared/core/types/index.ts';
import type { HistoryEntry } from '../store/store.ts';

/** P2P topics of the consensus layer (the p2p module carries them as opaque bytes). */
export const Topic = {
  TRANSACTION: 1,
  PROPOSAL: 2,
  VOTE: 3,
  /** request/response: committed blocks with their certificates, for catch-up. */
  GET_BLOCKS: 10,
  /** request/response: a peer's committed height, to know whether to catch up. */
  STATUS: 11,
} as const;

/** A proposal travels with its block, so one message is enough to prevote. */
export interface ProposalMessage {
  proposal: SignedBlockProposal;
  block: Block;
}
export const proposalMessageCodec: Codec<ProposalMessage> = struct({ proposal: signedBlockProposalCodec, block: blockCodec });

export const MAX_SYNC_BATCH = 50;
export const getBlocksRequestCodec = struct({ fromHeight: u64, count: u32 });
export interface CertifiedBlock {
  block: Block;
  certificate: CommitCertificate;
}
export const certifiedBlockCodec: Codec<CertifiedBlock> = struct({ block: blockCodec, certificate: commitCertificateCodec });
export const getBlocksResponseCodec = array(certifiedBlockCodec, MAX_SYNC_BATCH);
export const statusCodec = struct({ height: u64 });

/** Which accounts a block's transactions concern, for the account-history index. */
export function historyOf(transactions: readonly SignedTransaction[], ids: readonly Uint8Array[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  transactions.forEach((signed, position) => {
    const txId = ids[position]!;
    entries.push({ address: addressBytes(signed.tx.senderPublicKey), position, role: 'sender', txId });
    const payload = signed.tx.payload;
    if (payload.type === 'transfer') entries.push({ address: payload.to, position, role: 'recipient', txId });
    if (payload.type === 'vote') for (const change of payload.changes) entries.push({ address: change.candidate, position, role: 'candidate', txId });
  });
  return entries;
}
