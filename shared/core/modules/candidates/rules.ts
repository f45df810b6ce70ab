/**
 * Candidate producers: register (members only; unique name, unique consensus key), update
 * (rotate the key and/or move the endpoint), resign, unjail.
 *
 * Names and consensus keys are never released: once used, they stay bound to the registering
 * address, so a name always means one organisation and evidence signed with a rotated-out key
 * still finds its candidate. A resigned candidate may register again (its votes and counters
 * carry on); a tombstoned one never can. Live candidates (active or jailed) are kept in the
 * candidate list the election reads.
 */
import { isStrictPoint } from '../../crypto/index.ts';
import { equalBytes } from '../../encoding/index.ts';
import { showAddress, showHash, type RuleInput } from '../../state/context.ts';
import type { StateView } from '../../state/view.ts';
import type { Address, PublicKey } from '../../types/primitives.ts';
import type { KindRules } from '../kind.ts';
import { refuse, type Refusal } from '../refusal.ts';
import { withAddress } from '../sorted.ts';
import { MAX_CANDIDATES } from './limits.ts';
import type { CandidatePayload, CandidateRegister, CandidateUpdate } from './payloads.ts';
import type { Candidate } from './records.ts';
import type { CandidateRefusal } from './refusals.ts';

type Rejection = Refusal<CandidateRefusal> | undefined;

export const candidateRules: KindRules<CandidatePayload, CandidateRefusal> = {
  'candidate.register': { apply: register },
  'candidate.update': { apply: update },
  'candidate.resign': { apply: (view, _payload, input) => resign(view, input) },
  'candidate.unjail': { apply: (view, _payload, input) => unjail(view, input) },
};

function keyProblem(view: StateView, key: PublicKey, self: Address, prefix?: string): Rejection {
  // A key that is not a valid point could never sign: the producer would only miss its turns.
  if (!isStrictPoint(key))
    return refuse(
      'INVALID_CONSENSUS_KEY',
      `consensus key ${showHash(key)} is not a valid Ed25519 public key; generate the key with the node's key tool`,
    );
  const owner = view.consensusKeyOwner(key);
  if (owner !== undefined && !equalBytes(owner, self)) {
    return refuse(
      'CONSENSUS_KEY_TAKEN',
      `consensus key ${showHash(key)} is already used by candidate ${showAddress(owner, prefix)}; every node needs its own key`,
    );
  }
  return undefined;
}

function register(view: StateView, payload: CandidateRegister, { sender, addressPrefix }: RuleInput): Rejection {
  if (!view.isMember(sender))
    return refuse('NOT_A_MEMBER', 'only members may register as candidates; apply for membership first');
  const existing = view.candidate(sender);
  if (existing !== undefined && existing.status !== 'resigned') {
    return existing.status === 'tombstoned'
      ? refuse('TOMBSTONED', 'this account was tombstoned for double-signing and can never be a candidate again')
      : refuse(
          'ALREADY_CANDIDATE',
          `this account is already a candidate (${existing.status}); use candidate.update to change its key or endpoint`,
        );
  }
  const nameOwner = view.nameOwner(payload.name);
  if (nameOwner !== undefined && !equalBytes(nameOwner, sender)) {
    return refuse(
      'NAME_TAKEN',
      `the candidate name "${payload.name}" is taken by ${showAddress(nameOwner, addressPrefix)}; choose another name`,
    );
  }
  const keyIssue = keyProblem(view, payload.consensusKey, sender, addressPrefix);
  if (keyIssue !== undefined) return keyIssue;
  const list = view.candidateList();
  if (list.length >= MAX_CANDIDATES)
    return refuse(
      'CANDIDATE_LIST_FULL',
      `the candidate list is full (${MAX_CANDIDATES} live candidates); wait for one to resign`,
    );

  const candidate: Candidate = {
    name: payload.name,
    consensusKey: payload.consensusKey,
    endpoint: payload.endpoint,
    selfAddress: sender,
    // Allocations made before a resignation still point here, so the weight carries over with them.
    voteWeight: existing?.voteWeight ?? 0n,
    status: 'active',
    consecutiveMisses: 0,
    producedBlocks: existing?.producedBlocks ?? 0n,
    missedBlocks: existing?.missedBlocks ?? 0n,
  };
  view.setCandidate(sender, candidate);
  view.setNameOwner(payload.name, sender);
  view.setConsensusKeyOwner(payload.consensusKey, sender);
  view.setCandidateList(withAddress(list, sender, true));
  return undefined;
}

function liveCandidate(view: StateView, sender: Address): Candidate | Refusal<CandidateRefusal> {
  const c = view.candidate(sender);
  if (c === undefined) return refuse('NOT_A_CANDIDATE', 'this account is not a candidate; register first');
  if (c.status === 'tombstoned')
    return refuse('TOMBSTONED', 'this candidate was tombstoned for double-signing; nothing about it can change');
  if (c.status === 'resigned') return refuse('RESIGNED', 'this candidate has resigned; register again to return');
  return c;
}

function update(view: StateView, payload: CandidateUpdate, { sender, addressPrefix }: RuleInput): Rejection {
  const c = liveCandidate(view, sender);
  if ('code' in c) return c;
  if (payload.consensusKey === undefined && payload.endpoint === undefined)
    return refuse('NOTHING_TO_UPDATE', 'the update changes nothing; give a new consensus key, a new endpoint, or both');
  const next = { ...c };
  if (payload.consensusKey !== undefined) {
    if (equalBytes(payload.consensusKey, c.consensusKey))
      return refuse('SAME_CONSENSUS_KEY', 'the new consensus key is the current one; give a different key');
    const keyIssue = keyProblem(view, payload.consensusKey, sender, addressPrefix);
    if (keyIssue !== undefined) return keyIssue;
    // Sets already elected keep the old key; the next election picks this one up.
    next.consensusKey = payload.consensusKey;
    view.setConsensusKeyOwner(payload.consensusKey, sender);
  }
  if (payload.endpoint !== undefined) next.endpoint = payload.endpoint;
  view.setCandidate(sender, next);
  return undefined;
}

function resign(view: StateView, { sender }: RuleInput): Rejection {
  const c = liveCandidate(view, sender);
  if ('code' in c) return c;
  const { jailedUntil: _dropped, ...rest } = c;
  view.setCandidate(sender, { ...rest, status: 'resigned', consecutiveMisses: 0 });
  view.setCandidateList(withAddress(view.candidateList(), sender, false));
  return undefined;
}

function unjail(view: StateView, { sender, height }: RuleInput): Rejection {
  const c = view.candidate(sender);
  if (c === undefined) return refuse('NOT_A_CANDIDATE', 'this account is not a candidate');
  if (c.status !== 'jailed' || c.jailedUntil === undefined)
    return refuse('NOT_JAILED', `this candidate is not jailed (status ${c.status})`);
  if (height < c.jailedUntil)
    return refuse(
      'STILL_JAILED',
      `the candidate is jailed until height ${c.jailedUntil} (now ${height}); send candidate.unjail at or after that height`,
    );
  const { jailedUntil: _served, ...rest } = c;
  view.setCandidate(sender, { ...rest, status: 'active', consecutiveMisses: 0 });
  return undefined;
}
