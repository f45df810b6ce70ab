import { describe, expect, it } from 'vitest';
import { addressBytes, publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import {
  devnetGenesis,
  DEVNET_STAKE,
  GenesisError,
  genesisHash,
  genesisHeader,
  genesisState,
  genesisProblems,
} from '../../../shared/core/genesis/index.ts';
import { MemoryNodeStore, SparseMerkleTree, txRoot } from '../../../shared/core/merkle/index.ts';
import {
  applyBlock,
  MemoryState,
  nextValidatorSetHash,
  roundRecord,
  scheduledProducer,
  seedHeightOfRound,
  StateView,
  stateValueHash,
} from '../../../shared/core/state/index.ts';
import { blockHeaderCodec, headerHash, validatorSetHash } from '../../../shared/core/types/index.ts';
import { createOpensslVerifier } from '../../../shared/node/ed25519-openssl.ts';

const seed = new TextEncoder().encode('genesis state');
const net = () => devnetGenesis({ producers: 4, seed, chainId: 'gen-net' });

describe('genesisState', () => {
  it('writes parameters, members, candidates with their vote weights, accounts, totals and rounds 0 and 1', () => {
    const { doc } = net();
    const g = genesisState(doc);
    const state = new MemoryState();
    state.apply(g.changes);
    const v = StateView.over(state);
    expect(v.params()).toEqual(doc.parameters);
    expect(v.memberList()).toHaveLength(6);
    const p = doc.candidates[0]!;
    expect(v.candidate(p.address)).toMatchObject({
      name: p.name,
      status: 'active',
      voteWeight: DEVNET_STAKE,
      selfAddress: p.address,
    });
    expect(v.nameOwner(p.name)).toEqual(p.address);
    expect(v.consensusKeyOwner(p.consensusKey)).toEqual(p.address);
    expect(v.account(p.address)).toMatchObject({
      staked: DEVNET_STAKE,
      nonce: 0n,
      votes: [{ candidate: p.address, amount: DEVNET_STAKE }],
    });
    const supply = doc.accounts.reduce((s, a) => s + a.balance + a.staked, 0n);
    expect(v.totals()).toEqual({ supply, staked: 4n * DEVNET_STAKE, minted: 0n, burned: 0n, slashed: 0n });
    const record = roundRecord(state);
    expect(record.height).toBe(0n);
    expect(record.rounds.map((r) => [r.round, r.startHeight])).toEqual([
      [0n, 1n],
      [1n, 5n],
    ]);
    expect(g.validators.map((x) => x.address)).toEqual(doc.initialProducers);
    expect(record.rounds[1]!.validators).toEqual(g.validators);
  });

  it('commits to the state in stateRoot: every record is provable from the root', () => {
    const g = genesisState(net().doc);
    const store = new MemoryNodeStore();
    store.put(g.nodes);
    const tree = new SparseMerkleTree(store);
    for (const { key, value } of g.changes) expect(tree.get(g.stateRoot, key)).toEqual(stateValueHash(value!));
  });

  it('refuses an invalid document with every problem listed', () => {
    const { doc } = net();
    const bad = { ...doc, chainId: '', initialProducers: [] };
    expect(() => genesisState(bad)).toThrow(GenesisError);
    expect(genesisProblems(bad)).toEqual([
      'chainId "" must be 1–64 printable ASCII characters without spaces',
      'initialProducers: at least one producer is needed to make blocks',
    ]);
  });
});

describe('genesis header and block 1', () => {
  it('has height 0, previousHash = the document hash, the genesis root and the initial set', () => {
    const { doc } = net();
    const g = genesisState(doc);
    const header = genesisHeader(doc, g);
    expect(header).toMatchObject({
      height: 0n,
      dposRound: 0n,
      timestamp: doc.genesisTime,
      previousHash: genesisHash(doc),
      stateRoot: g.stateRoot,
    });
    expect(header.transactionRoot).toEqual(txRoot([]));
    expect(header.validatorSetHash).toEqual(validatorSetHash(g.validators));
    expect(header.nextValidatorSetHash).toEqual(header.validatorSetHash);
    expect(blockHeaderCodec.decodeOrThrow(blockHeaderCodec.encode(header))).toEqual(header);
    expect(genesisHeader(doc)).toEqual(header);
  });

  it('links block 1 to it: round 0 seeded by the genesis header hash, set hashes from the genesis state', () => {
    const { doc } = net();
    const g = genesisState(doc);
    const state = new MemoryState();
    state.apply(g.changes);
    expect(seedHeightOfRound(state, 0n)).toBe(0n);
    const seedHash = headerHash(genesisHeader(doc, g));
    const producer = scheduledProducer(state, 1n, seedHash);
    const result = applyBlock(
      state,
      { height: 1n, dposRound: 0n, producer, transactions: [] },
      { chainId: doc.chainId, verifier: createOpensslVerifier(), scheduledProducer: producer },
    );
    expect(result.ok && result.validatorSetHash).toEqual(nextValidatorSetHash(state));
    expect(result.ok && result.nextValidatorSetHash).toEqual(validatorSetHash(g.validators));
  });
});

describe('devnetGenesis', () => {
  it('is deterministic for a seed, and another seed gives other keys', () => {
    const a = net();
    const b = net();
    expect(b).toEqual(a);
    const c = devnetGenesis({ producers: 4, seed: new TextEncoder().encode('other'), chainId: 'gen-net' });
    expect(c.producerKeys[0]!.accountSecretKey).not.toEqual(a.producerKeys[0]!.accountSecretKey);
    expect(genesisHash(c.doc)).not.toEqual(genesisHash(a.doc));
  });

  it('gives keys matching the document: producers are members, candidates, stakers and initial producers', () => {
    const { doc, producerKeys, memberKeys } = devnetGenesis({ producers: 5, seed, extraMembers: 3 });
    expect(genesisProblems(doc)).toEqual([]);
    expect(doc.parameters).toMatchObject({
      activeProducers: 5,
      minProducers: 4,
      blocksPerTurn: 1,
      blockIntervalMs: 1000,
    });
    expect(doc.members).toHaveLength(8);
    expect(memberKeys).toHaveLength(3);
    producerKeys.forEach((k, i) => {
      expect(addressBytes(publicKeyFromSecret(k.accountSecretKey))).toEqual(k.address);
      expect(publicKeyFromSecret(k.consensusSecretKey)).toEqual(k.consensusPublicKey);
      expect(doc.candidates[i]).toMatchObject({
        address: k.address,
        consensusKey: k.consensusPublicKey,
        name: `producer-${i}`,
      });
      expect(doc.initialProducers[i]).toEqual(k.address);
    });
    expect(
      memberKeys.every((k) =>
        doc.accounts.some((a) => a.address.every((b, i) => b === k.address[i]) && a.staked === 0n),
      ),
    ).toBe(true);
  });

  it('takes overrides and refuses impossible sizes', () => {
    const { doc } = devnetGenesis({
      producers: 1,
      seed,
      extraMembers: 0,
      parameters: { minFee: 1n },
      chainId: 'solo',
      genesisTime: 5n,
    });
    expect(doc).toMatchObject({
      chainId: 'solo',
      genesisTime: 5n,
      parameters: { minFee: 1n, activeProducers: 1, minProducers: 1 },
    });
    expect(() => devnetGenesis({ producers: 0, seed })).toThrow('producers must be 1..256, got 0');
    expect(() => devnetGenesis({ producers: 2, seed, extraMembers: -1 })).toThrow(
      'extraMembers must be a non-negative integer, got -1',
    );
  });
});
