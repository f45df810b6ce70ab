import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { sha256 } from '@noble/hashes/sha2.js';
import { ChainStore, type CommitInput } from '../../chain/store/store.ts';
import { GuardRefusal, SigningGuard } from '../../chain/store/guard.ts';
import { SparseMerkleTree, EMPTY_HASH, verifyProof } from '../../shared/core/merkle/index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'consortia-store-'));
const key = (n: number) => sha256(new Uint8Array([n]));
const value = (text: string) => new TextEncoder().encode(text);

function commitInput(
  store: ChainStore,
  height: bigint,
  root: Uint8Array,
  writes: { key: Uint8Array; value: Uint8Array | null }[],
) {
  const tree = new SparseMerkleTree(store.nodeStore());
  const update = tree.update(
    root,
    writes.map((w) => ({ key: w.key, valueHash: w.value ? sha256(w.value) : null })),
  );
  const input: CommitInput = {
    height,
    hash: sha256(new Uint8Array([Number(height)])),
    dposRound: 0n,
    headerBytes: new Uint8Array([1, Number(height)]),
    blockBytes: new Uint8Array([2, Number(height)]),
    certificateBytes: new Uint8Array([3, Number(height)]),
    stateWrites: writes,
    smtNodes: update.nodes,
    transactionIds: [sha256(new Uint8Array([9, Number(height)]))],
    history: [
      {
        address: new Uint8Array(20).fill(7),
        position: 0,
        role: 'sender',
        txId: sha256(new Uint8Array([9, Number(height)])),
      },
    ],
  };
  return { input, root: update.root };
}

describe('chain store', () => {
  it('commits blocks atomically with state, certificates, indexes and history, and proves old roots', () => {
    const store = new ChainStore(join(dir(), 'chain.sqlite'));
    const first = commitInput(store, 1n, EMPTY_HASH, [{ key: key(1), value: value('alice:100') }]);
    store.commitBlock(first.input);
    const second = commitInput(store, 2n, first.root, [
      { key: key(1), value: value('alice:90') },
      { key: key(2), value: value('bob:10') },
    ]);
    store.commitBlock(second.input);

    expect(store.head()?.height).toBe(2n);
    expect(store.blockByHeight(2n)).toEqual(new Uint8Array([2, 2]));
    expect(store.blockByHash(second.input.hash)).toEqual(new Uint8Array([2, 2]));
    expect(store.certificate(1n)).toEqual(new Uint8Array([3, 1]));
    expect(new TextDecoder().decode(store.currentState(key(1)))).toBe('alice:90');
    expect(store.transactionLocation(second.input.transactionIds[0]!)).toEqual({ height: 2n, position: 0 });
    expect(store.accountHistory(new Uint8Array(20).fill(7), { limit: 10 }).map((h) => h.height)).toEqual([2n, 1n]);
    expect(
      store
        .accountHistory(new Uint8Array(20).fill(7), { limit: 10, before: { height: 2n, position: 0 } })
        .map((h) => h.height),
    ).toEqual([1n]);

    // A proof against the older root still verifies, and its value is still retrievable by hash.
    const tree = new SparseMerkleTree(store.nodeStore());
    const oldHash = tree.get(first.root, key(1))!;
    expect(new TextDecoder().decode(store.valueByHash(oldHash))).toBe('alice:100');
    expect(verifyProof(first.root, key(1), oldHash, tree.prove(first.root, key(1)))).toBe(true);
    expect(verifyProof(second.root, key(2), sha256(value('bob:10')), tree.prove(second.root, key(2)))).toBe(true);
    store.close();
  });

  it('reads through its caches what SQLite holds, and a refused block leaves no trace in them', () => {
    const file = join(dir(), 'chain.sqlite');
    const store = new ChainStore(file);
    const first = commitInput(store, 1n, EMPTY_HASH, [{ key: key(1), value: value('alice:100') }]);
    store.commitBlock(first.input);
    expect(new TextDecoder().decode(store.currentState(key(1)))).toBe('alice:100'); // cached on commit
    expect(store.currentState(key(2))).toBeUndefined(); // a miss is remembered as absent
    // Refused inside the transaction after its state writes ran (a transaction id already stored): none may show.
    const refused = commitInput(store, 2n, first.root, [
      { key: key(1), value: value('alice:0') },
      { key: key(2), value: value('mallory:1') },
    ]);
    expect(() => store.commitBlock({ ...refused.input, transactionIds: first.input.transactionIds })).toThrow(/UNIQUE/);
    expect(store.head()?.height).toBe(1n);
    expect(new TextDecoder().decode(store.currentState(key(1)))).toBe('alice:100');
    expect(store.currentState(key(2))).toBeUndefined();
    // A deletion is cached as absent; a second store on the same file (cold caches) agrees on everything.
    const second = commitInput(store, 2n, first.root, [
      { key: key(1), value: null },
      { key: key(2), value: value('bob:10') },
    ]);
    store.commitBlock(second.input);
    expect(store.currentState(key(1))).toBeUndefined();
    const cold = new ChainStore(file);
    expect(cold.currentState(key(1))).toBeUndefined();
    expect(new TextDecoder().decode(cold.currentState(key(2)))).toBe('bob:10');
    const warmTree = new SparseMerkleTree(store.nodeStore());
    const coldTree = new SparseMerkleTree(cold.nodeStore());
    expect(coldTree.prove(second.root, key(2))).toEqual(warmTree.prove(second.root, key(2)));
    cold.close();
    store.close();
  });

  it('refuses a gap or a repeated height, leaving the head as it was', () => {
    const store = new ChainStore(join(dir(), 'chain.sqlite'));
    const first = commitInput(store, 1n, EMPTY_HASH, [{ key: key(1), value: value('x') }]);
    store.commitBlock(first.input);
    expect(() => store.commitBlock(commitInput(store, 3n, first.root, []).input)).toThrow(/expects height 2/);
    expect(() => store.commitBlock(first.input)).toThrow();
    expect(store.head()?.height).toBe(1n);
  });

  it('survives a process killed mid-commit: the store reopens on the last whole block', () => {
    const file = join(dir(), 'chain.sqlite');
    // A child commits block 1, then is killed inside the transaction writing block 2.
    const script = `
      import { ChainStore } from './chain/store/store.ts';
      const store = new ChainStore(${JSON.stringify(file)});
      const b = (h) => ({ height: h, hash: new Uint8Array(32).fill(Number(h)), dposRound: 0n, headerBytes: new Uint8Array([1]), blockBytes: new Uint8Array([2]),
        certificateBytes: new Uint8Array([3]), stateWrites: [{ key: new Uint8Array(32).fill(Number(h)), value: new Uint8Array([Number(h)]) }], smtNodes: [], transactionIds: [], history: [] });
      store.commitBlock(b(1n));
      store.db.transaction(() => {
        store.db.prepare('INSERT INTO blocks (height, hash, dpos_round, header, block) VALUES (2, x\\'00\\', 0, x\\'00\\', x\\'00\\')').run();
        process.kill(process.pid, 'SIGKILL');
      })();
    `;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'ignore' });
    } catch {
      // killed on purpose
    }
    const store = new ChainStore(file);
    expect(store.head()?.height).toBe(1n);
    expect(store.blockByHeight(2n)).toBeUndefined();
    store.close();
  });
});

