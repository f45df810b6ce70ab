import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../shared/core/crypto/index.ts';
import { encodeProof, MemoryNodeStore, SparseMerkleTree, txInclusionProof } from '../../../shared/core/merkle/index.ts';
import {
  readStateRecord,
  verifyCommit,
  verifyStateValue,
  verifyTransactionInclusion,
} from '../../../shared/core/light/index.ts';
import { accountKey } from '../../../shared/core/state/index.ts';
import { accountCodec } from '../../../shared/core/types/index.ts';
import { accountOf, chain, CHAIN_ID, label, setOf, USERS } from './fixtures.ts';

const c = chain();
const HEIGHT = 5;
const header = c.at(HEIGHT).header;
const ALICE = 0;
const aliceKey = accountKey(USERS[ALICE]!);
const strangerKey = accountKey(label('stranger').slice(0, 20));

function reasonOf(verdict: { ok: boolean; reason?: string }): string | undefined {
  return verdict.ok ? undefined : verdict.reason;
}

describe('verifyStateValue', () => {
  it('accepts every account record with its proof from the real tree, as built or encoded', () => {
    USERS.forEach((user, u) => {
      const claim = { header, key: accountKey(user), value: c.accountBytes(HEIGHT, u), proof: c.prove(HEIGHT, u) };
      expect(verifyStateValue(claim)).toEqual({ ok: true });
      expect(verifyStateValue({ ...claim, proof: encodeProof(claim.proof) })).toEqual({ ok: true });
    });
  });

  it('rejects an altered balance with the real proof', () => {
    const real = c.at(HEIGHT).balances[ALICE]!;
    const value = accountCodec.encode(accountOf(real + 1_000_000n));
    expect(reasonOf(verifyStateValue({ header, key: aliceKey, value, proof: c.prove(HEIGHT, ALICE) }))).toMatch(
      /^the proof does not show key [0-9a-f]{8}… holding this value in the state of block 5 \(root [0-9a-f]{8}…\)$/,
    );
  });

  it('rejects a value and proof from another block (a stale balance)', () => {
    // Height 3 credits alice (3 % 3 = 0), so her balance at 2 is not her balance at 3.
    const claim = { header: c.at(3).header, key: aliceKey, value: c.accountBytes(2, ALICE), proof: c.prove(2, ALICE) };
    expect(verifyStateValue(claim).ok).toBe(false);
  });

  it('accepts a non-membership proof for an absent key', () => {
    const proof = c.tree.prove(header.stateRoot, strangerKey);
    expect(verifyStateValue({ header, key: strangerKey, value: null, proof })).toEqual({ ok: true });
  });

  it('rejects a non-membership claim for a present key', () => {
    expect(reasonOf(verifyStateValue({ header, key: aliceKey, value: null, proof: c.prove(HEIGHT, ALICE) }))).toMatch(
      /^the proof shows key [0-9a-f]{8}… present, so it cannot show it absent from the state of block 5/,
    );
    // Nor does another key's absence proof show alice absent.
    const strangerProof = c.tree.prove(header.stateRoot, strangerKey);
    expect(reasonOf(verifyStateValue({ header, key: aliceKey, value: null, proof: strangerProof }))).toMatch(
      /^the proof does not show key [0-9a-f]{8}… absent/,
    );
  });

  it('rejects a value claim backed by an absence proof', () => {
    const proof = c.tree.prove(header.stateRoot, strangerKey);
    expect(
      reasonOf(verifyStateValue({ header, key: strangerKey, value: c.accountBytes(HEIGHT, ALICE), proof })),
    ).toMatch(/^the proof shows key [0-9a-f]{8}… absent, so it cannot show a value for it/);
  });

  it('rejects a malformed encoded proof', () => {
    const bytes = encodeProof(c.prove(HEIGHT, ALICE));
    expect(
      reasonOf(
        verifyStateValue({ header, key: aliceKey, value: c.accountBytes(HEIGHT, ALICE), proof: bytes.subarray(0, -1) }),
      ),
    ).toMatch(/^the state proof is malformed: /);
  });

  it('cannot be fooled by an altered header: its state root is no longer what the set certified', () => {
    // A server builds a state where alice is rich and a header committing to it.
    const store = new MemoryNodeStore();
    const tree = new SparseMerkleTree(store);
    const rich = accountCodec.encode(accountOf(10n ** 15n));
    const update = tree.update(new Uint8Array(32), [{ key: aliceKey, valueHash: sha256(rich) }]);
    store.put(update.nodes);
    const forged = { ...header, stateRoot: update.root };
    expect(
      verifyStateValue({ header: forged, key: aliceKey, value: rich, proof: tree.prove(update.root, aliceKey) }),
    ).toEqual({ ok: true });
    const commit = verifyCommit({
      header: forged,
      certificate: c.at(HEIGHT).certificate,
      validatorSet: setOf(c.setA),
      chainId: CHAIN_ID,
    });
    expect(reasonOf(commit)).toMatch(/^the certificate signs block [0-9a-f]{8}…, not header 5/);
  });
});

