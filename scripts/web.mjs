#!/usr/bin/env node
// `npm run web [-- --port N --data-dir DIR --network devnet|none --offline]`: build the renderer, then serve it and the main-process
// services on 127.0.0.1 behind a per-launch token. Open the printed URL in a browser (or through an SSH tunnel).
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
const host = spawnSync(process.execPath, ['--import', 'tsx', 'electron/webhost/main.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(host.status ?? 1);
