import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { consortia } from '../helpers/cli.ts';
import { parseGenesis } from '../../shared/core/genesis/index.ts';
import { readKeyFile } from '../../shared/node/keyfile.ts';
import { until as waitUntil } from '../helpers/wait.ts';

/** `consortia devnet` runs until a signal: keep the child, collect its stdout lines, let the test signal it. */
interface Running {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  exit: Promise<number | null>;
}
const running: Running[] = [];

function start(args: string[]): Running {
  const child = spawn(process.execPath, ['bin/consortia.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const run = { child, lines, stderr: () => stderr, exit };
  running.push(run);
  return run;
}

afterAll(() => {
  for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

const until = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> =>
  waitUntil(what, probe, { timeoutMs: 40_000, everyMs: 200 });

async function chainInfo(url: string): Promise<{ height: string; genesisHash: string } | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.info', params: {} }),
    });
    return ((await response.json()) as { result?: { height: string; genesisHash: string } }).result;
  } catch {
    return undefined;
  }
}

const heightAtLeast = (url: string, min: number) => async () => {
  const info = await chainInfo(url);
  return info && Number(info.height) >= min ? info : undefined;
};

/** Eight ports in a row below the ephemeral range (where other tests' port-0 listeners land), free right now. */
async function freeBasePort(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + 2 * Math.floor(Math.random() * 5_000);
    const checks = await Promise.all(Array.from({ length: 8 }, (_, i) => free(base + i)));
    if (checks.every(Boolean)) return base;
  }
}

describe('consortia devnet', () => {
  it(
    'runs 4 producers that finalize blocks, stops on SIGINT, and resumes the same chain',
    { timeout: 90_000 },
    async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'consortia-devnet-')), 'net');
      const basePort = await freeBasePort();
      const args = ['devnet', '--producers', '4', '--block-time', '300', '--dir', dir, '--base-port', String(basePort)];

      const first = start(['--json', ...args]);
      const events = () => first.lines.map((line) => JSON.parse(line) as Record<string, any>);
      const nodes = await until('4 RPC URLs', () => {
        const found = events().filter((e) => e.event === 'node');
        return found.length === 4 ? found : undefined;
      });
      expect(nodes.map((n) => n.rpc)).toEqual([1, 3, 5, 7].map((i) => `http://127.0.0.1:${basePort + i}/`));
      const [a, b] = await Promise.all([
        until('node0 at height 5', heightAtLeast(nodes[0]!.rpc, 5)),
        until('node2 at height 5', heightAtLeast(nodes[2]!.rpc, 5)),
      ]);
      expect(a.genesisHash).toBe(b.genesisHash);
      expect(events().some((e) => e.event === 'commit' && Number(e.height) >= 1)).toBe(true);

      const genesis = parseGenesis(readFileSync(join(dir, 'genesis.json'), 'utf8'));
      if (!genesis.ok) throw new Error(genesis.problems.join('; '));
      expect(genesis.doc.parameters.blockIntervalMs).toBe(300);
      const keyFiles = [0, 1, 2, 3].flatMap((i) => [
        join(dir, `node${i}`, 'consensus-key.json'),
        join(dir, `node${i}`, 'account-key.json'),
      ]);
      for (const file of [
        ...keyFiles,
        join(dir, 'accounts', 'member-0.json'),
        join(dir, 'accounts', 'member-1.json'),
        join(dir, 'devnet.json'),
      ]) {
        expect(statSync(file).mode & 0o777, file).toBe(0o600);
      }
      const consensusKeys = [0, 1, 2, 3].map((i) =>
        bytesToHex(readKeyFile(join(dir, `node${i}`, 'consensus-key.json'), 'consensus').publicKey),
      );
      expect(consensusKeys).toEqual(genesis.doc.candidates.map((c) => bytesToHex(c.consensusKey)));
      expect(readKeyFile(join(dir, 'accounts', 'member-0.json'), 'account').kind).toBe('account');
      // Logs go to the node's file as pino JSON, not to the terminal.
      expect(JSON.parse(readFileSync(join(dir, 'node0', 'node.log'), 'utf8').split('\n')[0]!)).toHaveProperty('level');
      expect(first.stderr()).toBe('');

      first.child.kill('SIGINT');
      expect(await first.exit).toBe(0);
      const stopped = events().find((e) => e.event === 'stopped')!;
      const stoppedAt = Number(stopped.height);
      // What each node kept; every height is at most one below the highest (the others hold it), and the stop
      // itself (not timed here: its figure is in bench/RESULTS.md) waits for no new block.
      expect(stopped.heights).toHaveLength(4);
      for (const h of stopped.heights) expect(Number(h)).toBeGreaterThanOrEqual(stoppedAt - 1);
      expect(stoppedAt).toBeGreaterThanOrEqual(5);

      // Human output this time, and a --producers that disagrees with the saved devnet.
      const second = start([...args.slice(0, 2), '3', ...args.slice(3)]);
      const urls = await until('4 RPC URLs again', () => {
        const found = second.lines.flatMap((line) => /^node\d+ {2}rpc (\S+)/.exec(line)?.[1] ?? []);
        return found.length === 4 ? found : undefined;
      });
      expect(second.lines.join('\n')).toMatch(/holds a 4-producer devnet; ignoring --producers 3/);
      const resumed = await until('height above the previous run', heightAtLeast(urls[1]!, stoppedAt + 2));
      expect(resumed.genesisHash).toBe(a.genesisHash);
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);
      expect(second.lines.at(-1)).toMatch(
        /^Stopped at height \d+; (every node kept its blocks up to there|node\d at \d+ will catch up from the others when restarted)/,
      );
    },
  );

  it('refuses bad options and folders that are not a devnet, creating nothing', () => {
    const parent = mkdtempSync(join(tmpdir(), 'consortia-devnet-'));
    const zero = consortia(['devnet', '--producers', '0', '--dir', join(parent, 'a')]);
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/--producers must be a whole number from 1 to 256, got "0"/);
    expect(() => statSync(join(parent, 'a'))).toThrow();

    const other = join(parent, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const occupied = consortia(['devnet', '--dir', other]);
    expect(occupied.status).toBe(1);
    expect(occupied.stderr).toMatch(/is not empty but holds no devnet/);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
