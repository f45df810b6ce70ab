/**
 * Complete listings: the open-proposal list (state 0x0b) is kept by the governance rules, its
 * proof covers the whole set, and a listing checked against it is refused when it hides an entry
 * or names one the proven list does not hold.
 */
import { describe, expect, it } from 'vitest';
import { readStateRecord, verifyCompleteListing } from '../../../shared/core/light/index.ts';
import { MemoryNodeStore, SparseMerkleTree, EMPTY_HASH } from '../../../shared/core/merkle/index.ts';
import {
  openProposalListCodec,
  openProposalListKey,
  proposalKey,
  stateValueHash,
  type StateView,
} from '../../../shared/core/state/index.ts';
import { compareBytes, bytesKey } from '../../../shared/core/encoding/index.ts';
import { governanceProposalCodec, transactionId, type Hash } from '../../../shared/core/types/index.ts';
import { Harness, outsider, type Signer } from '../state/helpers.ts';
import { chain, reasonOf } from './fixtures.ts';

const fourMembers = (): Harness =>
  new Harness({ producers: 2, extraMembers: 2, parameters: { proposalPeriodBlocks: 3n } });

function open(h: Harness, who: Signer, payload: Parameters<Harness['tx']>[1]): Hash {
  const tx = h.tx(who, payload);
  const result = h.apply(tx);
  expect(result.ok ? 'accepted' : result.reason).toBe('accepted');
  return transactionId(tx);
}

const sorted = (ids: Hash[]): string[] => [...ids].sort(compareBytes).map(bytesKey);
const keysOf = (ids: Hash[]): string[] => ids.map(bytesKey);

/** Three open proposals: two admissions (outsiders 1 and 2) and a parameter change. */
function threeOpen(h: Harness): Hash[] {
  const [a, b] = [outsider(1), outsider(2)];
  for (const who of [a, b])
    h.accept(h.producers[0]!, { type: 'transfer', to: who.address, amount: 1_000_000n, memo: '' });
  return [
    open(h, a, { type: 'member.apply', name: 'Alpha Ltd', info: '' }),
    open(h, b, { type: 'member.apply', name: 'Beta Ltd', info: '' }),
    open(h, h.members[0]!, {
      type: 'member.propose',
      action: { type: 'changeParameter', name: 'proposalPeriodBlocks', value: 4n },
    }),
  ];
}

/** A state root over the open list and the proposal records, and a proof of the open list. */
function provenIndex(view: StateView, ids: Hash[]) {
  const store = new MemoryNodeStore();
  const tree = new SparseMerkleTree(store);
  const changes = [
    { key: openProposalListKey(), valueHash: stateValueHash(openProposalListCodec.encode(view.openProposals())) },
    ...ids.map((id) => ({
      key: proposalKey(id),
      valueHash: stateValueHash(governanceProposalCodec.encode(view.proposal(id)!)),
    })),
  ];
  const update = tree.update(EMPTY_HASH, changes);
  store.put(update.nodes);
  const header = { ...chain().at(5).header, stateRoot: update.root };
  return {
    header,
    value: openProposalListCodec.encode(view.openProposals()),
    proof: tree.prove(update.root, openProposalListKey()),
  };
}

describe('the open-proposal list (0x0b)', () => {
  it('holds every open proposal, sorted, and drops each as it passes, fails or lapses', () => {
    const h = fourMembers();
    const p0 = h.producers[0]!.address;
    const ids = threeOpen(h);
    expect(keysOf(h.view().openProposals())).toEqual(sorted(ids));

    // Three of four members approve the first admission: it passes and leaves the list.
    for (const who of [h.producers[0]!, h.producers[1]!, h.members[0]!])
      h.accept(who, { type: 'member.vote', proposalId: ids[0]!, approve: true });
    expect(h.view().proposal(ids[0]!)!.status).toBe('passed');
    expect(keysOf(h.view().openProposals())).toEqual(sorted([ids[1]!, ids[2]!]));

    // Two of (now five) members reject the second: it fails and leaves the list.
    for (const who of [h.producers[0]!, h.producers[1]!])
      h.accept(who, { type: 'member.vote', proposalId: ids[1]!, approve: false });
    expect(h.view().proposal(ids[1]!)!.status).toBe('rejected');
    expect(keysOf(h.view().openProposals())).toEqual(sorted([ids[2]!]));

    // The third lapses at the end of its deadline block; the empty list is absent from the state.
    for (let i = 0; i < 4; i++) expect(h.block([], p0).ok).toBe(true);
    expect(h.view().proposal(ids[2]!)!.status).toBe('lapsed');
    expect(h.view().openProposals()).toEqual([]);
    expect(h.state.get(openProposalListKey())).toBeUndefined();
  });
});

describe('verifyCompleteListing against the proven open list', () => {
  const h = fourMembers();
  const ids = threeOpen(h);
  const claim = provenIndex(h.view(), ids);
  const proven = readStateRecord({ ...claim, key: openProposalListKey() }, openProposalListCodec);

  it('proves the whole set with one proof and accepts a listing of exactly that set, in any order', () => {
    expect(proven.ok).toBe(true);
    const set = proven.ok ? proven.value! : [];
    expect(keysOf(set)).toEqual(sorted(ids));
    expect(verifyCompleteListing([...ids].reverse(), set, 'open proposals')).toEqual({ ok: true });
  });

  it('refuses a listing with one entry hidden, naming it', () => {
    const set = proven.ok ? proven.value! : [];
    const hidden = ids[1]!;
    const reason = reasonOf(
      verifyCompleteListing(
        ids.filter((id) => id !== hidden),
        set,
        'open proposals',
      ),
    );
    expect(reason).toBe(
      `the listing of open proposals leaves out one entry the proven list holds (${Buffer.from(hidden.subarray(0, 4)).toString('hex')}…)`,
    );
  });

  it('refuses a listing that names a proposal the proven list does not hold', () => {
    const set = proven.ok ? proven.value! : [];
    const madeUp = new Uint8Array(32).fill(7);
    expect(reasonOf(verifyCompleteListing([...ids, madeUp], set, 'open proposals'))).toMatch(
      /^the listing of open proposals names one entry the proven list does not hold \(07070707…\)$/,
    );
  });

  it('refuses an index record with an entry removed, under the real proof (the hiding cannot move into the proof)', () => {
    const shortened = openProposalListCodec.encode(ids.slice(1).sort(compareBytes));
    const tampered = readStateRecord({ ...claim, key: openProposalListKey(), value: shortened }, openProposalListCodec);
    expect(tampered.ok).toBe(false);
  });
});
