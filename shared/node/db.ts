import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/** A migration is applied once, in order, inside a transaction; its index+1 is the schema version. */
export type Migration = (db: Db) => void;

let nativeBindingPath: string | undefined;

/**
 * Electron and Node have different native ABIs. The Electron shell calls this once at start-up with the
 * Electron-ABI build of better-sqlite3 (made by `npm start`), so the Node build in node_modules stays
 * usable for tests, the CLI and the node daemon and nothing is rebuilt back and forth.
 */
export function useNativeBinding(path: string | undefined): void {
  nativeBindingPath = path;
}

/** The binding set by useNativeBinding, if any, for code that opens databases in a worker thread of its own. */
export function currentNativeBinding(): string | undefined {
  return nativeBindingPath;
}

export class DatabaseOpenError extends Error {}

/** The one place that opens SQLite databases: WAL, foreign keys, busy timeout and migrations. */
export function openDatabase(file: string, migrations: readonly Migration[], options: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      ...(nativeBindingPath ? { nativeBinding: nativeBindingPath } : {}),
    });
  } catch (error) {
    throw new DatabaseOpenError(`Could not open the database ${file}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(
      `The database ${file} is damaged or not a Consortia database: ${(error as Error).message}`,
    );
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new DatabaseOpenError(
      `This database has schema version ${current}, newer than this program knows (${migrations.length}). Update Consortia.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      migrations[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
