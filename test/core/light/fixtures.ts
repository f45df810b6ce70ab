/**
 * A small real chain for the light-client tests: deterministic consensus keys, headers with real
 * state roots (a sparse Merkle tree of account records) and transaction roots, each header
 * carrying its parent's certificate, and every certificate signed with PRECOMMIT.
 *
 * Rounds (one block per turn, so a round is as long as its set):
 *   round 0: heights 1–4,   set A (4 validators) — genesis gives A for rounds 0 and 1
 *   round 1: heights 5–8,   set A; header 8 hands off to B
 *   round 2: heights 9–15,  set B (7 validators); header 15 hands off to B again
 *   round 3: heights 16–22, set B
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { trustFromGenesis, type Accepted, type LightClientState } from '../../../shared/core/light/index.ts';
import {
  addressBytes,
  publicKeyFromSecret,
  sha256,
  signDomain,
  SigningDomain,
} from '../../../shared/core/crypto/index.ts';
import { MemoryNodeStore, SparseMerkleTree, txRoot, type SmtProof } from '../../../shared/core/merkle/index.ts';
import { accountKey } from '../../../shared/core/state/index.ts';
import {
  accountCodec,
  HEADER_VERSION,
  headerHash,
  validatorSetHash,
  voteCodec,
  type Account,
  type Address,
  type BlockHeader,
  type CommitCertificate,
  type ValidatorSet,
} from '../../../shared/core/types/index.ts';

export const CHAIN_ID = 'consortia-light-test';
export const GENESIS_TIME = 1_700_000_000_000n;
export const BLOCK_MS = 1000n;

export interface Signer {
  readonly secret: Uint8Array;
  readonly address: Address;
  readonly consensusKey: Uint8Array;
}

export const label = (text: string): Uint8Array => sha256(utf8ToBytes(text));

/** n validators whose consensus secrets are sha256("light-test/<tag>/<i>"). */
export function makeSigners(tag: string, n: number): Signer[] {
  return Array.from({ length: n }, (_, i) => {
    const secret = label(`light-test/${tag}/${i}`);
    const consensusKey = publicKeyFromSecret(secret);
    return { secret, consensusKey, address: addressBytes(label(`light-test/${tag}/${i}/account`)) };
  });
}

export const setOf = (signers: readonly Signer[]): ValidatorSet =>
  signers.map(({ address, consensusKey }) => ({ address, consensusKey }));

export interface CertifyOptions {
  /** Which members of `signers` sign (indexes into the set); all by default. */
  indexes?: number[];
  chainId?: string;
  round?: number;
}

/** A commit certificate for `header` by the given members of the set, each a real PRECOMMIT. */
export function certify(
  header: BlockHeader,
  signers: readonly Signer[],
  options: CertifyOptions = {},
): CommitCertificate {
  const { indexes = signers.map((_, i) => i), chainId = CHAIN_ID, round = 0 } = options;
  const blockHash = headerHash(header);
  const signatures = indexes.map((validatorIndex) => {
    const signer = signers[validatorIndex] as Signer;
    const vote = voteCodec.encode({
      type: 'precommit',
      height: header.height,
      round,
      blockHash,
      validator: signer.consensusKey,
    });
    return { validatorIndex, signature: signDomain(SigningDomain.PRECOMMIT, chainId, vote, signer.secret) };
  });
  return { height: header.height, round, blockHash, signatures };
}

export const USERS = ['alice', 'bob', 'carol'].map((name) => label(`user/${name}`).slice(0, 20));

export const accountOf = (balance: bigint): Account => ({ balance, nonce: 0n, staked: 0n, unbonding: [], votes: [] });

export interface ChainBlock {
  readonly header: BlockHeader;
  readonly certificate: CommitCertificate;
  readonly txIds: Uint8Array[];
  /** Every account balance after this block. */
  readonly balances: bigint[];
}

export interface TestChain {
  readonly setA: Signer[];
  readonly setB: Signer[];
  readonly genesis: BlockHeader;
  readonly genesisSet: ValidatorSet;
  /** blocks[h - 1] is height h. */
  readonly blocks: ChainBlock[];
  readonly tree: SparseMerkleTree;
  at(height: number): ChainBlock;
  /** Proof of user u's account record in the state after `height`. */
  prove(height: number, user: number): SmtProof;
  accountBytes(height: number, user: number): Uint8Array;
}

