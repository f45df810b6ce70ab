import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the app keeps its files when run outside Electron (Electron passes app.getPath('userData')). */
export function defaultDataDir(): string {
  if (process.env.CONSORTIA_DATA_DIR) return process.env.CONSORTIA_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Consortia');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Consortia');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Consortia');
}

/**
 * The data folder is the person's alone (0700): it holds the vault, what the wallet follows, the light node's
 * verified headers and the embedded devnet's keys. An existing folder is tightened too (earlier versions made
 * it 0755). On Windows the mode bits mean little; the folder lives under the user's profile there.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Makes a SQLite file 0600 before SQLite opens it: created empty with that mode when absent (SQLite gives its
 * -wal and -shm files the mode of the database file), tightened with its side files when it exists. The data
 * folder itself is made private by ensurePrivateDir when the services start.
 */
export function preparePrivateDatabase(file: string): void {
  // A missing folder is made private; an existing one is left as it is (it may be a shared one, as in tests).
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    closeSync(openSync(file, 'a', 0o600));
    return;
  }
  for (const path of [file, ...SQLITE_SIDE_FILES.map((suffix) => file + suffix)]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
