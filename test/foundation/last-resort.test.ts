import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Runs a script in a fresh Node process (ES module, tsx loader) with the last-resort handler installed. */
function runWithHandler(
  policy: 'exit' | 'keep-running',
  fault: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    const { installLastResort } = await import('./shared/node/last-resort.ts');
    installLastResort({ processName: 'test process', policy: '${policy}' });
    ${fault}
    setTimeout(() => { process.stdout.write('still running\\n'); process.exit(0); }, 300);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const throwLater = `setTimeout(() => { throw new Error('boom from a timer'); }, 10);`;
const rejectLater = `setTimeout(() => { void Promise.reject(new Error('boom from a promise')); }, 10);`;

describe('last-resort fault handler', () => {
  it('exit policy (the node): reports the uncaught exception with its origin and stops with code 70', async () => {
    const run = await runWithHandler('exit', throwLater);
    expect(run.code).toBe(70);
    expect(run.stdout).not.toContain('still running');
    expect(run.stderr).toMatch(/test process: FATAL FAULT \(uncaughtException\): an exception nothing caught; exiting/);
    expect(run.stderr).toContain('boom from a timer');
  });

  it('exit policy: an unhandled rejection is reported as such and stops the process too', async () => {
    const run = await runWithHandler('exit', rejectLater);
    expect(run.code).toBe(70);
    expect(run.stderr).toMatch(/FATAL FAULT \(unhandledRejection\): a promise rejection nothing handled; exiting/);
    expect(run.stderr).toContain('boom from a promise');
  });

  it('keep-running policy (the desktop hosts): reports both kinds loudly and goes on', async () => {
    const run = await runWithHandler('keep-running', `${throwLater}\n${rejectLater}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('still running');
    expect(run.stderr).toMatch(/FATAL FAULT \(uncaughtException\).*still running/);
    expect(run.stderr).toMatch(/FATAL FAULT \(unhandledRejection\).*still running/);
  });

  it('each long-running entry point installs it with its documented policy', () => {
    expect(readFileSync('cli/commands/node.ts', 'utf8')).toMatch(
      /installLastResort\(\{\s*processName: 'consortia node',\s*policy: 'exit'/,
    );
    expect(readFileSync('electron/webhost/main.ts', 'utf8')).toMatch(
      /installLastResort\(\{ processName: 'consortia web host', policy: 'keep-running' \}\)/,
    );
    expect(readFileSync('electron/shell/main.ts', 'utf8')).toMatch(
      /installLastResort\(\{ processName: 'consortia desktop', policy: 'keep-running' \}\)/,
    );
  });
});
