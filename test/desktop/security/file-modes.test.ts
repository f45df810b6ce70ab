import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir } from '../../../electron/services/paths.ts';
import { LightStore } from '../../../electron/services/light/store.ts';
import { WalletStore } from '../../../electron/services/wallet/store.ts';
import { AlertLog } from '../../../electron/services/producer/alerts.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The desktop SQLite openers on real files: new files are created 0600, old 0644 ones (and -wal/-shm) tightened. */
describe('desktop data files are private', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'consortia-modes-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const openers = {
    wallet: (file: string) => new WalletStore(file),
    light: (file: string) => LightStore.open(file),
    'producer-alerts': (file: string) => new AlertLog(file),
  };

  for (const [name, open] of Object.entries(openers)) {
    it(`${name}: a new file and its -wal/-shm are 0600, in a new folder made 0700`, () => {
      const folder = join(fresh(), 'Consortia');
      const file = join(folder, `${name}.sqlite`);
      const store = open(file);
      try {
        expect(mode(folder)).toBe(0o700);
        for (const path of [file, `${file}-wal`, `${file}-shm`]) {
          expect(existsSync(path), path).toBe(true);
          expect(mode(path), path).toBe(0o600);
        }
      } finally {
        (store as { close(): void }).close();
      }
    });

    it(`${name}: an existing 0644 file and its side files are tightened to 0600 on open`, () => {
      const file = join(fresh(), `${name}.sqlite`);
      // As an earlier version left it: made under a 022 umask, in WAL mode, with its -wal/-shm in use by a connection.
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      writeFileSync(`${file}-journal`, '');
      const paths = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
      for (const path of paths) chmodSync(path, 0o644);
      let store: { close(): void } | undefined;
      try {
        try {
          store = open(file) as { close(): void };
        } catch {
          // A foreign schema may be refused; the modes are fixed before SQLite reads the file either way.
        }
        for (const path of paths) expect(mode(path), path).toBe(0o600);
      } finally {
        store?.close();
        old.close();
      }
    });
  }

  it('the data folder made by the services is tightened from 0755 to 0700', () => {
    const dir = fresh();
    chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
  });
});
