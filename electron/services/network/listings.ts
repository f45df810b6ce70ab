/**
 * Candidates, members and proposals, every field proven against a verified header, and every
 * listing proven complete: the state keeps an index record of each set (the member list 0x03, the
 * live-candidate list 0x08, the open-proposal list 0x0b). The member list is read directly; an
 * endpoint's listing of candidates or open proposals is checked against the proven index
 * (`LightNode.listing`), so an endpoint that hides or makes up an entry loses trust.
 */
import type { z } from 'zod';
import type { candidateView, proposalView } from '../../../shared/contract/schemas/network.ts';
import { encodeAddress, parseAddress } from '../../../shared/core/crypto/index.ts';
import { compareCandidates } from '../../../shared/core/dpos/index.ts';
import {
  candidateListCodec,
  candidateListKey,
  memberListCodec,
  memberListKey,
  memberKey,
  openProposalListCodec,
  openProposalListKey,
  proposalKey,
} from '../../../shared/core/state/index.ts';
import {
  governanceProposalCodec,
  memberCodec,
  type Address,
  type Candidate,
  type GovernanceProposal,
} from '../../../shared/core/types/index.ts';
import type { LightNode, Verified } from '../light/index.ts';
import { num } from './status.ts';

type CandidateView = z.infer<typeof candidateView>;
type ProposalView = z.infer<typeof proposalView>;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const verifiedAt = (v: Verified<unknown>) => ({ height: num(v.height), blockHash: v.blockHash });

/** The address bytes an endpoint's candidate listing names; one not of this network is skipped, nothing is believed. */
function listedAddresses(prefix: string, listing: readonly { address: string }[]): Uint8Array[] {
  return listing.flatMap(({ address }) => {
    const parsed = parseAddress(prefix, address);
    return parsed.ok ? [parsed.value] : [];
  });
}

/**
 * The live candidates (active or jailed): the endpoint's listing, checked complete against the
 * proven candidate list, then every record proven. Ranked as the election orders them (vote
 * weight, ties by address); only active candidates get a rank.
 */
export async function provenCandidates(light: LightNode, prefix: string): Promise<CandidateView[]> {
  const { index } = await light.listing({
    what: 'list the candidates',
    set: 'live candidates',
    method: 'pos.candidates',
    params: {},
    index: { key: candidateListKey(), codec: candidateListCodec },
    listed: (answer) => listedAddresses(prefix, answer),
    proven: (value) => value ?? [],
  });
  const addresses = (index.value ?? []).map((a) => encodeAddress(prefix, a));
  const proven = await Promise.all(
    addresses.map(async (address) => ({
      address,
      bytes: parseAddress(prefix, address),
      record: await light.candidate(address),
    })),
  );
  const found = proven.flatMap(({ address, bytes, record }) =>
    record.value && bytes.ok ? [{ address, bytes: bytes.value, candidate: record.value, record }] : [],
  );

  const order = (a: (typeof found)[number], b: (typeof found)[number]) =>
    compareCandidates(
      { address: a.bytes, voteWeight: a.candidate.voteWeight, isMember: true, status: a.candidate.status },
      { address: b.bytes, voteWeight: b.candidate.voteWeight, isMember: true, status: b.candidate.status },
    );
  const ranked = found.filter((c) => c.candidate.status === 'active').sort(order);
  const unranked = found.filter((c) => c.candidate.status !== 'active').sort(order);
  const total = found.reduce((sum, c) => sum + c.candidate.voteWeight, 0n);
  const inSet = new Set(((await light.setOfRound(light.verifiedHead().round)) ?? []).map((v) => hex(v.address)));

  return [...ranked, ...unranked].map(({ address, bytes, candidate, record }, index) => ({
    address,
    name: candidate.name,
    rank: candidate.status === 'active' ? index + 1 : null,
    voteWeight: candidate.voteWeight.toString(),
    share: share(candidate.voteWeight, total),
    status: candidate.status,
    inSet: inSet.has(hex(bytes)),
    producedBlocks: candidate.producedBlocks.toString(),
    missedBlocks: candidate.missedBlocks.toString(),
    consecutiveMisses: candidate.consecutiveMisses,
    ...jailed(candidate),
    endpoint: candidate.endpoint,
    consensusKey: hex(candidate.consensusKey),
    verifiedAt: verifiedAt(record),
  }));
}

