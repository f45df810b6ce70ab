/**
 * Membership governance: `member.apply` opens an admission proposal for the sender,
 * `member.propose` (members) opens a removal or parameter change, `member.vote` (members, once
 * per proposal, up to and including the deadline height) records a vote and resolves the
 * proposal as soon as a threshold is reached. At the end of the deadline block an open proposal
 * lapses (see `lapseProposals`).
 *
 * Thresholds, with n = current members and only current members' votes counted (a removed
 * member's earlier vote stops counting):
 *   passes when 3·yes > 2n, i.e. yes ≥ ⌊2n/3⌋ + 1        (n = 4: 3 yes)
 *   fails  when 3·no ≥ n,   i.e. no ≥ ⌈n/3⌉              (n = 4: 2 no)
 * Both cannot hold at once (yes + no ≤ n). A passing vote applies the subject in the same
 * transaction; if the subject can no longer apply (the parameter change no longer fits the
 * current parameters, the consortium is full) that vote is refused with the reason, and the
 * proposal can still fail or lapse.
 */
import { compareBytes, equalBytes } from '../../encoding/index.ts';
import { showAddress, showHash, type RuleInput } from '../../state/context.ts';
import type { StateView } from '../../state/view.ts';
import { setChainParameter } from '../../types/parameters.ts';
import type { Address } from '../../types/primitives.ts';
import { refuse, type Refusal } from '../refusal.ts';
import { withAddress } from '../sorted.ts';
import { MAX_MEMBERS, MAX_OPEN_PROPOSALS, MAX_PROPOSALS_PER_DEADLINE } from './limits.ts';
import type { KindRules } from '../kind.ts';
import type { GovernancePayload, MemberApply, MemberVote } from './payloads.ts';
import type { GovernanceProposal, ProposalAction } from './records.ts';
import type { GovernanceRefusal } from './refusals.ts';

type Rejection = Refusal<GovernanceRefusal> | undefined;

/** Fewest yes votes that pass a proposal among n members. */
export const passThreshold = (n: number): number => Math.floor((2 * n) / 3) + 1;
/** Fewest no votes that fail a proposal among n members. */
export const failThreshold = (n: number): number => Math.ceil(n / 3);

export const governanceRules: KindRules<GovernancePayload, GovernanceRefusal> = {
  'member.apply': { apply },
  'member.propose': { apply: (view, payload, input) => propose(view, payload.action, input) },
  'member.vote': { apply: vote },
};

function open(
  view: StateView,
  subject: GovernanceProposal['subject'],
  { sender, txId, height, params }: RuleInput,
): Rejection {
  const deadlineHeight = height + params.proposalPeriodBlocks;
  const ending = view.proposalsEndingAt(deadlineHeight);
  if (ending.length >= MAX_PROPOSALS_PER_DEADLINE)
    return refuse(
      'DEADLINE_FULL',
      `too many proposals already end at height ${deadlineHeight}; try again in a later block`,
    );
  const openIds = view.openProposals();
  if (openIds.length >= MAX_OPEN_PROPOSALS)
    return refuse(
      'TOO_MANY_OPEN_PROPOSALS',
      `${MAX_OPEN_PROPOSALS} proposals are already open; try again when one is decided or lapses`,
    );
  view.setOpenProposals(withAddress(openIds, txId, true));
  view.setProposal({
    id: txId,
    subject,
    proposer: sender,
    yes: [],
    no: [],
    createdHeight: height,
    deadlineHeight,
    status: 'open',
  });
  view.setProposalsEndingAt(deadlineHeight, [...ending, txId]);
  return undefined;
}

function apply(view: StateView, payload: MemberApply, input: RuleInput): Rejection {
  if (view.isMember(input.sender)) return refuse('ALREADY_MEMBER', 'this account is already a member');
  const pending = view.application(input.sender);
  if (pending !== undefined)
    return refuse(
      'APPLICATION_OPEN',
      `this account already has an open application (proposal ${showHash(pending)}); wait until it is decided or lapses`,
    );
  const problem = open(view, { type: 'admitMember', name: payload.name, info: payload.info }, input);
  if (problem === undefined) view.setApplication(input.sender, input.txId);
  return problem;
}

function propose(view: StateView, action: ProposalAction, input: RuleInput): Rejection {
  if (!view.isMember(input.sender)) return refuse('NOT_A_MEMBER', 'only members may open proposals');
  const problem = actionProblem(view, action, input);
  return problem ?? open(view, action, input);
}