describe('double-sign guard', () => {
  it('persists the last signed position and refuses to sign at or below it, across restarts', () => {
    const file = join(dir(), 'guard.sqlite');
    const guard = new SigningGuard(file);
    guard.authorize({ height: 5n, round: 0, step: 1 });
    guard.authorize({ height: 5n, round: 0, step: 2 });
    expect(() => guard.authorize({ height: 5n, round: 0, step: 2 })).toThrow(GuardRefusal);
    expect(() => guard.authorize({ height: 5n, round: 0, step: 1 })).toThrow(
      /already signed up to height 5 round 0 step 2/,
    );
    guard.close();

    const reopened = new SigningGuard(file);
    expect(reopened.lastSigned()).toEqual({ height: 5n, round: 0, step: 2 });
    expect(() => reopened.authorize({ height: 4n, round: 9, step: 0 })).toThrow(GuardRefusal);
    reopened.authorize({ height: 5n, round: 1, step: 0 });
    reopened.authorize({ height: 6n, round: 0, step: 0 });
    reopened.close();
  });

  it('refuses to start signing when the guard is ahead of the chain', () => {
    const guard = new SigningGuard(join(dir(), 'guard.sqlite'));
    expect(guard.checkAgainstChain(0n)).toEqual({ ok: true });
    guard.authorize({ height: 10n, round: 0, step: 1 });
    expect(guard.checkAgainstChain(9n)).toEqual({ ok: true });
    const ahead = guard.checkAgainstChain(3n);
    expect(ahead.ok).toBe(false);
    if (!ahead.ok) expect(ahead.reason).toMatch(/already signed at height 10, but the chain here is only at 3/);
    guard.close();
  });
});

describe('double-sign guard keeps what it signed', () => {
  it('records signed messages with their position, refuses a repeat, and returns them for replay', () => {
    const file = join(dir(), 'guard.sqlite');
    const guard = new SigningGuard(file);
    guard.record({ height: 7n, round: 0, step: 1 }, 'vote', new Uint8Array([1]));
    guard.record({ height: 7n, round: 0, step: 2 }, 'vote', new Uint8Array([2]));
    expect(() => guard.record({ height: 7n, round: 0, step: 2 }, 'vote', new Uint8Array([9]))).toThrow(GuardRefusal);
    guard.close();
    const reopened = new SigningGuard(file);
    expect(reopened.signedAt(7n)).toEqual([
      { kind: 'vote', payload: new Uint8Array([1]) },
      { kind: 'vote', payload: new Uint8Array([2]) },
    ]);
    reopened.record({ height: 8n, round: 0, step: 0 }, 'proposal', new Uint8Array([3]));
    expect(reopened.signedAt(7n)).toEqual([]);
    reopened.close();
  });
});
