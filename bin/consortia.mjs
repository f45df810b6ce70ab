#!/usr/bin/env node
// The `consortia` command: the CLI bundled to JavaScript by scripts/build-cli.mjs (run by `npm install`).
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/main.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'consortia: the CLI is not built yet. Run `npm run build:cli` (npm install does it) and try again.\n',
  );
  process.exit(1);
}
await import(bundle.href);
