import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The web-host and browser tests serve the built renderer; build it when a bare `vitest` run finds none. */
export default function setup(): void {
  if (!existsSync('out/renderer/index.html')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
