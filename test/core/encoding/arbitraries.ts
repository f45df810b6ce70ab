/** fast-check generators for every value of the data model, kept within the encoding's rules. */
import fc from 'fast-check';
import { compareBytes, MAX_U64 } from '../../../shared/core/encoding/index.ts';
import * as T from '../../../shared/core/types/index.ts';

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

export const bytesN = (n: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: n, maxLength: n });
export const address = bytesN(20);
export const key32 = bytesN(32);
export const hash32 = bytesN(32);
export const sig64 = bytesN(64);

/** Edges (0, 1, max) often, plus the whole range. */
export const u64 = fc.oneof(
  fc.constantFrom(0n, 1n, 255n, 256n, MAX_U64 - 1n, MAX_U64),
  fc.bigInt({ min: 0n, max: MAX_U64 }),
);
export const u32 = fc.oneof(fc.constantFrom(0, 1, 0xffff_ffff), fc.bigInt({ min: 0n, max: 0xffff_ffffn }).map(Number));

/** NFC text within a byte budget; mixes any code point with grapheme clusters (combining marks). */
export function nfcText(maxBytes: number): fc.Arbitrary<string> {
  return fc
    .oneof(fc.string({ unit: 'binary', maxLength: maxBytes }), fc.string({ unit: 'grapheme', maxLength: maxBytes / 4 }))
    .map((s) => s.normalize('NFC'))
    .filter((s) => utf8Length(s) <= maxBytes);
}

export const candidateName = fc.stringMatching(/^[a-z0-9_.-]{1,32}$/);
export const endpoint = fc.stringMatching(/^[\x21-\x7e]{1,128}$/);

const sortedUniqueBytes = (arb: fc.Arbitrary<Uint8Array>, maxLength: number): fc.Arbitrary<Uint8Array[]> =>
  fc
    .uniqueArray(arb, { maxLength, comparator: (a, b) => compareBytes(a, b) === 0 })
    .map((xs) => [...xs].sort(compareBytes));

export const vote: fc.Arbitrary<T.Vote> = fc.record(
  {
    type: fc.constantFrom('prevote' as const, 'precommit' as const),
    height: u64,
    round: u32,
    blockHash: hash32,
    validator: key32,
  },
  { requiredKeys: ['type', 'height', 'round', 'validator'] },
);
export const signedVote: fc.Arbitrary<T.SignedVote> = fc.record({ vote, signature: sig64 });

export const blockProposal: fc.Arbitrary<T.BlockProposal> = fc
  .record({
    height: u64,
    round: fc.integer({ min: 1, max: 0x7fff_ffff }),
    pol: fc.option(fc.nat(), { nil: undefined }),
    blockHash: hash32,
    proposer: key32,
  })
  .map(({ pol, ...p }) => (pol === undefined ? p : { ...p, polRound: pol % p.round }));
export const signedBlockProposal: fc.Arbitrary<T.SignedBlockProposal> = fc.record({
  proposal: blockProposal,
  signature: sig64,
});

export const commitCertificate = (height: fc.Arbitrary<bigint> = u64): fc.Arbitrary<T.CommitCertificate> =>
  fc.record({
    height,
    round: u32,
    blockHash: hash32,
    signatures: fc
      .uniqueArray(fc.nat({ max: 300 }), { maxLength: 6 })
      .chain((idx) =>
        fc.tuple(
          ...[...idx].sort((a, b) => a - b).map((i) => fc.record({ validatorIndex: fc.constant(i), signature: sig64 })),
        ),
      )
      .map((xs) => [...xs]),
  });

export const validatorSet: fc.Arbitrary<T.ValidatorSet> = fc.uniqueArray(fc.record({ address, consensusKey: key32 }), {
  minLength: 1,
  maxLength: 8,
  comparator: (a, b) => compareBytes(a.address, b.address) === 0 || compareBytes(a.consensusKey, b.consensusKey) === 0,
});

