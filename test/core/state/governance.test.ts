import { describe, expect, it } from 'vitest';
import { failThreshold, passThreshold } from '../../../shared/core/state/index.ts';
import { transactionId, type ProposalAction } from '../../../shared/core/types/index.ts';
import { Harness, outsider, type Signer } from './helpers.ts';

/** 2 producers + 2 members = 4 members: passes with 3 yes, fails with 2 no. */
const fourMembers = (): Harness =>
  new Harness({ producers: 2, extraMembers: 2, parameters: { proposalPeriodBlocks: 3n } });
const everyone = (h: Harness): Signer[] => [...h.producers, ...h.members];

function fund(h: Harness, who: Signer): void {
  h.accept(h.producers[0]!, { type: 'transfer', to: who.address, amount: 1_000_000n, memo: '' });
}

function apply(h: Harness, who: Signer): Uint8Array {
  const tx = h.tx(who, { type: 'member.apply', name: 'Applicant Ltd', info: 'https://applicant.example' });
  expect(h.apply(tx).ok).toBe(true);
  return transactionId(tx);
}

function propose(h: Harness, who: Signer, action: ProposalAction): Uint8Array {
  const tx = h.tx(who, { type: 'member.propose', action });
  const result = h.apply(tx);
  expect(result.ok ? 'accepted' : result.reason).toBe('accepted');
  return transactionId(tx);
}

const vote = (proposalId: Uint8Array, approve: boolean) => ({ type: 'member.vote' as const, proposalId, approve });

describe('thresholds', () => {
  it('are the smallest counts with 3·yes > 2n and 3·no ≥ n, and never both reachable', () => {
    for (let n = 1; n <= 40; n++) {
      const y = passThreshold(n);
      const f = failThreshold(n);
      expect(3 * y > 2 * n && 3 * (y - 1) <= 2 * n).toBe(true);
      expect(3 * f >= n && 3 * (f - 1) < n).toBe(true);
      expect(y + f).toBeGreaterThan(n);
    }
    expect([passThreshold(4), failThreshold(4)]).toEqual([3, 2]);
    expect([passThreshold(3), failThreshold(3)]).toEqual([3, 1]);
  });
});

describe('member.apply', () => {
  it('opens an admission proposal for the sender with the deadline one proposal period ahead', () => {
    const h = fourMembers();
    const applicant = outsider(1);
    fund(h, applicant);
    const id = apply(h, applicant);
    const p = h.view().proposal(id)!;
    expect(p).toMatchObject({
      status: 'open',
      proposer: applicant.address,
      createdHeight: h.height,
      deadlineHeight: h.height + 3n,
    });
    expect(p.subject).toEqual({ type: 'admitMember', name: 'Applicant Ltd', info: 'https://applicant.example' });
    expect(h.view().application(applicant.address)).toEqual(id);
  });

  it('rejects members and applicants with an open application', () => {
    const h = fourMembers();
    h.reject(h.tx(h.members[0]!, { type: 'member.apply', name: 'x', info: '' }), 'this account is already a member');
    const applicant = outsider(1);
    fund(h, applicant);
    const id = apply(h, applicant);
    h.reject(
      h.tx(applicant, { type: 'member.apply', name: 'x', info: '' }),
      `this account already has an open application (proposal ${Buffer.from(id).toString('hex')}); wait until it is decided or lapses`,
    );
  });
});

describe('member.vote and resolution', () => {
  it('admits with 3 yes of 4 members (2 are not enough), applied at once', () => {
    const h = fourMembers();
    const applicant = outsider(1);
    fund(h, applicant);
    const id = apply(h, applicant);
    const [a, b, c] = everyone(h);
    h.accept(a!, vote(id, true));
    h.accept(b!, vote(id, true));
    expect(h.view().proposal(id)!.status).toBe('open');
    h.accept(c!, vote(id, true));
    const v = h.view();
    expect(v.proposal(id)!.status).toBe('passed');
    expect(v.member(applicant.address)).toEqual({
      name: 'Applicant Ltd',
      info: 'https://applicant.example',
      admittedAt: h.height,
    });
    expect(v.memberList()).toHaveLength(5);
    expect(v.application(applicant.address)).toBeUndefined();
  });

  it('rejects with 2 no of 4 members (1 is not enough), and the applicant may apply again', () => {
    const h = fourMembers();
    const applicant = outsider(1);
    fund(h, applicant);
    const id = apply(h, applicant);
    const [a, b] = everyone(h);
    h.accept(a!, vote(id, false));
    expect(h.view().proposal(id)!.status).toBe('open');
    h.accept(b!, vote(id, false));
    expect(h.view().proposal(id)!.status).toBe('rejected');
    expect(h.view().isMember(applicant.address)).toBe(false);
    apply(h, applicant);
  });

  it('takes each member once, only members, only open proposals, only up to the deadline', () => {
    const h = fourMembers();
    const applicant = outsider(1);
    fund(h, applicant);
    const id = apply(h, applicant);
    const hex = Buffer.from(id).toString('hex');
    const [a, b] = everyone(h);
    h.reject(h.tx(applicant, vote(id, true)), 'only members may vote on proposals');
    h.reject(h.tx(a!, vote(new Uint8Array(32), true)), `there is no proposal ${'00'.repeat(32)}`);
    h.accept(a!, vote(id, true));
    h.reject(h.tx(a!, vote(id, false)), `this member already voted on proposal ${hex}`);
    h.reject(h.tx(b!, vote(id, true)), `voting on proposal ${hex} closed at height ${h.height + 3n}`, {
      height: h.height + 4n,
    });
    const [, , c, d] = everyone(h);
    h.accept(b!, vote(id, false));
    h.accept(c!, vote(id, false));
    h.reject(h.tx(d!, vote(id, true)), `proposal ${hex} is already rejected; votes are no longer taken`);
  });

  it('counts a vote cast in the deadline block, then lapses the proposal at the end of that block', () => {
    const h = fourMembers();
    const applicant = outsider(1);
    const p0 = h.producers[0]!.address;
    fund(h, applicant);
    expect(h.block([], p0).ok).toBe(true); // height 1
    const id = apply(h, applicant); // created at height 2, deadline 5
    expect(h.view().proposal(id)!.deadlineHeight).toBe(5n);
    expect(h.block([], p0).ok).toBe(true); // 2
    expect(h.block([], p0).ok).toBe(true); // 3
    expect(h.block([], p0).ok).toBe(true); // 4
    expect(h.view().proposal(id)!.status).toBe('open');
    expect(h.block([h.tx(h.members[0]!, vote(id, true))], p0).ok).toBe(true); // 5: vote counts, then lapse
    const p = h.view().proposal(id)!;
    expect(p.yes).toEqual([h.members[0]!.address]);
    expect(p.status).toBe('lapsed');
    expect(h.view().application(applicant.address)).toBeUndefined();
    expect(h.view().proposalsEndingAt(5n)).toEqual([]);
  });
});

