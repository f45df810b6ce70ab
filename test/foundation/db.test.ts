import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DatabaseOpenError,
  openDatabase,
  schemaVersion,
  useNativeBinding,
  type Migration,
} from '../../shared/node/db.ts';

const migrations: Migration[] = [
  (db) => db.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)'),
  (db) => db.exec('ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0'),
];
const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'consortia-db-')), name);

describe('SQLite opener', () => {
  it('opens a real file in WAL mode with foreign keys and applies migrations once, in order', () => {
    const file = tempFile('a.sqlite');
    const db = openDatabase(file, migrations.slice(0, 1));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    db.prepare('INSERT INTO note (text) VALUES (?)').run('kept');
    db.close();

    const upgraded = openDatabase(file, migrations);
    expect(schemaVersion(upgraded)).toBe(2);
    expect(upgraded.prepare('SELECT text, pinned FROM note').all()).toEqual([{ text: 'kept', pinned: 0 }]);
    upgraded.close();
    // Opening again changes nothing.
    const again = openDatabase(file, migrations);
    expect(schemaVersion(again)).toBe(2);
    again.close();
  });

  it('rolls back a failing migration and leaves the version where it was', () => {
    const file = tempFile('b.sqlite');
    const broken: Migration[] = [
      migrations[0]!,
      (db) => {
        db.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    ];
    expect(() => openDatabase(file, broken)).toThrow(DatabaseOpenError);
    const db = openDatabase(file, migrations.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the program, and a file that is not a database, with a clear message', () => {
    const file = tempFile('c.sqlite');
    openDatabase(file, migrations).close();
    expect(() => openDatabase(file, migrations.slice(0, 1))).toThrow(/newer than this program knows/);
    const junk = tempFile('junk.sqlite');
    writeFileSync(junk, Buffer.alloc(4096, 7));
    expect(() => openDatabase(junk, migrations)).toThrow(/damaged or not a Consortia database/);
  });

  it('loads the native binding chosen for the runtime (Electron passes its own build)', () => {
    useNativeBinding('/nonexistent/better_sqlite3.node');
    try {
      expect(() => openDatabase(tempFile('d.sqlite'), migrations)).toThrow(/nonexistent/);
    } finally {
      useNativeBinding(undefined);
    }
    expect(() => openDatabase(tempFile('e.sqlite'), migrations).close()).not.toThrow();
  });
});