export const chainParameters: fc.Arbitrary<T.ChainParameters> = fc
  .record({
    activeProducers: fc.integer({ min: 1, max: T.MAX_VALIDATORS }),
    minFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    blockIntervalMs: fc.integer({ min: 1, max: 0x7fff_ffff }),
    blocksPerTurn: fc.integer({ min: 1, max: 100 }),
    minVoteRatioPpm: fc.integer({ min: 0, max: 1_000_000 }),
    unbondingPeriodBlocks: u64,
    missLimit: fc.integer({ min: 1, max: 1000 }),
    jailPeriodBlocks: u64,
    minFee: u64,
    blockReward: u64,
    proposalPeriodBlocks: u64.filter((v) => v >= 1n),
    slashPpm: fc.integer({ min: 0, max: 1_000_000 }),
    reporterRewardPpm: fc.integer({ min: 0, max: 1_000_000 }),
    maxBlockTransactions: fc.integer({ min: 1, max: T.MAX_BLOCK_TRANSACTIONS }),
  })
  .map(({ minFraction, ...p }) => ({ ...p, minProducers: Math.max(1, Math.floor(p.activeProducers * minFraction)) }));

const parameterName = fc.constantFrom(...(Object.keys(T.chainParameterSpecs) as T.ParameterName[]));
export const proposalAction: fc.Arbitrary<T.ProposalAction> = fc.oneof(
  fc.record({ type: fc.constant('removeMember' as const), member: address }),
  fc.record({ type: fc.constant('changeParameter' as const), name: parameterName, value: u64 }),
);
export const proposalSubject: fc.Arbitrary<T.ProposalSubject> = fc.oneof(
  fc.record({ type: fc.constant('admitMember' as const), name: nfcText(64), info: nfcText(256) }),
  proposalAction,
);

export const governanceProposal: fc.Arbitrary<T.GovernanceProposal> = fc
  .record({
    id: hash32,
    subject: proposalSubject,
    proposer: address,
    voters: sortedUniqueBytes(address, 12),
    split: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    createdHeight: fc.bigInt({ min: 0n, max: 1n << 40n }),
    period: fc.bigInt({ min: 0n, max: 1n << 40n }),
    status: fc.constantFrom('open' as const, 'passed' as const, 'rejected' as const, 'lapsed' as const),
  })
  .map(({ voters, split, period, ...p }) => ({
    ...p,
    yes: voters.filter((_, i) => split[i]),
    no: voters.filter((_, i) => !split[i]),
    deadlineHeight: p.createdHeight + period,
  }));

const voteChanges = fc
  .uniqueArray(fc.record({ candidate: address, increase: fc.boolean(), amount: u64 }), {
    maxLength: 10,
    comparator: (a, b) => compareBytes(a.candidate, b.candidate) === 0,
  })
  .map((xs) => [...xs].sort((a, b) => compareBytes(a.candidate, b.candidate)));

const orderedPair = <V>(arb: fc.Arbitrary<V>, encode: (v: V) => Uint8Array): fc.Arbitrary<[V, V]> =>
  fc
    .tuple(arb, arb)
    .filter(([a, b]) => compareBytes(encode(a), encode(b)) !== 0)
    .map(([a, b]) => (compareBytes(encode(a), encode(b)) < 0 ? [a, b] : [b, a]));

