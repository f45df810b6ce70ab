import { describe, expect, it } from 'vitest';
import { MAX_U64 } from '../../../shared/core/encoding/index.ts';
import * as T from '../../../shared/core/types/index.ts';
import * as A from './arbitraries.ts';
import { checkCanonical, rejects } from './canonical.ts';

const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);

describe('accounts', () => {
  const account = (over: Partial<T.Account> = {}): T.Account => ({
    balance: 10n,
    nonce: 0n,
    staked: 100n,
    unbonding: [],
    votes: [],
    ...over,
  });

  it('round-trip canonically', () => {
    checkCanonical(T.accountCodec, A.account, 100);
  });

  it('allow allocations up to the stake, never above', () => {
    const votes = [
      { candidate: fill(20, 1), amount: 60n },
      { candidate: fill(20, 2), amount: 40n },
    ];
    expect(T.accountCodec.decodeOrThrow(T.accountCodec.encode(account({ votes })))).toEqual(account({ votes }));
    expect(() => T.accountCodec.encode(account({ votes, staked: 99n }))).toThrow(
      'vote allocations (100) exceed staked (99)',
    );
    const huge = [
      { candidate: fill(20, 1), amount: MAX_U64 },
      { candidate: fill(20, 2), amount: 1n },
    ];
    expect(() => T.accountCodec.encode(account({ votes: huge, staked: MAX_U64 }))).toThrow(
      'vote allocations overflow u64',
    );
  });

  it('keep votes sorted by candidate and at most 10', () => {
    const v = (b: number): T.VoteAllocation => ({ candidate: fill(20, b), amount: 1n });
    expect(() => T.accountCodec.encode(account({ votes: [v(2), v(1)] }))).toThrow(
      /^votes: entry \[1\] does not sort after entry \[0\]/,
    );
    expect(() => T.accountCodec.encode(account({ votes: Array.from({ length: 11 }, (_, i) => v(i)) }))).toThrow(
      'votes: 11 entries exceeds the maximum of 10',
    );
  });

  it('keep unbonding strictly increasing by release height, one entry per height', () => {
    const u = (amount: bigint, releaseHeight: bigint): T.Unbonding => ({ amount, releaseHeight });
    expect(
      T.accountCodec.decodeOrThrow(T.accountCodec.encode(account({ unbonding: [u(5n, 10n), u(1n, 11n)] }))),
    ).toEqual(account({ unbonding: [u(5n, 10n), u(1n, 11n)] }));
    expect(() => T.accountCodec.encode(account({ unbonding: [u(5n, 10n), u(1n, 10n)] }))).toThrow(
      /^unbonding: entry \[1\] does not sort after/,
    );
    expect(() => T.accountCodec.encode(account({ unbonding: [u(5n, 11n), u(1n, 10n)] }))).toThrow(
      /does not sort after/,
    );
    const many = Array.from({ length: T.MAX_UNBONDING_ENTRIES + 1 }, (_, i) => u(1n, BigInt(i)));
    expect(() => T.accountCodec.encode(account({ unbonding: many }))).toThrow(
      'unbonding: 33 entries exceeds the maximum of 32',
    );
  });

  it('reject zero entries (they mean the same as none)', () => {
    expect(() => T.accountCodec.encode(account({ unbonding: [{ amount: 0n, releaseHeight: 1n }] }))).toThrow(
      'an unbonding entry has amount 0',
    );
    expect(() => T.accountCodec.encode(account({ votes: [{ candidate: fill(20, 1), amount: 0n }] }))).toThrow(
      'a vote allocation has amount 0',
    );
    const bytes = T.accountCodec.encode(account({ votes: [{ candidate: fill(20, 1), amount: 1n }] }));
    bytes[bytes.length - 1] = 0;
    expect(rejects(T.accountCodec, bytes)).toBe('a vote allocation has amount 0 at offset 0');
  });
});

describe('candidates', () => {
  const candidate = (over: Partial<T.Candidate> = {}): T.Candidate => ({
    name: 'node-1',
    consensusKey: fill(32, 1),
    endpoint: 'wss://n1:7070',
    selfAddress: fill(20, 2),
    voteWeight: 0n,
    status: 'active',
    consecutiveMisses: 0,
    producedBlocks: 0n,
    missedBlocks: 0n,
    ...over,
  });

  it('round-trip canonically', () => {
    checkCanonical(T.candidateCodec, A.candidate, 100);
  });

  it('carry jailedUntil exactly when jailed', () => {
    const jailed = candidate({ status: 'jailed', jailedUntil: 50n });
    expect(T.candidateCodec.decodeOrThrow(T.candidateCodec.encode(jailed))).toEqual(jailed);
    expect(() => T.candidateCodec.encode(candidate({ status: 'jailed' }))).toThrow(
      'jailedUntil must be present exactly when status is jailed',
    );
    expect(() => T.candidateCodec.encode(candidate({ jailedUntil: 5n }))).toThrow(
      'jailedUntil must be present exactly when status is jailed',
    );
  });

  it('reject unknown statuses', () => {
    const bytes = T.candidateCodec.encode(candidate());
    const statusAt = 1 + 6 + 32 + 1 + 13 + 20 + 8;
    bytes[statusAt] = 4;
    expect(rejects(T.candidateCodec, bytes)).toBe(
      `status: unknown tag 0x04 (expected one of active, jailed, tombstoned, resigned) at offset ${statusAt}`,
    );
  });
});