function share(weight: bigint, total: bigint): number {
  return total === 0n ? 0 : Number((weight * 1_000_000n) / total) / 1_000_000;
}

function jailed(candidate: Candidate): { jailedUntil?: number } {
  return candidate.jailedUntil === undefined ? {} : { jailedUntil: num(candidate.jailedUntil) };
}

/** The proven member list (complete by construction) and each member's proven name. */
export async function provenMembers(light: LightNode, prefix: string) {
  const list = await light.record(memberListKey(), memberListCodec);
  const members = await Promise.all(
    (list.value ?? []).map(async (address) => ({
      address: encodeAddress(prefix, address),
      name: (await light.record(memberKey(address), memberCodec)).value?.name ?? '',
    })),
  );
  return { members, verifiedAt: verifiedAt(list) };
}

/**
 * Open proposals: the endpoint's listing, checked complete against the proven open-proposal list
 * (0x0b), each record proven at that block. Closed ones (`includeClosed`) come from the endpoint's
 * wider listing, each proven from its record, but that part cannot be proven complete: the state
 * keeps no index of closed proposals.
 */
export async function provenProposals(
  light: LightNode,
  prefix: string,
  includeClosed: boolean,
): Promise<ProposalView[]> {
  const { index } = await light.listing({
    what: 'list the open proposals',
    set: 'open proposals',
    method: 'gov.proposals',
    params: { includeClosed: false },
    index: { key: openProposalListKey(), codec: openProposalListCodec },
    listed: (answer) => listedIds(answer).map((id) => Uint8Array.from(Buffer.from(id, 'hex'))),
    proven: (value) => value ?? [],
  });
  const openIds = (index.value ?? []).map(hex);
  const closedIds = includeClosed
    ? listedIds(await light.ask('list the proposals', 'gov.proposals', { includeClosed: true })).filter(
        (id) => !openIds.includes(id),
      )
    : [];
  const [members, proposals] = await Promise.all([
    light.record(memberListKey(), memberListCodec),
    Promise.all(
      [...openIds, ...closedIds].map(
        async (id) =>
          (
            await light.recordAt(
              proposalKey(Uint8Array.from(Buffer.from(id, 'hex'))),
              governanceProposalCodec,
              index.height,
            )
          ).value,
      ),
    ),
  ]);
  const memberCount = members.value?.length ?? 0;
  const show = (address: Address) => encodeAddress(prefix, address);
  return proposals
    .filter((p): p is GovernanceProposal => p !== null && (includeClosed || p.status === 'open'))
    .map((p) => ({
      id: hex(p.id),
      proposer: show(p.proposer),
      subject: subjectOf(p, show),
      kind: p.subject.type,
      yes: p.yes.length,
      no: p.no.length,
      members: memberCount,
      deadlineHeight: num(p.deadlineHeight),
      status: p.status === 'rejected' ? 'failed' : p.status,
      votes: [
        ...p.yes.map((m) => ({ member: show(m), approve: true })),
        ...p.no.map((m) => ({ member: show(m), approve: false })),
      ],
    }));
}

/** The proposal ids an endpoint's listing names (64 hex digits, as the contract checked), each once. */
function listedIds(listing: readonly { id: string }[]): string[] {
  return [...new Set(listing.map((p) => p.id))];
}

function subjectOf(p: GovernanceProposal, show: (a: Address) => string): string {
  const { subject } = p;
  if (subject.type === 'admitMember') return `Admit ${subject.name}`;
  if (subject.type === 'removeMember') return `Remove the member ${show(subject.member)}`;
  return `Set ${subject.name} to ${subject.value}`;
}
