import { describe, expect, it } from 'vitest';
import { SigningDomain } from '../../../shared/core/crypto/index.ts';
import { PROPOSAL_SIGNING_DOMAIN } from '../../../shared/core/state/index.ts';
import {
  blockProposalCodec,
  orderEvidence,
  signedBlockProposalCodec,
  signedVoteCodec,
  voteCodec,
  type BlockProposal,
  type Payload,
  type SignedVote,
  type Vote,
} from '../../../shared/core/types/index.ts';
import { Harness, signIn } from './helpers.ts';

const hash = (n: number): Uint8Array => new Uint8Array(32).fill(n);

function signedVote(secret: Uint8Array, vote: Vote, domain?: SigningDomain): SignedVote {
  const d = domain ?? (vote.type === 'prevote' ? SigningDomain.PREVOTE : SigningDomain.PRECOMMIT);
  return { vote, signature: signIn(d, voteCodec.encode(vote), secret) };
}

function doubleSign(a: SignedVote, b: SignedVote): Payload {
  const [voteA, voteB] = orderEvidence(signedVoteCodec, a, b);
  return { type: 'evidence.doubleSign', voteA, voteB };
}

/** Two prevotes by producer 0's consensus key at height 1, round 0, for blocks 1 and 2 (or as overridden). */
function conflict(h: Harness, over: Partial<Vote> = {}, overB: Partial<Vote> = {}, index = 0): Payload {
  const k = h.devnet.producerKeys[index]!;
  const base: Vote = {
    type: 'prevote',
    height: 1n,
    round: 0,
    blockHash: hash(1),
    validator: k.consensusPublicKey,
    ...over,
  };
  return doubleSign(
    signedVote(k.consensusSecretKey, base),
    signedVote(k.consensusSecretKey, { ...base, blockHash: hash(2), ...overB }),
  );
}

