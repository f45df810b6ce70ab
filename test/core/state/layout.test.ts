import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as K from '../../../shared/core/state/keys.ts';
import {
  EMPTY_STATE,
  MemoryState,
  Overlay,
  StateCorruptError,
  StateView,
  zeroAccount,
} from '../../../shared/core/state/index.ts';
import { accountCodec } from '../../../shared/core/types/index.ts';

const sha = (...parts: Uint8Array[]): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('state keys', () => {
  it('are sha256(namespace ‖ id), reproducible by a light client from the documented table', () => {
    const a = bytes(20, 7);
    expect(K.accountKey(a)).toEqual(sha(Uint8Array.of(0x01), a));
    expect(K.candidateKey(a)).toEqual(sha(Uint8Array.of(0x07), a));
    expect(K.consensusKeyIndexKey(bytes(32, 3))).toEqual(sha(Uint8Array.of(0x0a), bytes(32, 3)));
    expect(K.candidateNameKey('node-1')).toEqual(sha(Uint8Array.of(0x09), new TextEncoder().encode('node-1')));
    expect(K.proposalDeadlinesKey(258n)).toEqual(sha(Uint8Array.of(0x06), Uint8Array.of(0, 0, 0, 0, 0, 0, 1, 2)));
    expect(K.parametersKey()).toEqual(sha(Uint8Array.of(0x10)));
    expect(K.roundsKey()).toEqual(sha(Uint8Array.of(0x12)));
  });

  it('give every namespace its own key for the same id, and refuse wrong-sized ids', () => {
    const a = bytes(20, 1);
    const keys = [K.accountKey(a), K.memberKey(a), K.candidateKey(a), K.applicationKey(a)].map((k) =>
      Buffer.from(k).toString('hex'),
    );
    expect(new Set(keys).size).toBe(4);
    expect(new Set(Object.values(K.Namespace)).size).toBe(Object.keys(K.Namespace).length);
    expect(() => K.accountKey(bytes(32, 1))).toThrow('address must be 20 bytes');
    expect(() => K.proposalKey(bytes(20, 1))).toThrow('proposal id must be 32 bytes');
  });
});

describe('overlay', () => {
  const k = (n: number): Uint8Array => bytes(32, n);

  it('reads through to its base, buffers writes and deletes, and keeps a child apart until absorbed', () => {
    const base = new MemoryState();
    base.apply([{ key: k(1), value: Uint8Array.of(1) }]);
    const o = new Overlay(base);
    expect(o.get(k(1))).toEqual(Uint8Array.of(1));
    const child = o.child();
    child.set(k(1), null);
    child.set(k(2), Uint8Array.of(2));
    expect(o.get(k(1))).toEqual(Uint8Array.of(1));
    expect(child.get(k(1))).toBeUndefined();
    o.absorb(child);
    expect(o.get(k(1))).toBeUndefined();
    expect(o.get(k(2))).toEqual(Uint8Array.of(2));
    expect(base.get(k(1))).toEqual(Uint8Array.of(1)); // the base is never written
    expect(() => o.absorb(new Overlay(base))).toThrow('not a child');
  });

  it('lists changes sorted by key, leaving out writes that change nothing', () => {
    const base = new MemoryState();
    base.apply([{ key: k(5), value: Uint8Array.of(5) }]);
    const o = new Overlay(base);
    o.set(k(9), Uint8Array.of(9));
    o.set(k(5), Uint8Array.of(5)); // same value as the base
    o.set(k(7), null); // delete of nothing
    o.set(k(3), Uint8Array.of(3));
    o.set(k(1), null);
    o.set(k(1), Uint8Array.of(1));
    expect(o.changes()).toEqual([
      { key: k(1), value: Uint8Array.of(1) },
      { key: k(3), value: Uint8Array.of(3) },
      { key: k(9), value: Uint8Array.of(9) },
    ]);
  });
});

describe('typed view', () => {
  it('reads absent accounts as zero and deletes accounts written back to zero', () => {
    const base = new MemoryState();
    const a = bytes(20, 4);
    const v = StateView.over(base);
    expect(v.account(a)).toEqual(zeroAccount());
    v.setAccount(a, { ...zeroAccount(), balance: 5n });
    base.apply(v.changes());
    const w = StateView.over(base);
    w.setAccount(a, zeroAccount());
    expect(w.changes()).toEqual([{ key: K.accountKey(a), value: null }]);
  });

  it('encodes on write, so a record breaking its rules fails where it is made', () => {
    const v = StateView.over(EMPTY_STATE);
    expect(() =>
      v.setAccount(bytes(20, 1), { ...zeroAccount(), staked: 1n, votes: [{ candidate: bytes(20, 2), amount: 2n }] }),
    ).toThrow('vote allocations (2) exceed staked (1)');
  });

  it('reports undecodable records as corruption, and a state without genesis records as such', () => {
    const base = new MemoryState();
    const a = bytes(20, 4);
    base.apply([{ key: K.accountKey(a), value: Uint8Array.of(1, 2, 3) }]);
    expect(() => StateView.over(base).account(a)).toThrow(StateCorruptError);
    expect(() => StateView.over(base).params()).toThrow(
      'state record chain parameters does not decode: absent (the state was not built from a genesis)',
    );
    expect(accountCodec.decode(Uint8Array.of(1, 2, 3)).ok).toBe(false);
  });
});