describe('members', () => {
  it('round-trip canonically', () => {
    checkCanonical(T.memberCodec, A.member, 100);
  });

  it('bound name and info', () => {
    expect(() => T.memberCodec.encode({ name: 'n'.repeat(65), info: '', admittedAt: 0n })).toThrow(
      'name: string of 65 bytes exceeds the maximum of 64',
    );
    expect(() => T.memberCodec.encode({ name: '', info: 'i'.repeat(257), admittedAt: 0n })).toThrow(
      'info: string of 257 bytes exceeds the maximum of 256',
    );
  });
});

describe('governance proposals', () => {
  const proposal = (over: Partial<T.GovernanceProposal> = {}): T.GovernanceProposal => ({
    id: fill(32, 1),
    subject: { type: 'admitMember', name: 'Acme', info: 'acme.example' },
    proposer: fill(20, 9),
    yes: [fill(20, 1), fill(20, 3)],
    no: [fill(20, 2)],
    createdHeight: 10n,
    deadlineHeight: 20n,
    status: 'open',
    ...over,
  });

  it('round-trip canonically', () => {
    checkCanonical(T.governanceProposalCodec, A.governanceProposal, 100);
    expect(T.governanceProposalCodec.decodeOrThrow(T.governanceProposalCodec.encode(proposal()))).toEqual(proposal());
  });

  it('keep voter lists sorted, unique and disjoint', () => {
    expect(() => T.governanceProposalCodec.encode(proposal({ yes: [fill(20, 3), fill(20, 1)] }))).toThrow(
      /^yes: entry \[1\] does not sort after/,
    );
    expect(() => T.governanceProposalCodec.encode(proposal({ no: [fill(20, 2), fill(20, 2)] }))).toThrow(
      /^no: entry \[1\] does not sort after/,
    );
    expect(() => T.governanceProposalCodec.encode(proposal({ no: [fill(20, 3)] }))).toThrow(
      'a member appears in both yes and no',
    );
  });

  it('reject a deadline before creation', () => {
    expect(() => T.governanceProposalCodec.encode(proposal({ deadlineHeight: 9n }))).toThrow(
      'deadlineHeight is before createdHeight',
    );
  });

  it('accept only admission as a stored subject that a transaction cannot propose', () => {
    const admit = T.proposalSubjectCodec.encode({ type: 'admitMember', name: 'a', info: '' });
    expect(rejects(T.proposalActionCodec, admit)).toMatch(/^unknown tag 0x00/);
    const remove: T.ProposalAction = { type: 'removeMember', member: fill(20, 4) };
    expect(T.proposalSubjectCodec.decodeOrThrow(T.proposalActionCodec.encode(remove))).toEqual(remove);
  });
});

describe('chain parameters', () => {
  const devnet: T.ChainParameters = {
    activeProducers: 4,
    minProducers: 3,
    blockIntervalMs: 1000,
    blocksPerTurn: 6,
    minVoteRatioPpm: 1000,
    unbondingPeriodBlocks: 600n,
    missLimit: 12,
    jailPeriodBlocks: 300n,
    minFee: 1000n,
    blockReward: 1_000_000n,
    proposalPeriodBlocks: 1200n,
    slashPpm: 50_000,
    reporterRewardPpm: 100_000,
    maxBlockTransactions: 2000,
  };

  it('round-trip canonically', () => {
    checkCanonical(T.chainParametersCodec, A.chainParameters, 100);
    expect(T.chainParametersCodec.decodeOrThrow(T.chainParametersCodec.encode(devnet))).toEqual(devnet);
  });

  it('give every parameter a distinct tag and a range within its width', () => {
    const specs = Object.values(T.chainParameterSpecs);
    expect(new Set(specs.map((s) => s.tag)).size).toBe(specs.length);
    for (const [name, spec] of Object.entries(T.chainParameterSpecs)) {
      const width = typeof devnet[name as T.ParameterName] === 'bigint' ? MAX_U64 : 0xffff_ffffn;
      expect(spec.min).toBeGreaterThanOrEqual(0n);
      expect(spec.max).toBeLessThanOrEqual(width);
    }
  });

  it('reject out-of-range values and minProducers above activeProducers', () => {
    expect(() => T.chainParametersCodec.encode({ ...devnet, activeProducers: 0 })).toThrow(
      'activeProducers must be in 1..256, got 0',
    );
    expect(() => T.chainParametersCodec.encode({ ...devnet, slashPpm: 1_000_001 })).toThrow(
      'slashPpm must be in 0..1000000, got 1000001',
    );
    expect(() => T.chainParametersCodec.encode({ ...devnet, minProducers: 5 })).toThrow(
      'minProducers (5) must not exceed activeProducers (4)',
    );
    const bytes = T.chainParametersCodec.encode(devnet);
    bytes.set([0, 0, 1, 1], 0); // activeProducers = 257
    expect(rejects(T.chainParametersCodec, bytes)).toBe('activeProducers must be in 1..256, got 257 at offset 0');
  });

  it('apply governance changes with range checks', () => {
    const raised = T.setChainParameter(devnet, 'minFee', 5000n);
    expect(raised).toEqual({ ok: true, value: { ...devnet, minFee: 5000n } });
    const producers = T.setChainParameter(devnet, 'activeProducers', 21n);
    expect(producers.ok && producers.value.activeProducers).toBe(21);
    expect(T.setChainParameter(devnet, 'activeProducers', 257n)).toEqual({
      ok: false,
      reason: 'activeProducers must be in 1..256, got 257',
    });
    expect(T.setChainParameter(devnet, 'minProducers', 5n)).toEqual({
      ok: false,
      reason: 'minProducers (5) must not exceed activeProducers (4)',
    });
    expect(T.setChainParameter(devnet, 'blockIntervalMs', 1n << 32n).ok).toBe(false);
  });
});
