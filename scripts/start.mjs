#!/usr/bin/env node
// `npm start`: build the app, make sure an Electron-ABI build of better-sqlite3 exists beside the Node one,
// then open the desktop window. The Node build in node_modules is never touched, so `npm test` keeps working.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const nativeDir = join(root, '.native/electron');
const bindingFile = join(nativeDir, 'better_sqlite3.node');
const stampFile = join(nativeDir, 'stamp.json');

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`npm start: ${cmd} ${args.join(' ')} failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status ?? 1);
  }
}

function ensureElectronSqlite() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const sqliteVersion = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
  const stamp = JSON.stringify({ electronVersion, sqliteVersion });
  if (existsSync(bindingFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once; about a minute)…`);
  const source = join(nativeDir, 'src');
  rmSync(source, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), source, {
    recursive: true,
    filter: (path) => !path.includes('/build/'),
  });
  // npm passes its bundled node-gyp to scripts; outside npm, fall back to npx.
  const gyp = process.env.npm_config_node_gyp;
  const gypArgs = [
    'rebuild',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
    '--release',
  ];
  if (gyp) run(process.execPath, [gyp, ...gypArgs], { cwd: source });
  else run('npx', ['--yes', 'node-gyp', ...gypArgs], { cwd: source });
  copyFileSync(join(source, 'build/Release/better_sqlite3.node'), bindingFile);
  writeFileSync(stampFile, stamp);
}

/**
 * Electron's binary is fetched on first use, not at `npm install`. Fetch it before the minute-long native build,
 * and where it cannot be fetched, say so plainly and name the browser route instead of printing a stack trace.
 */
function ensureElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return;
  const electronDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  if (existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))) return;
  console.log('Downloading Electron (once)…');
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (fetched.status === 0 && existsSync(pathFile)) return;
  const cause = `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error|fail|ENOTFOUND|ECONNREFUSED|EAI_AGAIN/i.test(line));
  console.error(
    [
      '',
      'npm start: the Electron binary is not installed and could not be downloaded' +
        (cause ? ` (the download said: ${cause.replace(/^\w*Error: /, '').slice(0, 160)}).` : '.'),
      'The same app runs in your browser instead: `npm run web` serves it on 127.0.0.1 and prints the URL to open.',
      "For the desktop window, run `npm start` again on a machine that can reach Electron's downloads.",
      '',
    ].join('\n'),
  );
  process.exit(1);
}

ensureElectronBinary();
ensureElectronSqlite();
run('npx', ['electron-vite', 'build']);
run('npx', ['electron', '.', ...process.argv.slice(2)]);
