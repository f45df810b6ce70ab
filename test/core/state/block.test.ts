import { describe, expect, it } from 'vitest';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import {
  applyBlock,
  nextValidatorSetHash,
  roundRecord,
  scheduledProducer,
  seedHeightOfRound,
  validatorSetForRound,
} from '../../../shared/core/state/index.ts';
import { transactionId, validatorSetHash, type Block, type BlockHeader } from '../../../shared/core/types/index.ts';
import { CHAIN_ID, Harness, outsider, verifier } from './helpers.ts';

const transfer = (to: Uint8Array, amount: bigint) => ({ type: 'transfer' as const, to, amount, memo: '' });
const has = (list: readonly Uint8Array[], a: Uint8Array): boolean => list.some((x) => equalBytes(x, a));

describe('applyBlock: fees, reward, receipts', () => {
  it('credits fees and the block reward to the producer and mints the reward', () => {
    const h = new Harness();
    const [p0, p1] = h.producers;
    const before = { producer: h.view().account(p0!.address).balance, totals: h.view().totals() };
    const txs = [
      h.tx(p1!, transfer(outsider(1).address, 10n), { fee: 5000n }),
      h.tx(h.members[0]!, transfer(outsider(2).address, 20n)),
    ];
    const result = h.block(txs, p0!.address);
    if (!result.ok) throw new Error(result.reason);
    const fees = 5000n + h.params.minFee;
    expect(result.fees).toBe(fees);
    expect(result.reward).toBe(h.params.blockReward);
    expect(result.receipts).toEqual(
      txs.map((t, i) => ({ id: transactionId(t), ok: true, fee: i === 0 ? 5000n : h.params.minFee })),
    );
    expect(h.view().account(p0!.address).balance).toBe(before.producer + fees + h.params.blockReward);
    expect(h.view().totals()).toMatchObject({
      supply: before.totals.supply + h.params.blockReward,
      minted: h.params.blockReward,
    });
    expect(roundRecord(h.state).height).toBe(1n);
  });

  it('rejects the whole block when one transaction fails, naming it, and changes nothing', () => {
    const h = new Harness();
    const [p0, p1] = h.producers;
    const good = h.tx(p1!, transfer(outsider(1).address, 10n));
    const bad = h.tx(h.members[0]!, { type: 'withdraw' });
    const result = h.block([good, bad], p0!.address);
    const id = Buffer.from(transactionId(bad)).toString('hex');
    expect(result).toEqual({
      ok: false,
      reason: `transaction 1 (id ${id}): nothing to withdraw: the account has no unbonding stake`,
    });
    expect(roundRecord(h.state).height).toBe(0n);
    expect(h.view().account(p1!.address).nonce).toBe(0n);
  });

  it('rejects wrong heights and rounds, producers outside the set, and oversized blocks', () => {
    const h = new Harness({ parameters: { maxBlockTransactions: 1 } });
    const p0 = h.producers[0]!.address;
    const ctx = { chainId: CHAIN_ID, verifier, scheduledProducer: p0 };
    const draft = { height: 1n, dposRound: 0n, producer: p0, transactions: [] };
    expect(applyBlock(h.state, { ...draft, height: 2n }, ctx)).toEqual({
      ok: false,
      reason: "block height 2 does not follow the state's height 0",
    });
    expect(applyBlock(h.state, { ...draft, dposRound: 1n }, ctx)).toEqual({
      ok: false,
      reason: 'the block names DPoS round 1, but height 1 is in round 0',
    });
    const stranger = outsider(1).address;
    expect(applyBlock(h.state, { ...draft, producer: stranger }, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^producer 0x[0-9a-f]{40} is not in the active set of round 0$/),
    });
    expect(applyBlock(h.state, draft, { ...ctx, scheduledProducer: stranger })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the scheduled producer .* is not in the active set/),
    });
    const two = [h.tx(h.producers[1]!, transfer(stranger, 1n)), h.tx(h.producers[2]!, transfer(stranger, 1n))];
    expect(applyBlock(h.state, { ...draft, transactions: two }, ctx)).toEqual({
      ok: false,
      reason: 'the block carries 2 transactions; at most 1 are allowed',
    });
  });

  it('applies parameter changes from the next block on', () => {
    const h = new Harness({ producers: 1, extraMembers: 0 });
    const p = h.producers[0]!;
    const old = h.params.blockReward;
    const propose = h.tx(p, {
      type: 'member.propose',
      action: { type: 'changeParameter', name: 'blockReward', value: 7n },
    });
    const vote = h.tx(p, { type: 'member.vote', proposalId: transactionId(propose), approve: true }, { nonce: 1n });
    const first = h.block([propose, vote], p.address);
    expect(first.ok && first.reward).toBe(old);
    const second = h.block([], p.address);
    expect(second.ok && second.reward).toBe(7n);
  });
});