describe('readStateRecord', () => {
  it('returns the decoded record, or null for a proven absence', () => {
    const read = readStateRecord(
      { header, key: aliceKey, value: c.accountBytes(HEIGHT, ALICE), proof: c.prove(HEIGHT, ALICE) },
      accountCodec,
    );
    expect(read).toEqual({ ok: true, value: accountOf(c.at(HEIGHT).balances[ALICE]!) });
    const absent = readStateRecord(
      { header, key: strangerKey, value: null, proof: c.tree.prove(header.stateRoot, strangerKey) },
      accountCodec,
    );
    expect(absent).toEqual({ ok: true, value: null });
  });

  it('rejects an unproven value before decoding it', () => {
    const value = accountCodec.encode(accountOf(1n));
    expect(readStateRecord({ header, key: aliceKey, value, proof: c.prove(HEIGHT, ALICE) }, accountCodec).ok).toBe(
      false,
    );
  });

  it('rejects a proven value that is not a record of the expected kind', () => {
    const store = new MemoryNodeStore();
    const tree = new SparseMerkleTree(store);
    const junk = Uint8Array.of(1, 2, 3);
    const update = tree.update(new Uint8Array(32), [{ key: aliceKey, valueHash: sha256(junk) }]);
    store.put(update.nodes);
    const claim = {
      header: { ...header, stateRoot: update.root },
      key: aliceKey,
      value: junk,
      proof: tree.prove(update.root, aliceKey),
    };
    expect(reasonOf(readStateRecord(claim, accountCodec))).toMatch(/^the proven record does not decode: /);
  });
});

describe('verifyTransactionInclusion', () => {
  const block = c.at(3); // 3 transactions
  const claim = (index: number) => ({
    header: block.header,
    txId: block.txIds[index]!,
    index,
    count: 3,
    proof: txInclusionProof(block.txIds, index),
  });

  it('accepts each transaction of the block at its position', () => {
    expect(block.txIds).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(verifyTransactionInclusion(claim(i))).toEqual({ ok: true });
  });

  it('rejects a wrong index', () => {
    expect(reasonOf(verifyTransactionInclusion({ ...claim(0), index: 1 }))).toMatch(
      /^the proof does not show transaction [0-9a-f]{8}… at position 1 of the 3 transactions of block 3$/,
    );
  });

  it('rejects a wrong count, even one with the same proof shape', () => {
    expect(verifyTransactionInclusion({ ...claim(0), count: 4 }).ok).toBe(false);
    expect(verifyTransactionInclusion({ ...claim(2), count: 5 }).ok).toBe(false);
  });

  it('rejects a wrong leaf, and a proof against another block', () => {
    expect(verifyTransactionInclusion({ ...claim(1), txId: label('not in the block') }).ok).toBe(false);
    expect(verifyTransactionInclusion({ ...claim(1), header: c.at(7).header }).ok).toBe(false);
  });
});
