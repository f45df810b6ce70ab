/**
 * Producer alerts, kept in memory for the console and in `<dataDir>/producer-alerts.sqlite` so the
 * history survives a restart. An alert's id names what it is about (kind, candidate, slot or round),
 * so the same event seen twice (after a restart, or by two refreshes) is stored and announced once.
 */
import type { z } from 'zod';
import type { producerAlert } from '../../../shared/contract/schemas/producer.ts';
import { openDatabase, type Db, type Migration } from '../../../shared/node/db.ts';
import { preparePrivateDatabase } from '../paths.ts';

export type ProducerAlert = z.infer<typeof producerAlert>;

/** The newest alerts kept in memory (the file keeps them all). */
const MEMORY_LIMIT = 1000;

const migrations: readonly Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE alert (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, address TEXT NOT NULL, name TEXT NOT NULL,
        message TEXT NOT NULL, at INTEGER NOT NULL, round INTEGER, height INTEGER
      );
    `),
];

interface AlertRow {
  id: string;
  kind: ProducerAlert['kind'];
  address: string;
  name: string;
  message: string;
  at: number;
  round: number | null;
  height: number | null;
}

const fromRow = (row: AlertRow): ProducerAlert => ({
  id: row.id,
  kind: row.kind,
  address: row.address,
  name: row.name,
  message: row.message,
  at: row.at,
  ...(row.round === null ? {} : { round: row.round }),
  ...(row.height === null ? {} : { height: row.height }),
});

export class AlertLog {
  private readonly db: Db;
  /** Oldest first. */
  private readonly recent: ProducerAlert[];
  private readonly ids: Set<string>;

  constructor(file: string) {
    preparePrivateDatabase(file);
    this.db = openDatabase(file, migrations);
    const rows = this.db.prepare('SELECT * FROM alert ORDER BY seq DESC LIMIT ?').all(MEMORY_LIMIT) as AlertRow[];
    this.recent = rows.reverse().map(fromRow);
    this.ids = new Set(this.recent.map((a) => a.id));
  }

  /** Stores the alert unless one with its id exists; true when it is new (and so should be announced). */
  add(alert: ProducerAlert): boolean {
    if (this.ids.has(alert.id)) return false;
    const inserted = this.db
      .prepare(
        'INSERT OR IGNORE INTO alert (id, kind, address, name, message, at, round, height) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        alert.id,
        alert.kind,
        alert.address,
        alert.name,
        alert.message,
        alert.at,
        alert.round ?? null,
        alert.height ?? null,
      );
    if (inserted.changes === 0) return false; // older than the memory window, and already stored
    this.ids.add(alert.id);
    this.recent.push(alert);
    if (this.recent.length > MEMORY_LIMIT) this.ids.delete(this.recent.shift()!.id);
    return true;
  }

  /** Newest first. */
  list(limit = 100): ProducerAlert[] {
    return this.recent.slice(-limit).reverse();
  }

  close(): void {
    this.db.close();
  }
}
