// How long a script waits for the CLI: `consortia keys show` from start to answer, beside bare `node -e 0`,
// alternated in one run so both see the same machine load.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type Benchmark } from './harness.ts';

const ROUNDS = 21;

function wallMs(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${run.status}`);
  return performance.now() - start;
}

const bench: Benchmark = async () => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'consortia-cli-bench-'));
  try {
    const keyFile = join(dir, 'key.json');
    execFileSync(process.execPath, ['bin/consortia.mjs', 'keys', 'new', '--consensus', '--out', keyFile], {
      stdio: 'ignore',
    });
    const cli: number[] = [];
    const bare: number[] = [];
    wallMs(['-e', '0']); // warm the file cache for both
    wallMs(['bin/consortia.mjs', 'keys', 'show', keyFile]);
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(wallMs(['-e', '0']));
      cli.push(wallMs(['bin/consortia.mjs', 'keys', 'show', keyFile]));
    }
    const cliMs = median(cli);
    const bareMs = median(bare);
    return [
      {
        name: '`consortia keys show`, start to answer',
        value: cliMs,
        unit: 'ms',
        note: `median of ${ROUNDS}; goal ≤ 250 ms`,
      },
      {
        name: 'bare `node -e 0`, start to exit',
        value: bareMs,
        unit: 'ms',
        note: `median of ${ROUNDS}, alternated with the CLI`,
      },
      { name: 'CLI / bare node', value: cliMs / bareMs, unit: 'x', note: 'same run; goal ≤ 2' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
export default bench;
