/**
 * TEST ONLY: a Byzantine producer. It holds one producer's consensus secret key, connects to honest nodes over
 * the real P2P protocol (it is admitted because the key is a known consensus key) and gossips messages signed
 * with that key that no honest engine would sign: two different votes, or two different proposals, for one
 * height and round. Nothing in the production code knows about it.
 *
 * Because a P2P id is the consensus key, an honest node replaces its connection to the real owner of the key
 * with this one while it lasts (the newer connection wins); the owner's messages still arrive by gossip through
 * the other peers, and it reconnects after `close()`.
 */
import pino from 'pino';
import { SigningDomain, publicKeyFromSecret, signDomain } from '../../../shared/core/crypto/index.ts';
import { PROPOSAL_SIGNING_DOMAIN } from '../../../shared/core/state/index.ts';
import {
  blockProposalCodec,
  signedVoteCodec,
  voteCodec,
  type Block,
  type BlockProposal,
  type SignedBlockProposal,
  type SignedVote,
  type VoteType,
} from '../../../shared/core/types/index.ts';
import { P2PNode } from '../../../chain/p2p/index.ts';
import { proposalMessageCodec, statusCodec, Topic } from '../../../chain/consensus/messages.ts';
import { waitFor } from './devnet-helpers.ts';

export interface EquivocatorOptions {
  chainId: string;
  genesisHash: Uint8Array;
  /** The producer's consensus secret key to misuse. */
  consensusSecretKey: Uint8Array;
  /** P2P URLs of the honest nodes to send to. */
  peers: readonly string[];
}

/** A different, made-up block hash each call. */
export function fakeBlockHash(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function signVote(
  chainId: string,
  secretKey: Uint8Array,
  type: VoteType,
  height: bigint,
  round: number,
  blockHash?: Uint8Array,
): SignedVote {
  const vote = { type, height, round, validator: publicKeyFromSecret(secretKey), ...(blockHash ? { blockHash } : {}) };
  const domain = type === 'prevote' ? SigningDomain.PREVOTE : SigningDomain.PRECOMMIT;
  return { vote, signature: signDomain(domain, chainId, voteCodec.encode(vote), secretKey) };
}

export function signProposal(
  chainId: string,
  secretKey: Uint8Array,
  height: bigint,
  round: number,
  blockHash: Uint8Array,
): SignedBlockProposal {
  const proposal: BlockProposal = { height, round, blockHash, proposer: publicKeyFromSecret(secretKey) };
  return {
    proposal,
    signature: signDomain(PROPOSAL_SIGNING_DOMAIN, chainId, blockProposalCodec.encode(proposal), secretKey),
  };
}

export class Equivocator {
  private constructor(
    private readonly options: EquivocatorOptions,
    readonly p2p: P2PNode,
  ) {}

  static async start(options: EquivocatorOptions): Promise<Equivocator> {
    const p2p = await P2PNode.start({
      chainId: options.chainId,
      genesisHash: options.genesisHash,
      secretKey: options.consensusSecretKey,
      isAdmitted: () => true,
      peers: options.peers,
      logger: pino({ level: 'silent' }),
    });
    // Take what honest peers gossip without complaint, so they are not scored down (or banned) by this node.
    for (const topic of [Topic.TRANSACTION, Topic.PROPOSAL, Topic.VOTE])
      p2p.registerTopic(topic, { maxBytes: 8 * 1024 * 1024, gossip: false, handle: () => 'ignore' });
    p2p.registerRequest(Topic.STATUS, { maxBytes: 64, handle: () => statusCodec.encode({ height: 0n }) });
    const equivocator = new Equivocator(options, p2p);
    await waitFor(() => p2p.peers().length >= options.peers.length, 20_000, 'the equivocator connected to its peers');
    return equivocator;
  }

  /** Whether it is connected to every honest node it was given (one may have swapped back to the key's owner). */
  get connected(): boolean {
    return this.p2p.peers().length >= this.options.peers.length;
  }

  /** Gossips two votes of one type for (height, round) for two different made-up blocks. */
  doubleVote(type: VoteType, height: bigint, round: number): [SignedVote, SignedVote] {
    const { chainId, consensusSecretKey } = this.options;
    const pair: [SignedVote, SignedVote] = [
      signVote(chainId, consensusSecretKey, type, height, round, fakeBlockHash()),
      signVote(chainId, consensusSecretKey, type, height, round, fakeBlockHash()),
    ];
    for (const signed of pair) this.p2p.broadcast(Topic.VOTE, signedVoteCodec.encode(signed));
    return pair;
  }

  /**
   * Gossips two proposals for (height, round) naming two different made-up blocks. Each travels with `block`
   * (any well-formed block: honest nodes find it invalid for this height and prevote nil, but the signed
   * proposals are what counts as evidence). Honest nodes only take proposals from the round's proposer.
   */
  doubleProposal(height: bigint, round: number, block: Block): [SignedBlockProposal, SignedBlockProposal] {
    const { chainId, consensusSecretKey } = this.options;
    const pair: [SignedBlockProposal, SignedBlockProposal] = [
      signProposal(chainId, consensusSecretKey, height, round, fakeBlockHash()),
      signProposal(chainId, consensusSecretKey, height, round, fakeBlockHash()),
    ];
    for (const proposal of pair) this.p2p.broadcast(Topic.PROPOSAL, proposalMessageCodec.encode({ proposal, block }));
    return pair;
  }

  close(): Promise<void> {
    return this.p2p.close();
  }
}
