import { spawnSync } from 'node:child_process';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `consortia` entry point in a child process, as a user's shell would. */
export function consortia(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, ['bin/consortia.mjs', ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    timeout: 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
