import { openDatabase, type Db } from '../../shared/node/db.ts';

/** Where a validator last signed; it must never sign anything at or below this again (except re-sending the same vote). */
export interface SignPosition {
  height: bigint;
  round: number;
  /** 0 proposal, 1 prevote, 2 precommit: the order in which one round signs. */
  step: number;
}

export class GuardRefusal extends Error {}

export function comparePositions(a: SignPosition, b: SignPosition): number {
  if (a.height !== b.height) return a.height < b.height ? -1 : 1;
  if (a.round !== b.round) return a.round - b.round;
  return a.step - b.step;
}

/**
 * The double-sign guard (DESIGN §3): the last signed height/round/step is persisted, fsynced, before every
 * signature, and the node refuses to sign at or below it. It lives in its own database with synchronous=FULL
 * so the guarantee survives power loss, not only a crashed process.
 */
export class SigningGuard {
  private readonly db: Db;
  private last: SignPosition | null;

  constructor(file: string) {
    this.db = openDatabase(file, [
      (db) =>
        db.exec(
          'CREATE TABLE guard (id INTEGER PRIMARY KEY CHECK (id = 1), height INTEGER NOT NULL, round INTEGER NOT NULL, step INTEGER NOT NULL)',
        ),
      // The signed messages of the newest height, so a restarted node re-sends what it signed instead of going silent.
      (db) =>
        db.exec(
          'CREATE TABLE signed (height INTEGER NOT NULL, round INTEGER NOT NULL, step INTEGER NOT NULL, kind TEXT NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (height, round, step))',
        ),
    ]);
    this.db.pragma('synchronous = FULL');
    const row = this.db.prepare('SELECT height, round, step FROM guard WHERE id = 1').safeIntegers(true).get() as
      { height: bigint; round: bigint; step: bigint } | undefined;
    this.last = row ? { height: row.height, round: Number(row.round), step: Number(row.step) } : null;
  }

  lastSigned(): SignPosition | null {
    return this.last;
  }

  /** Records the position durably, then allows the signature; throws GuardRefusal when it would go backwards or repeat. */
  authorize(position: SignPosition): void {
    if (this.last && comparePositions(position, this.last) <= 0) {
      throw new GuardRefusal(
        `Refusing to sign height ${position.height} round ${position.round} step ${position.step}: already signed up to height ${this.last.height} round ${this.last.round} step ${this.last.step}.`,
      );
    }
    this.db
      .prepare('INSERT OR REPLACE INTO guard (id, height, round, step) VALUES (1, ?, ?, ?)')
      .run(position.height, position.round, position.step);
    this.last = position;
  }

  /**
   * Like authorize, and also keeps the signed message itself, in the same durable write. Call it after
   * signing and before the message leaves the process.
   */
  record(position: SignPosition, kind: 'proposal' | 'vote', payload: Uint8Array): void {
    this.db.transaction(() => {
      this.authorize(position);
      this.db.prepare('DELETE FROM signed WHERE height < ?').run(position.height);
      this.db
        .prepare('INSERT OR REPLACE INTO signed (height, round, step, kind, payload) VALUES (?, ?, ?, ?, ?)')
        .run(position.height, position.round, position.step, kind, Buffer.from(payload));
    })();
  }

  /** What this key signed at `height`, oldest first: replayed and re-sent after a restart. */
  signedAt(height: bigint): { kind: 'proposal' | 'vote'; payload: Uint8Array }[] {
    const rows = this.db
      .prepare('SELECT kind, payload FROM signed WHERE height = ? ORDER BY round, step')
      .all(height) as { kind: 'proposal' | 'vote'; payload: Buffer }[];
    return rows.map((r) => ({ kind: r.kind, payload: new Uint8Array(r.payload) }));
  }

  /**
   * At start-up: a guard ahead of the chain's committed height means this key signed on a chain this node no longer
   * has (restored backup, wiped data dir); signing again could equivocate, so the node must not sign until it has
   * synced past the guard (as Lisk does).
   */
  checkAgainstChain(committedHeight: bigint): { ok: true } | { ok: false; reason: string } {
    if (this.last && this.last.height > committedHeight + 1n) {
      return {
        ok: false,
        reason: `The signing guard says this key already signed at height ${this.last.height}, but the chain here is only at ${committedHeight}. Sync past ${this.last.height} before producing, or you risk double-signing.`,
      };
    }
    return { ok: true };
  }

  close(): void {
    this.db.close();
  }
}
