/**
 * From a genesis document to the chain's starting point: the height-0 state, its root, the
 * initial validator set (rounds 0 and 1), and the genesis header.
 *
 * Linking: the genesis header (height 0) has previousHash = genesisHash(doc), so the header hash
 * commits to the whole document, and stateRoot = the root of the genesis state. Block 1 carries
 * previousHash = headerHash(genesis header), validatorSetHash = the initial set's hash and no
 * lastCommit; the turn order of round 0 is seeded by that same genesis header hash.
 */
import { bytesToHex as hexOf } from '@noble/hashes/utils.js';
import { firstSpan, nextSpan } from '../dpos/index.ts';
import { addU64, sumU64 } from '../encoding/index.ts';
import { MemoryNodeStore, txRoot, type NodeBatch } from '../merkle/index.ts';
import { EMPTY_STATE, EMPTY_STATE_ROOT, StateView, updateStateRoot, type StateChange } from '../state/index.ts';
import { HEADER_VERSION, validatorSetHash, type BlockHeader, type Hash, type ValidatorSet } from '../types/index.ts';
import { genesisHash, normaliseGenesis } from './codec.ts';
import type { GenesisDoc } from './document.ts';
import { genesisProblems } from './validate.ts';

export class GenesisError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid genesis document: ${problems.join('; ')}`);
    this.name = 'GenesisError';
  }
}

export interface GenesisState {
  /** Every record of the height-0 state, sorted by key. */
  changes: StateChange[];
  /** The set of rounds 0 and 1. */
  validators: ValidatorSet;
  stateRoot: Hash;
  /** Merkle nodes behind stateRoot, for the node's store. */
  nodes: NodeBatch;
}

/** Throws GenesisError (listing every problem) for an invalid document. */
export function genesisState(input: GenesisDoc): GenesisState {
  const problems = genesisProblems(input);
  if (problems.length > 0) throw new GenesisError(problems);
  const doc = normaliseGenesis(input);
  const view = StateView.over(EMPTY_STATE);
  view.setParams(doc.parameters);

  for (const m of doc.members) view.setMember(m.address, { name: m.name, info: m.info, admittedAt: 0n });
  view.setMemberList(doc.members.map((m) => m.address));

  const weights = new Map<string, bigint>();
  for (const a of doc.accounts)
    for (const v of a.votes) weights.set(hexOf(v.candidate), addU64(weights.get(hexOf(v.candidate)) ?? 0n, v.amount));
  for (const c of doc.candidates) {
    view.setCandidate(c.address, {
      name: c.name,
      consensusKey: c.consensusKey,
      endpoint: c.endpoint,
      selfAddress: c.address,
      voteWeight: weights.get(hexOf(c.address)) ?? 0n,
      status: 'active',
      consecutiveMisses: 0,
      producedBlocks: 0n,
      missedBlocks: 0n,
    });
    view.setNameOwner(c.name, c.address);
    view.setConsensusKeyOwner(c.consensusKey, c.address);
  }
  view.setCandidateList(doc.candidates.map((c) => c.address));

  for (const a of doc.accounts)
    view.setAccount(a.address, { balance: a.balance, nonce: 0n, staked: a.staked, unbonding: [], votes: a.votes });
  const staked = sumU64(doc.accounts.map((a) => a.staked));
  view.setTotals({
    supply: addU64(sumU64(doc.accounts.map((a) => a.balance)), staked),
    staked,
    minted: 0n,
    burned: 0n,
    slashed: 0n,
  });

  const keyOf = new Map(doc.candidates.map((c) => [hexOf(c.address), c.consensusKey]));
  const validators = doc.initialProducers.map((address) => ({ address, consensusKey: keyOf.get(hexOf(address))! })); // validated: every producer is a candidate
  const bpt = doc.parameters.blocksPerTurn;
  const round0 = firstSpan(0n, 1n, validators.length, bpt);
  const round1 = nextSpan(round0, validators.length, bpt);
  view.setRounds({
    height: 0n,
    rounds: [round0, round1].map((s) => ({
      round: s.round,
      startHeight: s.startHeight,
      blocksPerTurn: bpt,
      validators,
    })),
  });

  const changes = view.changes();
  const { root, nodes } = updateStateRoot(new MemoryNodeStore(), EMPTY_STATE_ROOT, changes);
  return { changes, validators, stateRoot: root, nodes };
}

/** The height-0 header; pass the genesis state if it was already computed. */
export function genesisHeader(doc: GenesisDoc, state: GenesisState = genesisState(doc)): BlockHeader {
  const set = validatorSetHash(state.validators);
  return {
    version: HEADER_VERSION,
    height: 0n,
    dposRound: 0n,
    timestamp: doc.genesisTime,
    previousHash: genesisHash(doc),
    producer: new Uint8Array(20),
    stateRoot: state.stateRoot,
    transactionRoot: txRoot([]),
    validatorSetHash: set,
    nextValidatorSetHash: set,
  };
}
