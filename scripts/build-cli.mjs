#!/usr/bin/env node
// Bundles the `consortia` CLI to plain JavaScript in out/cli/, so running it needs no TypeScript loader.
// Runs at `npm install` (prepare), in `npm test`'s build step and before every test run (test/global-setup.ts).
// Commands are split into chunks loaded on demand: `consortia keys show` loads neither the node nor SQLite.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = 'out/cli';
rmSync(outdir, { recursive: true, force: true });
await build({
  // The verification pool's worker is an entry of its own, beside the chunk that starts it (chain/verify/pool.ts).
  entryPoints: { main: 'cli/main.ts', worker: 'chain/verify/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons and packages that locate files of their own at run time stay in node_modules.
  external: ['better-sqlite3', '@napi-rs/keyring', 'pino', 'thread-stream'],
  chunkNames: 'chunk-[hash]',
  // Bundled CommonJS dependencies call require(); give the ESM output one.
  banner: {
    js: "import { createRequire as __consortiaRequire } from 'node:module'; const require = __consortiaRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