export const payload: fc.Arbitrary<T.Payload> = fc.oneof(
  fc.record({ type: fc.constant('transfer' as const), to: address, amount: u64, memo: nfcText(64) }),
  fc.record({ type: fc.constant('member.apply' as const), name: nfcText(64), info: nfcText(256) }),
  fc.record({ type: fc.constant('member.vote' as const), proposalId: hash32, approve: fc.boolean() }),
  fc.record({ type: fc.constant('member.propose' as const), action: proposalAction }),
  fc.record({ type: fc.constant('stake' as const), amount: u64 }),
  fc.record({ type: fc.constant('unstake' as const), amount: u64 }),
  fc.constant({ type: 'withdraw' as const }),
  fc.record({ type: fc.constant('vote' as const), changes: voteChanges }),
  fc.record({ type: fc.constant('candidate.register' as const), name: candidateName, consensusKey: key32, endpoint }),
  fc.record(
    { type: fc.constant('candidate.update' as const), consensusKey: key32, endpoint },
    { requiredKeys: ['type'] },
  ),
  fc.constant({ type: 'candidate.resign' as const }),
  fc.constant({ type: 'candidate.unjail' as const }),
  orderedPair(signedVote, (v) => T.signedVoteCodec.encode(v)).map(([voteA, voteB]) => ({
    type: 'evidence.doubleSign' as const,
    voteA,
    voteB,
  })),
  orderedPair(signedBlockProposal, (v) => T.signedBlockProposalCodec.encode(v)).map(([proposalA, proposalB]) => ({
    type: 'evidence.doubleProposal' as const,
    proposalA,
    proposalB,
  })),
);

export const transaction: fc.Arbitrary<T.Transaction> = fc.record({
  senderPublicKey: key32,
  nonce: u64,
  fee: u64,
  expiryHeight: u64,
  payload,
});
export const signedTransaction: fc.Arbitrary<T.SignedTransaction> = fc.record({ tx: transaction, signature: sig64 });

export const blockHeader: fc.Arbitrary<T.BlockHeader> = fc
  .record({
    version: u32,
    height: fc.oneof(fc.constantFrom(0n, 1n, 2n), fc.bigInt({ min: 2n, max: MAX_U64 })),
    dposRound: u64,
    timestamp: u64,
    previousHash: hash32,
    producer: address,
    stateRoot: hash32,
    transactionRoot: hash32,
    validatorSetHash: hash32,
    nextValidatorSetHash: hash32,
  })
  .chain((h) =>
    h.height <= 1n
      ? fc.constant(h)
      : commitCertificate(fc.constant(h.height - 1n)).map((lastCommit) => ({ ...h, lastCommit })),
  );
export const signedHeader: fc.Arbitrary<T.SignedHeader> = fc.record({ header: blockHeader, signature: sig64 });
export const block: fc.Arbitrary<T.Block> = fc.record({
  header: signedHeader,
  transactions: fc.array(signedTransaction, { maxLength: 3 }),
});

export const account: fc.Arbitrary<T.Account> = fc
  .record({
    balance: u64,
    nonce: u64,
    spare: fc.bigInt({ min: 0n, max: 1n << 60n }),
    unbonding: fc
      .uniqueArray(fc.record({ amount: u64.filter((a) => a > 0n), releaseHeight: u64 }), {
        maxLength: 5,
        selector: (u) => u.releaseHeight,
      })
      .map((xs) => [...xs].sort((a, b) => (a.releaseHeight < b.releaseHeight ? -1 : 1))),
    votes: fc
      .uniqueArray(fc.record({ candidate: address, amount: fc.bigInt({ min: 1n, max: 1n << 59n }) }), {
        maxLength: 10,
        comparator: (a, b) => compareBytes(a.candidate, b.candidate) === 0,
      })
      .map((xs) => [...xs].sort((a, b) => compareBytes(a.candidate, b.candidate))),
  })
  .map(({ spare, ...a }) => ({ ...a, staked: a.votes.reduce((s, v) => s + v.amount, spare) }));

export const candidate: fc.Arbitrary<T.Candidate> = fc
  .record({
    name: candidateName,
    consensusKey: key32,
    endpoint,
    selfAddress: address,
    voteWeight: u64,
    status: fc.constantFrom('active' as const, 'jailed' as const, 'tombstoned' as const, 'resigned' as const),
    consecutiveMisses: u32,
    producedBlocks: u64,
    missedBlocks: u64,
    until: u64,
  })
  .map(({ until, ...c }) => (c.status === 'jailed' ? { ...c, jailedUntil: until } : c));

export const member: fc.Arbitrary<T.Member> = fc.record({ name: nfcText(64), info: nfcText(256), admittedAt: u64 });