describe('applyBlock: produced and missed turns', () => {
  it('credits the scheduled producer when it produces, charges it a miss when another does, and jails at the miss limit', () => {
    const h = new Harness();
    const [p0, p1] = h.producers;
    const limit = h.params.missLimit;
    expect(h.block([], p1!.address, p1!.address).ok).toBe(true);
    expect(h.view().candidate(p1!.address)).toMatchObject({ producedBlocks: 1n, consecutiveMisses: 0 });
    for (let i = 1; i < limit; i++) {
      const r = h.block([], p0!.address, p1!.address);
      expect(r.ok && r.jailed).toBeUndefined();
    }
    expect(h.view().candidate(p1!.address)).toMatchObject({ consecutiveMisses: limit - 1, status: 'active' });
    expect(h.view().candidate(p0!.address)).toMatchObject({ producedBlocks: 0n }); // a stand-in gets no credit
    const height = roundRecord(h.state).height + 1n;
    const r = h.block([], p0!.address, p1!.address);
    expect(r.ok && r.jailed).toEqual(p1!.address);
    expect(h.view().candidate(p1!.address)).toMatchObject({
      status: 'jailed',
      jailedUntil: height + h.params.jailPeriodBlocks,
      consecutiveMisses: 0,
      missedBlocks: BigInt(limit),
    });
    // Already jailed: further misses are counted but do not jail again.
    const again = h.block([], p0!.address, p1!.address);
    expect(again.ok && again.jailed).toBeUndefined();
    expect(h.view().candidate(p1!.address)).toMatchObject({ missedBlocks: BigInt(limit + 1), consecutiveMisses: 0 });
  });

  it('ends a run of misses when the producer makes its own block', () => {
    const h = new Harness();
    const [p0, p1] = h.producers;
    h.block([], p0!.address, p1!.address);
    h.block([], p0!.address, p1!.address);
    h.block([], p1!.address, p1!.address);
    expect(h.view().candidate(p1!.address)).toMatchObject({
      consecutiveMisses: 0,
      missedBlocks: 2n,
      producedBlocks: 1n,
    });
  });
});

