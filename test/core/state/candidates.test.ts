import { describe, expect, it } from 'vitest';
import { publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import { Harness, outsider } from './helpers.ts';

const key = (n: number): Uint8Array => publicKeyFromSecret(new Uint8Array(32).fill(n));
const register = (name: string, consensusKey: Uint8Array, endpoint = 'wss://node.example:7070') => ({
  type: 'candidate.register' as const,
  name,
  consensusKey,
  endpoint,
});

describe('candidate.register', () => {
  it('registers a member as an active candidate and indexes its name and key', () => {
    const h = new Harness();
    const m = h.members[0]!;
    h.accept(m, register('acme', key(1)));
    const v = h.view();
    expect(v.candidate(m.address)).toMatchObject({
      name: 'acme',
      status: 'active',
      voteWeight: 0n,
      selfAddress: m.address,
    });
    expect(v.nameOwner('acme')).toEqual(m.address);
    expect(v.consensusKeyOwner(key(1))).toEqual(m.address);
    expect(v.candidateList().some((a) => Buffer.from(a).equals(Buffer.from(m.address)))).toBe(true);
  });

  it('rejects non-members, taken names, used keys, invalid keys, and double registration', () => {
    const h = new Harness();
    const [m, n] = h.members;
    const stranger = outsider(1);
    h.accept(h.producers[0]!, { type: 'transfer', to: stranger.address, amount: 100_000n, memo: '' });
    h.reject(
      h.tx(stranger, register('stranger', key(2))),
      'only members may register as candidates; apply for membership first',
    );
    h.reject(
      h.tx(m!, register('producer-0', key(2))),
      /^the candidate name "producer-0" is taken by 0x[0-9a-f]{40}; choose another name$/,
    );
    const usedKey = h.view().candidate(h.producers[0]!.address)!.consensusKey;
    h.reject(
      h.tx(m!, register('acme', usedKey)),
      /is already used by candidate 0x[0-9a-f]{40}; every node needs its own key$/,
    );
    h.reject(
      h.tx(m!, register('acme', new Uint8Array(32))),
      /is not a valid Ed25519 public key; generate the key with the node's key tool$/,
    );
    h.accept(m!, register('acme', key(2)));
    h.reject(
      h.tx(m!, register('acme', key(2))),
      'this account is already a candidate (active); use candidate.update to change its key or endpoint',
    );
    h.reject(h.tx(n!, register('other', key(2))), /already used by candidate/);
  });

  it('lets a resigned candidate register again, keeping its weight; keeps names reserved to their owner', () => {
    const h = new Harness();
    const p = h.producers[0]!;
    const weight = h.view().candidate(p.address)!.voteWeight;
    h.accept(p, { type: 'candidate.resign' });
    h.reject(h.tx(h.members[0]!, register('producer-0', key(3))), /is taken by/);
    h.accept(p, register('producer-0', key(3)));
    expect(h.view().candidate(p.address)).toMatchObject({ status: 'active', voteWeight: weight, consensusKey: key(3) });
  });
});

describe('candidate.update', () => {
  it('rotates the key (old key stays mapped to the candidate) and moves the endpoint', () => {
    const h = new Harness();
    const p = h.producers[0]!;
    const old = h.view().candidate(p.address)!.consensusKey;
    h.accept(p, { type: 'candidate.update', consensusKey: key(4), endpoint: 'wss://new.example:1' });
    const v = h.view();
    expect(v.candidate(p.address)).toMatchObject({ consensusKey: key(4), endpoint: 'wss://new.example:1' });
    expect(v.consensusKeyOwner(old)).toEqual(p.address);
    expect(v.consensusKeyOwner(key(4))).toEqual(p.address);
    // The active set keeps the old key until the next election.
    expect(
      v.rounds().rounds[0]!.validators.find((x) => Buffer.from(x.address).equals(Buffer.from(p.address)))!.consensusKey,
    ).toEqual(old);
  });

  it('rejects empty updates, the same key, a key of another candidate, and non-candidates', () => {
    const h = new Harness();
    const [p, q] = h.producers;
    h.reject(
      h.tx(p!, { type: 'candidate.update' }),
      'the update changes nothing; give a new consensus key, a new endpoint, or both',
    );
    const own = h.view().candidate(p!.address)!.consensusKey;
    h.reject(
      h.tx(p!, { type: 'candidate.update', consensusKey: own }),
      'the new consensus key is the current one; give a different key',
    );
    const theirs = h.view().candidate(q!.address)!.consensusKey;
    h.reject(h.tx(p!, { type: 'candidate.update', consensusKey: theirs }), /already used by candidate/);
    h.reject(
      h.tx(h.members[0]!, { type: 'candidate.update', endpoint: 'x' }),
      'this account is not a candidate; register first',
    );
    h.accept(p!, { type: 'candidate.resign' });
    h.reject(
      h.tx(p!, { type: 'candidate.update', endpoint: 'x' }),
      'this candidate has resigned; register again to return',
    );
  });
});

describe('candidate.resign', () => {
  it('marks the candidate resigned and removes it from the candidate list', () => {
    const h = new Harness();
    const p = h.producers[0]!;
    const count = h.view().candidateList().length;
    h.accept(p, { type: 'candidate.resign' });
    expect(h.view().candidate(p.address)!.status).toBe('resigned');
    expect(h.view().candidateList()).toHaveLength(count - 1);
    h.reject(h.tx(p, { type: 'candidate.resign' }), 'this candidate has resigned; register again to return');
  });
});

describe('candidate.unjail', () => {
  function jailed(h: Harness, until: bigint): void {
    const v = h.view();
    const p = h.producers[0]!;
    v.setCandidate(p.address, { ...v.candidate(p.address)!, status: 'jailed', jailedUntil: until });
    h.state.apply(v.changes());
  }

  it('returns a jailed candidate to active from jailedUntil on, not before', () => {
    const h = new Harness();
    const p = h.producers[0]!;
    jailed(h, 10n);
    h.height = 9n;
    h.reject(
      h.tx(p, { type: 'candidate.unjail' }),
      'the candidate is jailed until height 10 (now 9); send candidate.unjail at or after that height',
    );
    h.height = 10n;
    h.accept(p, { type: 'candidate.unjail' });
    expect(h.view().candidate(p.address)).toMatchObject({ status: 'active', consecutiveMisses: 0 });
    expect(h.view().candidate(p.address)!.jailedUntil).toBeUndefined();
  });

  it('rejects candidates that are not jailed and accounts that are not candidates', () => {
    const h = new Harness();
    h.reject(h.tx(h.producers[0]!, { type: 'candidate.unjail' }), 'this candidate is not jailed (status active)');
    h.reject(h.tx(h.members[0]!, { type: 'candidate.unjail' }), 'this account is not a candidate');
  });
});