const ROUNDS: { set: 'A' | 'B'; length: number }[] = [
  { set: 'A', length: 4 },
  { set: 'A', length: 4 },
  { set: 'B', length: 7 },
  { set: 'B', length: 7 },
];

function buildChain(): TestChain {
  const setA = makeSigners('A', 4);
  const setB = makeSigners('B', 7);
  const signersOf = (name: 'A' | 'B'): Signer[] => (name === 'A' ? setA : setB);
  const store = new MemoryNodeStore();
  const tree = new SparseMerkleTree(store);
  const apply = (root: Uint8Array, balances: bigint[]): Uint8Array => {
    const update = tree.update(
      root,
      balances.map((b, u) => ({
        key: accountKey(USERS[u] as Address),
        valueHash: sha256(accountCodec.encode(accountOf(b))),
      })),
    );
    store.put(update.nodes);
    return update.root;
  };

  let balances = [1000n, 2000n, 0n];
  const genesisSet = setOf(setA);
  const genesis: BlockHeader = {
    version: HEADER_VERSION,
    height: 0n,
    dposRound: 0n,
    timestamp: GENESIS_TIME,
    previousHash: label('genesis document'),
    producer: new Uint8Array(20),
    stateRoot: apply(new Uint8Array(32), balances),
    transactionRoot: txRoot([]),
    validatorSetHash: validatorSetHash(genesisSet),
    nextValidatorSetHash: validatorSetHash(genesisSet),
  };

  const blocks: ChainBlock[] = [];
  let parent = genesis;
  let parentCert: CommitCertificate | undefined;
  ROUNDS.forEach(({ set, length }, round) => {
    const signers = signersOf(set);
    const next = ROUNDS[round + 1]?.set ?? set;
    for (let slot = 0; slot < length; slot++) {
      const height = parent.height + 1n;
      const u = Number(height % 3n);
      balances = balances.map((b, i) => (i === u ? b + height : b));
      const txIds = Array.from({ length: Number(height % 4n) }, (_, i) => label(`tx/${height}/${i}`));
      const header: BlockHeader = {
        version: HEADER_VERSION,
        height,
        dposRound: BigInt(round),
        timestamp: GENESIS_TIME + height * BLOCK_MS,
        previousHash: headerHash(parent),
        producer: (signers[slot % signers.length] as Signer).address,
        stateRoot: apply(parent.stateRoot, balances),
        transactionRoot: txRoot(txIds),
        validatorSetHash: validatorSetHash(setOf(signers)),
        nextValidatorSetHash: validatorSetHash(setOf(slot === length - 1 ? signersOf(next) : signers)),
        ...(parentCert === undefined ? {} : { lastCommit: parentCert }),
      };
      const certificate = certify(header, signers);
      blocks.push({ header, certificate, txIds, balances });
      parent = header;
      parentCert = certificate;
    }
  });

  const at = (height: number): ChainBlock => {
    const block = blocks[height - 1];
    if (block === undefined) throw new RangeError(`no block at height ${height}`);
    return block;
  };
  return {
    setA,
    setB,
    genesis,
    genesisSet,
    blocks,
    tree,
    at,
    prove: (height, user) => tree.prove(at(height).header.stateRoot, accountKey(USERS[user] as Address)),
    accountBytes: (height, user) => accountCodec.encode(accountOf(at(height).balances[user] as bigint)),
  };
}

let cached: TestChain | undefined;
/** Built once per test file (signing ~60 certificates takes a moment). */
export function chain(): TestChain {
  cached ??= buildChain();
  return cached;
}

/** A client that trusts the fixture chain's genesis. */
export function genesisState(): LightClientState {
  const c = chain();
  const started = trustFromGenesis({
    chainId: CHAIN_ID,
    genesisHash: headerHash(c.genesis),
    header: c.genesis,
    validatorSet: c.genesisSet,
  });
  if (!started.ok) throw new Error(started.reason);
  return started.state;
}

export function must(result: Accepted): LightClientState {
  if (!result.ok) throw new Error(`unexpected rejection: ${result.reason}`);
  return result.state;
}

export function reasonOf(result: { ok: boolean; reason?: string }): string | undefined {
  return result.ok ? undefined : result.reason;
}