describe('applyBlock: elections and rounds', () => {
  /** 4 producers, one block per turn: round 0 is heights 1–4, round 1 is 5–8. */
  function runTo(h: Harness, height: bigint, txs: (height: bigint) => Parameters<Harness['block']>[0] = () => []) {
    let last;
    while (roundRecord(h.state).height < height) {
      last = h.block(txs(roundRecord(h.state).height + 1n), h.producers[0]!.address);
      if (!last.ok) throw new Error(last.reason);
    }
    return last!;
  }

  it('elects at the last height of a round for the round after next, and announces it one round later', () => {
    const h = new Harness();
    const m = h.members[0]!;
    const initial = validatorSetForRound(h.state, 0n)!;
    // A new candidate with more weight than any producer displaces the lowest-ranked one (ties by address).
    h.accept(m, {
      type: 'candidate.register',
      name: 'newcomer',
      consensusKey: h.devnet.producerKeys[0]!.accountPublicKey,
      endpoint: 'wss://n',
    });
    h.accept(m, { type: 'stake', amount: 200_000_000_000n });
    h.accept(m, { type: 'vote', changes: [{ candidate: m.address, increase: true, amount: 200_000_000_000n }] });

    const mid = runTo(h, 3n);
    expect(mid.election).toBeUndefined();
    expect(mid.nextValidatorSetHash).toEqual(validatorSetHash(initial));
    const end0 = runTo(h, 4n);
    expect(end0.election).toMatchObject({ round: 2n, carriedOver: false });
    const elected = end0.election!.validators;
    expect(elected[0]!.address).toEqual(m.address); // highest weight first
    expect(elected).toHaveLength(4);
    // Round 1 still uses the initial set, so block 4 announces it unchanged.
    expect(end0.nextValidatorSetHash).toEqual(validatorSetHash(initial));
    expect(roundRecord(h.state).rounds.map((r) => r.round)).toEqual([1n, 2n]);
    expect(validatorSetForRound(h.state, 2n)).toEqual(elected);
    expect(roundRecord(h.state).rounds[1]!.startHeight).toBe(9n);

    const end1 = runTo(h, 8n);
    expect(end1.validatorSetHash).toEqual(validatorSetHash(initial));
    expect(end1.nextValidatorSetHash).toEqual(validatorSetHash(elected)); // the hand-off header
    expect(nextValidatorSetHash(h.state)).toEqual(validatorSetHash(elected));
    expect(roundRecord(h.state).rounds.map((r) => r.round)).toEqual([2n, 3n]);
  });

  it('carries the latest elected set over when fewer than minProducers are eligible', () => {
    const h = new Harness();
    expect(h.params.minProducers).toBe(3);
    h.accept(h.producers[1]!, { type: 'candidate.resign' });
    h.accept(h.producers[2]!, { type: 'candidate.resign' });
    const end0 = runTo(h, 4n);
    expect(end0.election).toMatchObject({ round: 2n, carriedOver: true });
    expect(end0.election!.reason).toMatch(/only 2 eligible candidate\(s\), fewer than the minimum 3/);
    expect(end0.election!.validators.map((v) => v.address)).toEqual(
      validatorSetForRound(h.state, 1n)!.map((v) => v.address),
    );
  });

  it('puts a rotated consensus key into the next set elected, not the sets already fixed', () => {
    const h = new Harness();
    const p = h.producers[2]!;
    const newKey = h.devnet.memberKeys[1]!.accountPublicKey;
    h.accept(p, { type: 'candidate.update', consensusKey: newKey });
    runTo(h, 4n);
    const keyIn = (round: bigint) =>
      validatorSetForRound(h.state, round)!.find((v) => equalBytes(v.address, p.address))!.consensusKey;
    expect(keyIn(1n)).not.toEqual(newKey);
    expect(keyIn(2n)).toEqual(newKey);
  });

  it('excludes jailed and tombstoned candidates and non-members from the election', () => {
    const h = new Harness({ producers: 4, parameters: { minProducers: 1 } });
    const [p0, p1, p2, p3] = h.producers;
    const v = h.view();
    v.setCandidate(p1!.address, { ...v.candidate(p1!.address)!, status: 'jailed', jailedUntil: 100n });
    v.setCandidate(p2!.address, { ...v.candidate(p2!.address)!, status: 'tombstoned' });
    v.setMember(p3!.address, undefined);
    h.state.apply(v.changes());
    const end0 = runTo(h, 4n);
    expect(end0.election!.validators.map((x) => x.address)).toEqual([p0!.address]);
    expect(roundRecord(h.state).rounds[1]).toMatchObject({ round: 2n, startHeight: 9n });
  });
});

describe('applyBlock with a full signed block, and the schedule helpers', () => {
  it('checks the header set hashes against state', () => {
    const h = new Harness();
    const p0 = h.producers[0]!.address;
    const set = validatorSetHash(validatorSetForRound(h.state, 0n)!);
    const header: BlockHeader = {
      version: 1,
      height: 1n,
      dposRound: 0n,
      timestamp: 1n,
      previousHash: new Uint8Array(32),
      producer: p0,
      stateRoot: new Uint8Array(32),
      transactionRoot: new Uint8Array(32),
      validatorSetHash: set,
      nextValidatorSetHash: set,
    };
    const block = (over: Partial<BlockHeader>): Block => ({
      header: { header: { ...header, ...over }, signature: new Uint8Array(64) },
      transactions: [],
    });
    const ctx = { chainId: CHAIN_ID, verifier, scheduledProducer: p0 };
    expect(applyBlock(h.state, block({}), ctx).ok).toBe(true);
    expect(applyBlock(h.state, block({ validatorSetHash: new Uint8Array(32) }), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the header's validatorSetHash 0{64} is not the hash of round 0's set/),
    });
    expect(applyBlock(h.state, block({ nextValidatorSetHash: new Uint8Array(32) }), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/nextValidatorSetHash .* is not the hash of the next height's set/),
    });
  });

  it('derives the scheduled producer from the round set and the seed header, deterministically', () => {
    const h = new Harness();
    expect(seedHeightOfRound(h.state, 0n)).toBe(0n);
    expect(seedHeightOfRound(h.state, 1n)).toBe(4n);
    const seed = new Uint8Array(32).fill(9);
    const order = [1n, 2n, 3n, 4n].map((height) => scheduledProducer(h.state, height, seed));
    const set = validatorSetForRound(h.state, 0n)!.map((v) => v.address);
    expect(order.every((a) => has(set, a))).toBe(true);
    expect(new Set(order.map((a) => Buffer.from(a).toString('hex'))).size).toBe(4); // one turn each
    expect([1n, 2n, 3n, 4n].map((height) => scheduledProducer(h.state, height, seed))).toEqual(order);
    expect(() => scheduledProducer(h.state, 9n, seed)).toThrow('height 9 is outside the rounds this state knows');
  });
});