describe('member.propose', () => {
  it('changes a parameter when passed, effective in state at once', () => {
    const h = fourMembers();
    const [a, b, c] = everyone(h);
    const id = propose(h, a!, { type: 'changeParameter', name: 'minFee', value: 5000n });
    h.accept(a!, vote(id, true));
    h.accept(b!, vote(id, true));
    h.accept(c!, vote(id, true));
    expect(h.params.minFee).toBe(5000n);
  });

  it('range-checks parameter changes when proposed and again when they would pass', () => {
    const h = fourMembers();
    const [a, b, c] = everyone(h);
    h.reject(
      h.tx(a!, { type: 'member.propose', action: { type: 'changeParameter', name: 'activeProducers', value: 0n } }),
      'the change is outside the allowed range: activeProducers must be in 1..256, got 0',
    );
    h.reject(
      h.tx(a!, { type: 'member.propose', action: { type: 'changeParameter', name: 'minProducers', value: 3n } }),
      'the change is outside the allowed range: minProducers (3) must not exceed activeProducers (2)',
    );
    h.reject(
      h.tx(a!, { type: 'member.propose', action: { type: 'changeParameter', name: 'activeProducers', value: 2n } }),
      'activeProducers is already 2; nothing would change',
    );
    const pass = (id: Uint8Array): void => [a, b, c].forEach((s) => h.accept(s!, vote(id, true)));
    pass(propose(h, a!, { type: 'changeParameter', name: 'activeProducers', value: 3n }));
    // Both fit the parameters of today (active 3, min 2); once the first passes, the second no longer does.
    const raiseMin = propose(h, a!, { type: 'changeParameter', name: 'minProducers', value: 3n });
    const shrink = propose(h, a!, { type: 'changeParameter', name: 'activeProducers', value: 2n });
    pass(raiseMin);
    h.accept(a!, vote(shrink, true));
    h.accept(b!, vote(shrink, true));
    h.reject(
      h.tx(c!, vote(shrink, true)),
      `this vote would pass proposal ${Buffer.from(shrink).toString('hex')}, but the change is outside the allowed range: minProducers (3) must not exceed activeProducers (2)`,
    );
    h.accept(c!, vote(shrink, false)); // it can still fail (or lapse)
    expect(h.params).toMatchObject({ activeProducers: 3, minProducers: 3 });
  });

  it('removes a member when passed; the removed member no longer counts or votes', () => {
    const h = fourMembers();
    const [a, b, c, d] = everyone(h);
    const id = propose(h, a!, { type: 'removeMember', member: d!.address });
    h.accept(d!, vote(id, false)); // 1 no of 4: not yet rejected
    h.accept(a!, vote(id, true));
    h.accept(b!, vote(id, true));
    h.accept(c!, vote(id, true));
    expect(h.view().proposal(id)!.status).toBe('passed');
    expect(h.view().isMember(d!.address)).toBe(false);
    expect(h.view().memberList()).toHaveLength(3);
    h.reject(
      h.tx(d!, { type: 'member.propose', action: { type: 'removeMember', member: a!.address } }),
      'only members may open proposals',
    );
  });

  it('rejects removing a non-member or the only member, and proposals from non-members', () => {
    const h = fourMembers();
    h.reject(
      h.tx(h.members[0]!, { type: 'member.propose', action: { type: 'removeMember', member: outsider(1).address } }),
      /^0x[0-9a-f]{40} is not a member$/,
    );
    const solo = new Harness({ producers: 1, extraMembers: 0 });
    const only = solo.producers[0]!;
    solo.reject(
      solo.tx(only, { type: 'member.propose', action: { type: 'removeMember', member: only.address } }),
      'the only member cannot be removed: nobody would be left to govern',
    );
    const stranger = outsider(2);
    fund(h, stranger);
    h.reject(
      h.tx(stranger, { type: 'member.propose', action: { type: 'changeParameter', name: 'minFee', value: 1n } }),
      'only members may open proposals',
    );
  });
});
