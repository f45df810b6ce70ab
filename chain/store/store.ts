import { sha256 } from '@noble/hashes/sha2.js';
import { openDatabase, type Db } from '../../shared/node/db.ts';
import type { NodeBatch, NodeStore } from '../../shared/core/merkle/index.ts';
import { BoundedCache } from './cache.ts';
import { chainMigrations } from './schema.ts';

export interface StateWrite {
  key: Uint8Array;
  /** Canonical encoding of the record, or null to delete it. */
  value: Uint8Array | null;
}

export interface HistoryEntry {
  address: Uint8Array;
  position: number;
  role: string;
  txId: Uint8Array;
}

export interface CommitInput {
  height: bigint;
  hash: Uint8Array;
  dposRound: bigint;
  headerBytes: Uint8Array;
  blockBytes: Uint8Array;
  certificateBytes: Uint8Array;
  stateWrites: readonly StateWrite[];
  smtNodes: NodeBatch;
  transactionIds: readonly Uint8Array[];
  history: readonly HistoryEntry[];
  /** Validator sets that became known with this block (round → canonical set encoding). */
  roundSets?: ReadonlyMap<bigint, Uint8Array>;
}

export interface StoredHead {
  height: bigint;
  hash: Uint8Array;
}

const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
/** ≈ 100 bytes a node: ≈ 20 MiB, the upper levels and recent paths of a tree of millions of leaves. */
const NODE_CACHE_ENTRIES = 200_000;
const STATE_CACHE_ENTRIES = 100_000;
/** A cached "no value at this key" (deleted or never written). */
const ABSENT = new Uint8Array(0);

const bytes = (value: Buffer | undefined) =>
  value ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : undefined;

/** SQLite-backed chain store. Every block commits in one transaction, so a crash leaves the previous head intact. */
export class ChainStore {
  readonly db: Db;
  private readonly stmts;
  private readonly nodeCache = new BoundedCache<Uint8Array>(NODE_CACHE_ENTRIES);
  private readonly stateCache = new BoundedCache<Uint8Array>(STATE_CACHE_ENTRIES);

  constructor(file: string) {
    this.db = openDatabase(file, chainMigrations);
    const db = this.db;
    this.stmts = {
      head: db.prepare('SELECT height, hash FROM blocks ORDER BY height DESC LIMIT 1'),
      blockByHeight: db.prepare('SELECT block FROM blocks WHERE height = ?'),
      blockByHash: db.prepare('SELECT block FROM blocks WHERE hash = ?'),
      headerByHeight: db.prepare('SELECT header FROM blocks WHERE height = ?'),
      heightByHash: db.prepare('SELECT height FROM blocks WHERE hash = ?'),
      certificate: db.prepare('SELECT certificate FROM certificates WHERE height = ?'),
      insertBlock: db.prepare('INSERT INTO blocks (height, hash, dpos_round, header, block) VALUES (?, ?, ?, ?, ?)'),
      insertCertificate: db.prepare('INSERT OR REPLACE INTO certificates (height, certificate) VALUES (?, ?)'),
      insertNode: db.prepare('INSERT OR IGNORE INTO smt_nodes (hash, bytes) VALUES (?, ?)'),
      node: db.prepare('SELECT bytes FROM smt_nodes WHERE hash = ?'),
      insertValue: db.prepare('INSERT OR IGNORE INTO state_values (hash, bytes) VALUES (?, ?)'),
      value: db.prepare('SELECT bytes FROM state_values WHERE hash = ?'),
      putCurrent: db.prepare('INSERT OR REPLACE INTO state_current (key, value) VALUES (?, ?)'),
      deleteCurrent: db.prepare('DELETE FROM state_current WHERE key = ?'),
      current: db.prepare('SELECT value FROM state_current WHERE key = ?'),
      insertTx: db.prepare('INSERT INTO transactions (id, height, position) VALUES (?, ?, ?)'),
      txLocation: db.prepare('SELECT height, position FROM transactions WHERE id = ?'),
      insertHistory: db.prepare(
        'INSERT OR IGNORE INTO account_history (address, height, position, role, tx_id) VALUES (?, ?, ?, ?, ?)',
      ),
      history: db.prepare(
        'SELECT height, position, role, tx_id FROM account_history WHERE address = ? AND (height < ? OR (height = ? AND position < ?)) ORDER BY height DESC, position DESC LIMIT ?',
      ),
      lastOfRound: db.prepare('SELECT max(height) AS h FROM blocks WHERE dpos_round = ?'),
      firstOfRound: db.prepare('SELECT min(height) AS h FROM blocks WHERE dpos_round = ?'),
      putRoundSet: db.prepare('INSERT OR REPLACE INTO round_sets (round, validator_set) VALUES (?, ?)'),
      roundSet: db.prepare('SELECT validator_set FROM round_sets WHERE round = ?'),
      putMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      meta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    };
    for (const stmt of [
      this.stmts.head,
      this.stmts.heightByHash,
      this.stmts.txLocation,
      this.stmts.history,
      this.stmts.lastOfRound,
      this.stmts.firstOfRound,
    ])
      stmt.safeIntegers(true);
  }

  head(): StoredHead | null {
    const row = this.stmts.head.get() as { height: bigint; hash: Buffer } | undefined;
    return row ? { height: row.height, hash: bytes(row.hash)! } : null;
  }

  /** Writes state that exists before block 1 (genesis) without a block row. */
  writeGenesisState(writes: readonly StateWrite[], nodes: NodeBatch): void {
    this.db.transaction(() => this.writeState(writes, nodes))();
    this.remember(writes, nodes);
  }