describe('evidence.doubleSign', () => {
  it('slashes the self-stake, tombstones the candidate, rewards the reporter and burns the rest', () => {
    const h = new Harness();
    const offender = h.producers[0]!.address;
    const reporter = h.members[0]!;
    const before = {
      account: h.view().account(offender),
      reporter: h.view().account(reporter.address).balance,
      totals: h.view().totals(),
    };
    const { slashPpm, reporterRewardPpm, minFee } = h.params;
    h.accept(reporter, conflict(h));

    const slashed = (before.account.staked * BigInt(slashPpm)) / 1_000_000n;
    const reward = (slashed * BigInt(reporterRewardPpm)) / 1_000_000n;
    const v = h.view();
    expect(slashed).toBeGreaterThan(0n);
    expect(v.candidate(offender)).toMatchObject({ status: 'tombstoned' });
    expect(v.candidateList().some((a) => Buffer.from(a).equals(Buffer.from(offender)))).toBe(false);
    expect(v.account(offender).staked).toBe(before.account.staked - slashed);
    expect(v.account(reporter.address).balance).toBe(before.reporter + reward - minFee);
    expect(v.totals()).toEqual({
      ...before.totals,
      supply: before.totals.supply - (slashed - reward),
      staked: before.totals.staked - slashed,
      burned: slashed - reward,
      slashed,
    });
  });

  it('takes unallocated stake first, then unbonding (latest first), then allocated stake, trimming votes', () => {
    const h = new Harness({ parameters: { slashPpm: 500_000 } });
    const p = h.producers[0]!;
    h.accept(p, { type: 'vote', changes: [{ candidate: p.address, increase: false, amount: 1000n }] });
    h.accept(p, { type: 'unstake', amount: 300n });
    h.height += 1n;
    h.accept(p, { type: 'unstake', amount: 300n }); // 400 unallocated left, 600 unbonding in two entries
    const a = h.view().account(p.address);
    const self = a.staked + 600n;
    const slashed = self / 2n;
    h.accept(h.members[0]!, conflict(h));
    const after = h.view().account(p.address);
    expect(after.unbonding).toEqual([]);
    expect(after.staked).toBe(a.staked - (slashed - 600n));
    expect(after.votes).toEqual([{ candidate: p.address, amount: a.votes[0]!.amount - (slashed - 1000n) }]);
    expect(h.view().candidate(p.address)!.voteWeight).toBe(after.votes[0]!.amount);
  });

  it('rejects evidence against an already tombstoned candidate', () => {
    const h = new Harness();
    h.accept(h.members[0]!, conflict(h));
    h.reject(
      h.tx(h.members[1]!, conflict(h, { round: 1 })),
      /^candidate 0x[0-9a-f]{40} is already tombstoned: already punished$/,
    );
  });

  it('still finds the candidate after it rotated its consensus key', () => {
    const h = new Harness();
    const p = h.producers[0]!;
    h.accept(p, { type: 'candidate.update', consensusKey: h.devnet.producerKeys[3]!.accountPublicKey });
    h.accept(h.members[0]!, conflict(h));
    expect(h.view().candidate(p.address)!.status).toBe('tombstoned');
  });

  it('counts a vote for nil against a vote for a block as a conflict', () => {
    const h = new Harness();
    h.accept(h.members[0]!, conflict(h, { type: 'precommit' }, { blockHash: undefined }));
  });

  it('rejects votes that do not conflict', () => {
    const h = new Harness();
    const m = h.members[0]!;
    h.reject(
      h.tx(m, conflict(h, {}, { height: 2n })),
      'the votes are for heights 1 and 2; a double sign needs the same height',
    );
    h.reject(
      h.tx(m, conflict(h, {}, { round: 1 })),
      'the votes are for BFT rounds 0 and 1; a double sign needs the same round',
    );
    h.reject(
      h.tx(m, conflict(h, {}, { type: 'precommit' })),
      /^the votes are a (prevote|precommit) and a (prevote|precommit); a double sign needs two votes of the same type$/,
    );
    const k0 = h.devnet.producerKeys[0]!;
    const k1 = h.devnet.producerKeys[1]!;
    const a = signedVote(k0.consensusSecretKey, {
      type: 'prevote',
      height: 1n,
      round: 0,
      blockHash: hash(1),
      validator: k0.consensusPublicKey,
    });
    const b = signedVote(k1.consensusSecretKey, {
      type: 'prevote',
      height: 1n,
      round: 0,
      blockHash: hash(2),
      validator: k1.consensusPublicKey,
    });
    h.reject(h.tx(m, doubleSign(a, b)), 'the votes are signed by different keys; a double sign needs one key');
    // Same vote signed twice (a signer can make several valid signatures): still one block.
    const v: Vote = { type: 'prevote', height: 1n, round: 0, blockHash: hash(1), validator: k0.consensusPublicKey };
    const again = {
      vote: v,
      signature: signIn(SigningDomain.PREVOTE, voteCodec.encode(v), k0.consensusSecretKey, 'consortia-test'),
    };
    const other = { vote: v, signature: new Uint8Array(64).fill(1) };
    h.reject(h.tx(m, doubleSign(again, other)), 'both votes are for the same block, so they do not conflict');
  });

  it('rejects a bad signature, a vote signed in the wrong domain, and a key no candidate used', () => {
    const h = new Harness();
    const m = h.members[0]!;
    const k = h.devnet.producerKeys[0]!;
    const base: Vote = { type: 'precommit', height: 1n, round: 0, blockHash: hash(1), validator: k.consensusPublicKey };
    const good = signedVote(k.consensusSecretKey, base);
    const forged = {
      vote: { ...base, blockHash: hash(2) },
      signature: signedVote(h.devnet.producerKeys[1]!.consensusSecretKey, { ...base, blockHash: hash(2) }).signature,
    };
    const [voteA, voteB] = orderEvidence(signedVoteCodec, good, forged);
    const which = voteA === forged ? 'voteA' : 'voteB';
    h.reject(
      h.tx(m, { type: 'evidence.doubleSign', voteA, voteB }),
      new RegExp(`^the signature of ${which} does not verify under key [0-9a-f]{64}$`),
    );
    const wrongDomain = signedVote(k.consensusSecretKey, { ...base, blockHash: hash(3) }, SigningDomain.PREVOTE);
    h.reject(h.tx(m, doubleSign(good, wrongDomain)), /does not verify under key/);
    const stranger = h.devnet.memberKeys[0]!; // an account key no candidate registered as a consensus key
    const s1 = signedVote(stranger.accountSecretKey, { ...base, validator: stranger.accountPublicKey });
    const s2 = signedVote(stranger.accountSecretKey, {
      ...base,
      blockHash: hash(2),
      validator: stranger.accountPublicKey,
    });
    h.reject(h.tx(m, doubleSign(s1, s2)), /^no candidate has ever used consensus key [0-9a-f]{64}$/);
  });

  it('accepts evidence up to the current height and within the unbonding period only', () => {
    const h = new Harness();
    const m = h.members[0]!;
    h.reject(h.tx(m, conflict(h, { height: 5n })), 'the evidence is for height 5, above the current height 1');
    const period = h.params.unbondingPeriodBlocks;
    h.height = period + 2n;
    h.reject(
      h.tx(m, conflict(h)),
      `the evidence is from height 1, older than the unbonding period of ${period} blocks; it can no longer be punished`,
    );
    h.height = period + 1n;
    h.accept(m, conflict(h));
  });
});

