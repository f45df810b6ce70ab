import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Where Electron's binary is already installed there is no download to fail, so nothing to check.
const electronInstalled = existsSync('node_modules/electron/path.txt');

describe.skipIf(electronInstalled)('npm start without an Electron binary', () => {
  it('says in one short paragraph that the binary could not be fetched and names npm run web, before any build', () => {
    const cache = mkdtempSync(join(tmpdir(), 'consortia-electron-cache-'));
    try {
      // A download address nothing answers on, and an empty download cache: the fetch fails at once, as offline.
      const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:1/', electron_config_cache: cache },
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('the Electron binary is not installed and could not be downloaded');
      expect(run.stderr).toContain('`npm run web`');
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(4);
      // It stopped before the minute-long native build and the app build.
      expect(run.stdout).not.toContain('Building better-sqlite3');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
