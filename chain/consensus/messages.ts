import { array, bytes, fixedBytes, struct, u32, u64, type Codec } from '../../shared/core/encoding/index.ts';
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
  /** direct (not gossiped): ids of pooled transactions the sender offers (chain/mempool/gossip.ts). */
  POOL_ANNOUNCE: 4,
  /** request/response: the signed transactions for ids a peer announced. */
  POOL_FETCH: 12,
} as const;

/** Bounds of pool gossip: ids per announcement, transactions per fetch. */
export const MAX_POOL_ANNOUNCE = 256;
export const MAX_POOL_FETCH = 64;
export const poolIdsCodec = array(fixedBytes(32), MAX_POOL_ANNOUNCE);
export const poolFetchResponseCodec = array(bytes(64 * 1024), MAX_POOL_FETCH);

/** A proposal travels with its block, so one message is enough to prevote. */
export interface ProposalMessage {
  proposal: SignedBlockProposal;
  block: Block;
}
export const proposalMessageCodec: Codec<ProposalMessage> = struct({
  proposal: signedBlockProposalCodec,
  block: blockCodec,
});

/** Largest P2P frame (chain/p2p DEFAULT_P2P_LIMITS.maxFrameBytes; a test keeps the two equal). */
export const P2P_FRAME_BYTES = 4 * 1024 * 1024;
/**
 * Byte budget of one GET_BLOCKS answer: as many certified blocks as fit (at most MAX_SYNC_BATCH), and always at
 * least one. The margin covers the frame and array headers.
 */
export const SYNC_BATCH_BYTES = P2P_FRAME_BYTES - 16 * 1024;
/**
 * Largest encoded block a node builds or prevotes. Below the sync budget by more than the largest certificate
 * (MAX_VALIDATORS signatures, about 17 KiB), so any committed block fits a sync answer on its own, and its
 * proposal message fits a frame. The block rules have no byte limit (at most MAX_BLOCK_TRANSACTIONS
 * transactions of up to ~0.5 KiB each could exceed a frame); this node-level limit is what keeps every block
 * deliverable, and it is the same on every node.
 */
export const MAX_BLOCK_BYTES = SYNC_BATCH_BYTES - 48 * 1024;
export const MAX_SYNC_BATCH = 50;
export const getBlocksRequestCodec = struct({ fromHeight: u64, count: u32 });
export interface CertifiedBlock {
  block: Block;
  certificate: CommitCertificate;
}
export const certifiedBlockCodec: Codec<CertifiedBlock> = struct({
  block: blockCodec,
  certificate: commitCertificateCodec,
});
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
    if (payload.type === 'vote')
      for (const change of payload.changes)
        entries.push({ address: change.candidate, position, role: 'candidate', txId });
  });
  return entries;
}