describe('evidence.doubleProposal', () => {
  function proposals(h: Harness, blockB = hash(2), secretB?: Uint8Array): Payload {
    const k = h.devnet.producerKeys[1]!;
    const p: BlockProposal = { height: 1n, round: 0, blockHash: hash(1), proposer: k.consensusPublicKey };
    const q: BlockProposal = { ...p, blockHash: blockB };
    const sign = (x: BlockProposal, secret = k.consensusSecretKey) => ({
      proposal: x,
      signature: signIn(PROPOSAL_SIGNING_DOMAIN, blockProposalCodec.encode(x), secret),
    });
    const [proposalA, proposalB] = orderEvidence(signedBlockProposalCodec, sign(p), sign(q, secretB));
    return { type: 'evidence.doubleProposal', proposalA, proposalB };
  }

  it('punishes two proposals for different blocks at one height and round', () => {
    const h = new Harness();
    h.accept(h.members[0]!, proposals(h));
    expect(h.view().candidate(h.producers[1]!.address)!.status).toBe('tombstoned');
  });

  it('rejects proposals for the same block and badly signed ones', () => {
    const h = new Harness();
    const m = h.members[0]!;
    // The same proposal under a second signature (identical pairs have no encoding at all).
    const k = h.devnet.producerKeys[1]!;
    const p: BlockProposal = { height: 1n, round: 0, blockHash: hash(1), proposer: k.consensusPublicKey };
    const signed = {
      proposal: p,
      signature: signIn(PROPOSAL_SIGNING_DOMAIN, blockProposalCodec.encode(p), k.consensusSecretKey),
    };
    const [proposalA, proposalB] = orderEvidence(signedBlockProposalCodec, signed, {
      proposal: p,
      signature: new Uint8Array(64).fill(1),
    });
    h.reject(
      h.tx(m, { type: 'evidence.doubleProposal', proposalA, proposalB }),
      'both proposals are for the same block, so they do not conflict',
    );
    const later = { ...p, height: 2n, blockHash: hash(2) };
    const [x, y] = orderEvidence(signedBlockProposalCodec, signed, { proposal: later, signature: signed.signature });
    h.reject(
      h.tx(m, { type: 'evidence.doubleProposal', proposalA: x, proposalB: y }),
      'the proposals are for heights 1 and 2; a double proposal needs the same height',
    );
    h.reject(
      h.tx(m, proposals(h, hash(2), h.devnet.producerKeys[2]!.consensusSecretKey)),
      /^the signature of proposal[AB] does not verify under key/,
    );
  });
});
