import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import { consortia } from '../helpers/cli.ts';
import { devnetGenesis, genesisToJson, type Devnet } from '../../shared/core/genesis/index.ts';
import { writeKeyFile } from '../../shared/node/keyfile.ts';
import { generateSecretKey, publicKeyFromSecret } from '../../shared/core/crypto/index.ts';
import { ConsortiaNode } from '../../chain/node.ts';
import { until as waitUntil } from '../helpers/wait.ts';

const root = mkdtempSync(join(tmpdir(), 'consortia-node-'));

/** A network's genesis file and its producers' consensus key files, as an operator would receive them. */
function network(name: string, blockIntervalMs = 500): { devnet: Devnet; genesis: string; keys: string[] } {
  const devnet = devnetGenesis({
    producers: 4,
    seed: randomBytes(16),
    genesisTime: BigInt(Date.now()),
    parameters: { blockIntervalMs },
  });
  const dir = join(root, name);
  mkdirSync(dir);
  const genesis = join(dir, 'genesis.json');
  writeFileSync(genesis, genesisToJson(devnet.doc));
  const keys = devnet.producerKeys.map((k, i) => {
    const file = join(dir, `producer-${i}.json`);
    writeKeyFile(file, { kind: 'consensus', secretKey: k.consensusSecretKey, publicKey: k.consensusPublicKey });
    return file;
  });
  return { devnet, genesis, keys };
}

/** `consortia node start` runs until a signal: keep the child and its stdout lines. */
const children: ChildProcess[] = [];
function launch(args: string[]) {
  const child = spawn(process.execPath, ['bin/consortia.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** The complete JSON lines printed so far (with --json). */
  const events = () =>
    stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as Record<string, any>);
  return { child, exit, events, stdout: () => stdout, stderr: () => stderr };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const until = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> =>
  waitUntil(what, probe, { timeoutMs: 45_000, everyMs: 250 });

async function rpc(url: string, method: string, params: unknown): Promise<any> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return ((await response.json()) as { result?: unknown }).result;
  } catch {
    return undefined;
  }
}

