/**
 * What the wallet remembers between runs, in `<dataDir>/wallet.sqlite`: the transactions it follows
 * (with the signed bytes, so one can be resubmitted or proven later) and the address book.
 */
import { openDatabase, type Db, type Migration } from '../../../shared/node/db.ts';
import { preparePrivateDatabase } from '../paths.ts';
import type { TrackedTx } from './types.ts';

const migrations: readonly Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE tracked (
        tx_id TEXT PRIMARY KEY,
        sender TEXT NOT NULL,
        type TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expiry_height TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('submitted', 'pending', 'final', 'rejected', 'expired')),
        reason TEXT,
        verified_height INTEGER,
        verified_hash TEXT,
        submitted_at INTEGER NOT NULL,
        signed BLOB NOT NULL
      );
      CREATE INDEX tracked_open ON tracked (state) WHERE state IN ('submitted', 'pending');
      CREATE TABLE contact (address TEXT PRIMARY KEY, label TEXT NOT NULL);
    `),
  // How often the follower re-sent a transaction that had vanished from every pool (follow.ts).
  (db) => db.exec('ALTER TABLE tracked ADD COLUMN resent INTEGER NOT NULL DEFAULT 0'),
];

interface TrackedRow {
  tx_id: string;
  sender: string;
  type: string;
  nonce: string;
  expiry_height: string;
  state: TrackedTx['state'];
  reason: string | null;
  verified_height: number | null;
  verified_hash: string | null;
  submitted_at: number;
  signed: Buffer;
  resent: number;
}

/** A followed transaction with what the follower needs besides its public view. */
export interface TrackedRecord {
  view: TrackedTx;
  nonce: bigint;
  expiryHeight: bigint;
  signed: Uint8Array;
}

export interface Contact {
  address: string;
  label: string;
}

const OPEN_STATES = "('submitted', 'pending')";

function toRecord(row: TrackedRow): TrackedRecord {
  const view: TrackedTx = {
    txId: row.tx_id,
    from: row.sender,
    type: row.type,
    state: row.state,
    submittedAt: row.submitted_at,
  };
  if (row.reason !== null) view.reason = row.reason;
  if (row.resent > 0) view.resent = row.resent;
  if (row.verified_height !== null && row.verified_hash !== null)
    view.verifiedAt = { height: row.verified_height, blockHash: row.verified_hash };
  return {
    view,
    nonce: BigInt(row.nonce),
    expiryHeight: BigInt(row.expiry_height),
    signed: new Uint8Array(row.signed),
  };
}

export class WalletStore {
  private readonly db: Db;

  constructor(file: string) {
    preparePrivateDatabase(file);
    this.db = openDatabase(file, migrations);
  }

  /** Records a transaction the first time it is submitted; a resubmission keeps the first record. */
  track(record: TrackedRecord): TrackedRecord {
    const { view } = record;
    this.db
      .prepare(
        `INSERT OR IGNORE INTO tracked (tx_id, sender, type, nonce, expiry_height, state, reason, submitted_at, signed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        view.txId,
        view.from,
        view.type,
        record.nonce.toString(),
        record.expiryHeight.toString(),
        view.state,
        view.reason ?? null,
        view.submittedAt,
        Buffer.from(record.signed),
      );
    return this.get(view.txId)!;
  }

  get(txId: string): TrackedRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tracked WHERE tx_id = ?').get(txId) as TrackedRow | undefined;
    return row && toRecord(row);
  }

  /** Still on their way: submitted or waiting in a pool. */
  open(): TrackedRecord[] {
    return (
      this.db
        .prepare(`SELECT * FROM tracked WHERE state IN ${OPEN_STATES} ORDER BY submitted_at, nonce`)
        .all() as TrackedRow[]
    ).map(toRecord);
  }

  /** How many of this sender's transactions are still open: they take the nonces after the verified one. */
  openFrom(sender: string): TrackedRecord[] {
    return this.open().filter((r) => r.view.from === sender);
  }

  update(
    txId: string,
    change: Pick<TrackedTx, 'state'> & Partial<Pick<TrackedTx, 'reason' | 'verifiedAt'>>,
  ): TrackedRecord {
    this.db
      .prepare('UPDATE tracked SET state = ?, reason = ?, verified_height = ?, verified_hash = ? WHERE tx_id = ?')
      .run(
        change.state,
        change.reason ?? null,
        change.verifiedAt?.height ?? null,
        change.verifiedAt?.blockHash ?? null,
        txId,
      );
    return this.get(txId)!;
  }

  /** Counts one more re-sending of a followed transaction. */
  markResent(txId: string): TrackedRecord {
    this.db.prepare('UPDATE tracked SET resent = resent + 1 WHERE tx_id = ?').run(txId);
    return this.get(txId)!;
  }

  contacts(): Contact[] {
    return this.db
      .prepare('SELECT address, label FROM contact ORDER BY label COLLATE NOCASE, address')
      .all() as Contact[];
  }

  saveContact(contact: Contact): Contact[] {
    this.db
      .prepare(
        'INSERT INTO contact (address, label) VALUES (?, ?) ON CONFLICT (address) DO UPDATE SET label = excluded.label',
      )
      .run(contact.address, contact.label);
    return this.contacts();
  }

  /** Whether there was such a contact. */
  removeContact(address: string): boolean {
    return this.db.prepare('DELETE FROM contact WHERE address = ?').run(address).changes > 0;
  }

  close(): void {
    this.db.close();
  }
}