  commitBlock(input: CommitInput): void {
    this.db.transaction(() => {
      const head = this.head();
      const expected = head ? head.height + 1n : 1n;
      if (input.height !== expected) throw new Error(`Store expects height ${expected}, got ${input.height}.`);
      this.stmts.insertBlock.run(
        input.height,
        buf(input.hash),
        input.dposRound,
        buf(input.headerBytes),
        buf(input.blockBytes),
      );
      this.stmts.insertCertificate.run(input.height, buf(input.certificateBytes));
      this.writeState(input.stateWrites, input.smtNodes);
      input.transactionIds.forEach((id, position) => this.stmts.insertTx.run(buf(id), input.height, position));
      for (const h of input.history)
        this.stmts.insertHistory.run(buf(h.address), input.height, h.position, h.role, buf(h.txId));
      for (const [round, set] of input.roundSets ?? []) this.stmts.putRoundSet.run(round, buf(set));
    })();
    this.remember(input.stateWrites, input.smtNodes);
  }

  /** After a commit: what the next block reads first (the new tree paths, the accounts just written). */
  private remember(writes: readonly StateWrite[], nodes: NodeBatch): void {
    for (const node of nodes) this.nodeCache.set(node.hash, node.bytes);
    for (const { key, value } of writes) this.stateCache.set(key, value ?? ABSENT);
  }

  private writeState(writes: readonly StateWrite[], nodes: NodeBatch): void {
    for (const node of nodes) this.stmts.insertNode.run(buf(node.hash), buf(node.bytes));
    for (const { key, value } of writes) {
      if (value === null) {
        this.stmts.deleteCurrent.run(buf(key));
      } else {
        this.stmts.insertValue.run(buf(sha256(value)), buf(value));
        this.stmts.putCurrent.run(buf(key), buf(value));
      }
    }
  }

  /** Replaces the stored certificate for a height, e.g. with one carrying more signatures. */
  putCertificate(height: bigint, certificateBytes: Uint8Array): void {
    this.stmts.insertCertificate.run(height, buf(certificateBytes));
  }

  blockByHeight(height: bigint): Uint8Array | undefined {
    return bytes((this.stmts.blockByHeight.get(height) as { block: Buffer } | undefined)?.block);
  }
  blockByHash(hash: Uint8Array): Uint8Array | undefined {
    return bytes((this.stmts.blockByHash.get(buf(hash)) as { block: Buffer } | undefined)?.block);
  }
  headerByHeight(height: bigint): Uint8Array | undefined {
    return bytes((this.stmts.headerByHeight.get(height) as { header: Buffer } | undefined)?.header);
  }
  heightOfHash(hash: Uint8Array): bigint | undefined {
    return (this.stmts.heightByHash.get(buf(hash)) as { height: bigint } | undefined)?.height;
  }
  certificate(height: bigint): Uint8Array | undefined {
    return bytes((this.stmts.certificate.get(height) as { certificate: Buffer } | undefined)?.certificate);
  }

  /** The newest value of a state record. */
  currentState(key: Uint8Array): Uint8Array | undefined {
    const cached = this.stateCache.get(key);
    if (cached !== undefined) return cached === ABSENT ? undefined : cached;
    const value = bytes((this.stmts.current.get(buf(key)) as { value: Buffer } | undefined)?.value);
    this.stateCache.set(key, value ?? ABSENT);
    return value;
  }
  /** A state value by its hash (as found in a sparse-Merkle leaf), at any height. */
  valueByHash(hash: Uint8Array): Uint8Array | undefined {
    return bytes((this.stmts.value.get(buf(hash)) as { bytes: Buffer } | undefined)?.bytes);
  }
  /** The sparse-Merkle node store, for proofs and updates. */
  nodeStore(): NodeStore {
    return {
      get: (hash) => {
        const cached = this.nodeCache.get(hash);
        if (cached) return cached;
        const node = bytes((this.stmts.node.get(buf(hash)) as { bytes: Buffer } | undefined)?.bytes);
        if (node) this.nodeCache.set(hash, node);
        return node;
      },
    };
  }

  transactionLocation(id: Uint8Array): { height: bigint; position: number } | undefined {
    const row = this.stmts.txLocation.get(buf(id)) as { height: bigint; position: bigint } | undefined;
    return row ? { height: row.height, position: Number(row.position) } : undefined;
  }

  /** Newest first; pass the last entry's (height, position) as `before` for the next page. */
  accountHistory(address: Uint8Array, options: { limit: number; before?: { height: bigint; position: number } }) {
    const before = options.before ?? { height: 2n ** 62n, position: 0 };
    const rows = this.stmts.history.all(buf(address), before.height, before.height, before.position, options.limit) as {
      height: bigint;
      position: bigint;
      role: string;
      tx_id: Buffer;
    }[];
    return rows.map((r) => ({ height: r.height, position: Number(r.position), role: r.role, txId: bytes(r.tx_id)! }));
  }

  lastHeightOfRound(round: bigint): bigint | undefined {
    return (this.stmts.lastOfRound.get(round) as { h: bigint | null }).h ?? undefined;
  }
  firstHeightOfRound(round: bigint): bigint | undefined {
    return (this.stmts.firstOfRound.get(round) as { h: bigint | null }).h ?? undefined;
  }
  roundSet(round: bigint): Uint8Array | undefined {
    return bytes((this.stmts.roundSet.get(round) as { validator_set: Buffer } | undefined)?.validator_set);
  }
  putRoundSet(round: bigint, set: Uint8Array): void {
    this.stmts.putRoundSet.run(round, buf(set));
  }

  getMeta(key: string): Uint8Array | undefined {
    return bytes((this.stmts.meta.get(key) as { value: Buffer } | undefined)?.value);
  }
  putMeta(key: string, value: Uint8Array): void {
    this.stmts.putMeta.run(key, buf(value));
  }

  close(): void {
    this.db.close();
  }
}
