import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * The CLI tests run the bundled `consortia` (out/cli), so it is rebuilt from the current sources before every run
 * (under a second); the web-host and browser tests serve the built renderer, built when a bare `vitest` run finds none.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  if (!existsSync('out/renderer/index.html')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