/** Ports the system calls free now (another process could take one before the node binds it; unlikely in a test run). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

describe('consortia node init and start', () => {
  it('runs a 4-producer network from node directories, each node in its own process', { timeout: 90_000 }, async () => {
    const net = network('net');
    const ports = await freePorts(10);
    const p2p = (i: number) => `ws://127.0.0.1:${ports[2 * i]}/p2p`;
    // Node 4 is a follower: its key is no candidate's, so the producers must list it as an observer.
    const followerKey = join(root, 'net', 'follower.json');
    const followerSecret = generateSecretKey();
    writeKeyFile(followerKey, {
      kind: 'consensus',
      secretKey: followerSecret,
      publicKey: publicKeyFromSecret(followerSecret),
    });
    const dirs = [0, 1, 2, 3, 4].map((i) => join(root, `node${i}`));
    const inits = dirs.map((dir, i) =>
      launch([
        '--json',
        'node',
        'init',
        '--dir',
        dir,
        '--genesis',
        net.genesis,
        '--consensus-key',
        i < 4 ? net.keys[i]! : followerKey,
        '--p2p-port',
        String(ports[2 * i]),
        '--rpc-port',
        String(ports[2 * i + 1]),
        ...[0, 1, 2, 3].filter((j) => j !== i).flatMap((j) => ['--peer', p2p(j)]),
        ...(i < 4 ? ['--observer-key', bytesToHex(publicKeyFromSecret(followerSecret))] : []),
      ]),
    );
    expect(await Promise.all(inits.map((r) => r.exit))).toEqual([0, 0, 0, 0, 0]);
    expect(JSON.parse(inits[4]!.stdout())).toMatchObject({ role: expect.stringMatching(/^follower/) });
    expect(JSON.parse(inits[0]!.stdout())).toMatchObject({
      role: 'producer key of candidate producer-0',
      keyCreated: false,
    });
    expect(readFileSync(join(dirs[0]!, 'genesis.json'), 'utf8')).toBe(readFileSync(net.genesis, 'utf8'));

    const nodes = dirs.slice(0, 4).map((dir) => launch(['--json', 'node', 'start', '--dir', dir]));
    const started = await Promise.all(
      nodes.map((n, i) => until(`node${i} to start`, () => n.events().find((e) => e.event === 'started'))),
    );
    expect(started.map((s) => s.rpc)).toEqual([1, 3, 5, 7].map((k) => `http://127.0.0.1:${ports[k]}/`));
    expect(started.every((s) => s.producer === true)).toBe(true);

    const heights = async () =>
      (await Promise.all(started.map((s) => rpc(s.rpc, 'chain.info', {})))).map((info) => Number(info?.height ?? -1));
    await until('every node at height 3', async () => ((await heights()).every((h) => h >= 3) ? true : undefined));
    const hashes = await Promise.all(started.map((s) => rpc(s.rpc, 'chain.header', { height: 2 })));
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(1);
    expect(nodes[0]!.events().some((e) => e.event === 'commit')).toBe(true);

    // The follower starts late, catches up from the producers and keeps following without signing.
    const target = Math.max(...(await heights()));
    const follower = launch(['--json', 'node', 'start', '--dir', dirs[4]!]);
    const followerInfo = await until('the follower to start', () =>
      follower.events().find((e) => e.event === 'started'),
    );
    expect(followerInfo.producer).toBe(false);
    await until('the follower to catch up', async () =>
      Number((await rpc(followerInfo.rpc, 'chain.info', {}))?.height ?? -1) >= target ? true : undefined,
    );
    for (const e of follower.events().filter((e) => e.event === 'sync'))
      expect(Number(e.height)).toBeLessThanOrEqual(Number(e.target));
    nodes.push(follower);

    for (const n of nodes) n.child.kill('SIGINT');
    expect(await Promise.all(nodes.map((n) => n.exit))).toEqual([0, 0, 0, 0, 0]);
    expect(nodes[1]!.events().at(-1)).toMatchObject({ event: 'stopped', signal: 'SIGINT' });
    expect(statSync(join(dirs[0]!, 'node.log')).size).toBeGreaterThan(0);

    // A second init on the same directory must not replace the config.
    const before = readFileSync(join(dirs[0]!, 'config.json'), 'utf8');
    const again = consortia(['node', 'init', '--dir', dirs[0]!, '--genesis', net.genesis]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/config\.json already exists; refusing to overwrite/);
    expect(readFileSync(join(dirs[0]!, 'config.json'), 'utf8')).toBe(before);
  });

  it('makes a fresh consensus key when none is given, and refuses bad options without writing a config', () => {
    const net = network('fresh');
    const dir = join(root, 'fresh-node');
    const made = consortia([
      '--json',
      'node',
      'init',
      '--dir',
      dir,
      '--genesis',
      net.genesis,
      '--observer-key',
      'AB'.repeat(32),
    ]);
    expect(made.status).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ keyCreated: true, role: expect.stringMatching(/^follower/) });
    expect(statSync(join(dir, 'consensus-key.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).p2p.observers).toEqual(['ab'.repeat(32)]);

    const badPeer = consortia([
      'node',
      'init',
      '--dir',
      join(root, 'bad-peer'),
      '--genesis',
      net.genesis,
      '--peer',
      'http://10.0.0.1:26656',
    ]);
    expect(badPeer.status).toBe(1);
    expect(badPeer.stderr).toMatch(/p2p\.peers\.0 \(--peer\): must be a ws:\/\/ or wss:\/\/ URL/);
    expect(existsSync(join(root, 'bad-peer'))).toBe(false);
  });

  it('names the field of a malformed config', () => {
    const net = network('malformed');
    const dir = join(root, 'malformed-node');
    expect(consortia(['node', 'init', '--dir', dir, '--genesis', net.genesis]).status).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ ...config, p2p: { ...config.p2p, port: 'abc' }, logLevel: 'debug' }),
    );
    const run = consortia(['node', 'start', '--dir', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/config\.json is not a valid node config: .*p2p\.port: /);
    expect(run.stderr).toMatch(/Unrecognized key: "logLevel"/);

    writeFileSync(join(dir, 'config.json'), '{"version": 1,');
    expect(consortia(['node', 'start', '--dir', dir]).stderr).toMatch(/config\.json is not valid JSON/);
    expect(consortia(['node', 'start', '--dir', join(root, 'nowhere')]).stderr).toMatch(
      /config\.json not found; create it with `consortia node init/,
    );
  });

  it('refuses a data directory that belongs to another network', async () => {
    const other = network('other');
    const dir = join(root, 'mismatch-node');
    expect(
      consortia([
        'node',
        'init',
        '--dir',
        dir,
        '--genesis',
        network('mine').genesis,
        '--p2p-port',
        '0',
        '--rpc-port',
        '0',
      ]).status,
    ).toBe(0);
    // The node's data dir already holds another network's chain.
    const foreign = await ConsortiaNode.start({
      dataDir: join(dir, 'data'),
      genesis: other.devnet.doc,
      consensusSecretKey: other.devnet.producerKeys[0]!.consensusSecretKey,
      p2p: {},
      rpc: {},
      logger: pino({ level: 'silent' }),
    });
    await foreign.stop();
    const run = consortia(['node', 'start', '--dir', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Cannot start the node .*belongs to another network/);
  });
});