/** Why `action` cannot take effect on the current state, or undefined if it can. */
function actionProblem(view: StateView, action: ProposalAction, { addressPrefix }: RuleInput): Rejection {
  if (action.type === 'removeMember') {
    if (!view.isMember(action.member))
      return refuse('MEMBER_NOT_FOUND', `${showAddress(action.member, addressPrefix)} is not a member`);
    if (view.memberList().length <= 1)
      return refuse('LAST_MEMBER', 'the only member cannot be removed: nobody would be left to govern');
    return undefined;
  }
  const params = view.params();
  if (BigInt(params[action.name]) === action.value)
    return refuse('PARAMETER_UNCHANGED', `${action.name} is already ${action.value}; nothing would change`);
  const changed = setChainParameter(params, action.name, action.value);
  return changed.ok
    ? undefined
    : refuse('PARAMETER_OUT_OF_RANGE', `the change is outside the allowed range: ${changed.reason}`);
}

function vote(view: StateView, payload: MemberVote, input: RuleInput): Rejection {
  const { sender, height } = input;
  if (!view.isMember(sender)) return refuse('NOT_A_MEMBER', 'only members may vote on proposals');
  const p = view.proposal(payload.proposalId);
  if (p === undefined) return refuse('PROPOSAL_NOT_FOUND', `there is no proposal ${showHash(payload.proposalId)}`);
  if (p.status !== 'open')
    return refuse('PROPOSAL_CLOSED', `proposal ${showHash(p.id)} is already ${p.status}; votes are no longer taken`);
  if (height > p.deadlineHeight)
    return refuse('VOTING_CLOSED', `voting on proposal ${showHash(p.id)} closed at height ${p.deadlineHeight}`);
  if ([...p.yes, ...p.no].some((a) => equalBytes(a, sender)))
    return refuse('ALREADY_VOTED', `this member already voted on proposal ${showHash(p.id)}`);

  const add = (list: Address[]): Address[] => [...list, sender].sort(compareBytes);
  const next: GovernanceProposal = payload.approve ? { ...p, yes: add(p.yes) } : { ...p, no: add(p.no) };
  const members = view.memberList().length;
  const count = (list: Address[]): number => list.filter((a) => view.isMember(a)).length;
  if (count(next.yes) >= passThreshold(members)) {
    const problem = enact(view, next, input);
    if (problem !== undefined)
      return refuse(problem.code, `this vote would pass proposal ${showHash(p.id)}, but ${problem.reason}`);
    next.status = 'passed';
  } else if (count(next.no) >= failThreshold(members)) {
    next.status = 'rejected';
  }
  if (next.status !== 'open') closed(view, next);
  view.setProposal(next);
  return undefined;
}

/** Carries out a passed proposal's subject. */
function enact(view: StateView, p: GovernanceProposal, input: RuleInput): Rejection {
  const subject = p.subject;
  if (subject.type === 'admitMember') {
    const list = view.memberList();
    if (list.length >= MAX_MEMBERS) return refuse('CONSORTIUM_FULL', `the consortium is full (${MAX_MEMBERS} members)`);
    view.setMember(p.proposer, { name: subject.name, info: subject.info, admittedAt: input.height });
    view.setMemberList(withAddress(list, p.proposer, true));
    return undefined;
  }
  const problem = actionProblem(view, subject, input);
  if (problem !== undefined) return problem;
  if (subject.type === 'removeMember') {
    view.setMember(subject.member, undefined);
    view.setMemberList(withAddress(view.memberList(), subject.member, false));
  } else {
    const changed = setChainParameter(view.params(), subject.name, subject.value);
    if (!changed.ok) return refuse('PARAMETER_OUT_OF_RANGE', changed.reason); // actionProblem already checked; kept for the type
    view.setParams(changed.value);
  }
  return undefined;
}

/** End of block `height`: proposals still open whose voting ended at this height lapse. */
export function lapseProposals(view: StateView, height: bigint): void {
  for (const id of view.proposalsEndingAt(height)) {
    const p = view.proposal(id);
    if (p === undefined || p.status !== 'open') continue;
    view.setProposal({ ...p, status: 'lapsed' });
    closed(view, p);
  }
  view.setProposalsEndingAt(height, []);
}

/** A proposal left the open state: out of the open list, and an applicant may apply again. */
function closed(view: StateView, p: GovernanceProposal): void {
  view.setOpenProposals(withAddress(view.openProposals(), p.id, false));
  if (p.subject.type === 'admitMember') view.setApplication(p.proposer, undefined);
}
