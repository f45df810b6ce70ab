/**
 * Candidates, members and proposals, every field proven against a verified header. An endpoint's
 * listing is only a hint about which records to ask for; where the state keeps a list of its own
 * (the member list 0x03, the live-candidate list 0x08) that proven list is used, so no endpoint
 * can hide an entry.
 */
import type { z } from 'zod';
import type { candidateView, proposalView } from '../../../shared/contract/schemas/network.ts';
import { encodeAddress, parseAddress } from '../../../shared/core/crypto/index.ts';
import { compareCandidates } from '../../../shared/core/dpos/index.ts';
import { candidateListCodec, candidateListKey, memberListCodec, memberListKey, memberKey, proposalKey } from '../../../shared/core/state/index.ts';
import { governanceProposalCodec, memberCodec, type Address, type Candidate, type GovernanceProposal } from '../../../shared/core/types/index.ts';
import type { LightNode, Verified } from '../light/index.ts';
import { num } from './status.ts';

type CandidateView = z.infer<typeof candidateView>;
type ProposalView = z.infer<typeof proposalView>;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const verifiedAt = (v: Verified<unknown>) => ({ height: num(v.height), blockHash: v.blockHash });

/** Addresses (bech32m) named in an endpoint's listing; anything malformed is skipped, nothing in it is believed. */
function listedAddresses(prefix: string, listing: unknown, field: string): string[] {
  if (!Array.isArray(listing)) return [];
  return listing.map((entry) => (entry as Record<string, unknown> | null)?.[field]).filter((a): a is string => typeof a === 'string' && parseAddress(prefix, a).ok);
}

/**
 * Every candidate the endpoint lists (resigned and tombstoned ones are only in its listing) plus
 * every live one from the proven candidate list, each proven. Ranked as the election orders them
 * (vote weight, ties by address); only active candidates get a rank.
 */
export async function provenCandidates(light: LightNode, prefix: string): Promise<CandidateView[]> {
  const [listing, live] = await Promise.all([light.ask('list the candidates', 'pos.candidates', {}), light.record(candidateListKey(), candidateListCodec)]);
  const addresses = new Set([...listedAddresses(prefix, listing, 'address'), ...(live.value ?? []).map((a) => encodeAddress(prefix, a))]);
  const proven = await Promise.all([...addresses].map(async (address) => ({ address, bytes: parseAddress(prefix, address), record: await light.candidate(address) })));
  const found = proven.flatMap(({ address, bytes, record }) => (record.value && bytes.ok ? [{ address, bytes: bytes.value, candidate: record.value, record }] : []));

  const order = (a: (typeof found)[number], b: (typeof found)[number]) =>
    compareCandidates({ address: a.bytes, voteWeight: a.candidate.voteWeight, isMember: true, status: a.candidate.status }, { address: b.bytes, voteWeight: b.candidate.voteWeight, isMember: true, status: b.candidate.status });
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
    (list.value ?? []).map(async (address) => ({ address: encodeAddress(prefix, address), name: (await light.record(memberKey(address), memberCodec)).value?.name ?? '' })),
  );
  return { members, verifiedAt: verifiedAt(list) };
}

/**
 * Proposals the endpoint lists, each proven from its record. The listing itself is NOT proven
 * complete: proposals are found only through the deadline index (0x06), one record per height, so
 * proving that none is missing would take a proof for every height of the proposal period. An
 * endpoint could leave a proposal out, but cannot alter one.
 */
export async function provenProposals(light: LightNode, prefix: string, includeClosed: boolean): Promise<ProposalView[]> {
  const listing = await light.ask('list the proposals', 'gov.proposals', { includeClosed });
  const ids = Array.isArray(listing) ? listing.map((p) => (p as Record<string, unknown> | null)?.id).filter((id): id is string => typeof id === 'string' && /^[0-9a-f]{64}$/.test(id)) : [];
  const [members, proposals] = await Promise.all([
    light.record(memberListKey(), memberListCodec),
    Promise.all([...new Set(ids)].map(async (id) => (await light.record(proposalKey(Uint8Array.from(Buffer.from(id, 'hex'))), governanceProposalCodec)).value)),
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
      votes: [...p.yes.map((m) => ({ member: show(m), approve: true })), ...p.no.map((m) => ({ member: show(m), approve: false }))],
    }));
}

function subjectOf(p: GovernanceProposal, show: (a: Address) => string): string {
  const { subject } = p;
  if (subject.type === 'admitMember') return `Admit ${subject.name}`;
  if (subject.type === 'removeMember') return `Remove the member ${show(subject.member)}`;
  return `Set ${subject.name} to ${subject.value}`;
}
