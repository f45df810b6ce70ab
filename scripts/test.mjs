#!/usr/bin/env node
// `npm test`: format check, lint (with the layer boundaries and React hooks), type-check, build, then every test.
// The keychain tests need a real Secret Service, so the run happens inside a private D-Bus session
// with a throw-away, unlocked gnome-keyring (its files in a temp dir, never the user's own keyring).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm test -- --quick [files]` skips lint, type-check and build while iterating; CI always runs everything.
const quick = process.argv.includes('--quick');
const args = process.argv.slice(2).filter((arg) => arg !== '--quick');
const run = (cmd, cmdArgs, env = process.env) => {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
  if (result.error) {
    console.error(`npm test: could not run ${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!process.env.CONSORTIA_TEST_SESSION) {
  for (const cmd of ['dbus-run-session', 'gnome-keyring-daemon']) {
    if (!has(cmd)) {
      console.error(
        `npm test: ${cmd} is missing. Install Debian's dbus and gnome-keyring (see README), or run .ci/run.`,
      );
      process.exit(1);
    }
  }
  const keyringHome = mkdtempSync(join(tmpdir(), 'consortia-keyring-'));
  const script = [
    // A private keyring store, unlocked with a throw-away password; then wait until the daemon answers.
    `printf 'consortia-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null`,
    `exec node scripts/test.mjs "$@"`,
  ].join('\n');
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CONSORTIA_TEST_SESSION: '1', XDG_DATA_HOME: keyringHome },
  });
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

if (!quick) {
  run('npx', ['prettier', '--check', '.', '--log-level', 'warn']);
  run('npx', ['eslint', '.']);
  run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('npx', ['tsc', '-p', 'electron/shell/tsconfig.json', '--noEmit']);
  run('npx', ['electron-vite', 'build']);
}
run('npx', ['vitest', 'run', ...args]);
