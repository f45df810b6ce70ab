import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressBytes, encodeAddress, publicKeyFromSecret } from '../../shared/core/crypto/index.ts';
import type { RpcMethodName, RpcParams } from '../../shared/contract/rpc.ts';
import { CLIENT_ERROR, connectRpc, httpRpcClient, RpcClientError, wsRpcClient } from '../../shared/node/rpc-client.ts';
import { startTestNet, type TestNet } from '../chain/net/devnet-helpers.ts';
import { final, rpc, submit } from '../chain/net/tx-helpers.ts';
import type { CliRun } from '../helpers/cli.ts';

/** Runs the CLI without blocking this process, where the nodes it talks to live. */
function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/consortia.mjs', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

type Params = { [M in RpcMethodName]: RpcParams<M> };

// Each CLI run starts a fresh tsx process; on a busy 2-core machine a few of them take tens of seconds.
describe('consortia query and the RPC client', { timeout: 60_000 }, () => {
  let net: TestNet;
  let url: string;
  let prefix: string;

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300, seed: 32 });
    url = net.nodes[0]!.rpc.url;
    prefix = net.devnet.doc.addressPrefix;
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('shows the network, the round, candidates and members as tables', async () => {
    const query = (name: string) => cli(['query', name, '--rpc', url]);
    const [info, round, candidates, members] = await Promise.all([
      query('info'),
      query('round'),
      query('candidates'),
      query('members'),
    ]);
    expect(info.stdout).toMatch(/^Network {6}consortia-devnet \(addresses cdev1…\)$/m);
    expect(info.stdout).toMatch(/^minFee\s+0\.001 CNS$/m);
    expect(round.stdout).toMatch(/^DPoS round \d+: heights \d+-\d+/);
    expect(round.stdout).toMatch(/^height\s+producer\s+slot$/m);
    for (let i = 0; i < 4; i++)
      expect(candidates.stdout).toMatch(new RegExp(`producer-${i}\\s+cdev1\\w+\\s+100000 CNS\\s+active\\s+yes`));
    expect(members.stdout).toMatch(/Devnet member 1\s+cdev1\w+\s+0\s+generated devnet member/);
    expect([info, round, candidates, members].map((r) => r.status)).toEqual([0, 0, 0, 0]);
  });

  it("prints the node's own result with --json, over HTTP or a WebSocket", async () => {
    const [overWs, round] = await Promise.all([
      cli(['--json', 'query', 'info', '--rpc', net.nodes[1]!.rpc.wsUrl]),
      cli(['--json', 'query', 'round', '0', '--rpc', url]),
    ]);
    const expected = await rpc(net.nodes[1]!, 'chain.info');
    expect(JSON.parse(overWs.stdout)).toMatchObject({
      chainId: expected.chainId,
      genesisHash: expected.genesisHash,
      parameters: expected.parameters,
    });
    expect(JSON.parse(round.stdout)).toMatchObject({ round: '0', firstHeight: '1' });
  });

  it("shows a block's transactions in the same words as a signing request", async () => {
    const to = addressBytes(publicKeyFromSecret(new Uint8Array(32).fill(5)));
    const id = await submit(net.nodes[0]!, net.devnet.memberKeys[0]!.accountSecretKey, {
      type: 'transfer',
      to,
      amount: 1_500_000n,
      memo: 'hi\u202e',
    });
    const { height } = await final(net.nodes[0]!, id);
    const [block, genesis] = await Promise.all([
      cli(['query', 'block', height, '--rpc', url]),
      cli(['query', 'block', '0', '--rpc', url]),
    ]);
    expect(block.stdout).toMatch(new RegExp(`^Block ${height} [0-9a-f]{64}`));
    expect(block.stdout).toContain(
      `${id}\n     From ${encodeAddress(prefix, net.devnet.memberKeys[0]!.address)}\n     Send 1.5 CNS (1500000 base units) to ${encodeAddress(prefix, to)} with memo 'hi\\u{202E}'`,
    );
    expect(genesis.status).toBe(1);
    expect(genesis.stderr).toMatch(/Height 0 is the genesis header; it has no block/);
  });

  it("shows an account's stake and votes, and refuses a mistyped address", async () => {
    const producer = encodeAddress(prefix, net.devnet.producerKeys[0]!.address);
    const typo = producer.slice(0, -2) + producer.slice(-1) + producer.slice(-2, -1);
    const [account, bad, proposals] = await Promise.all([
      cli(['query', 'account', producer, '--rpc', url]),
      cli(['query', 'account', typo, '--rpc', url]),
      cli(['query', 'proposals', '--all', '--rpc', url]),
    ]);
    expect(account.stdout).toMatch(/staked\s+100000 CNS \(100000000000 base units\), of which 0 CNS not allocated/);
    expect(account.stdout).toContain(`votes        100000 CNS (100000000000 base units) for ${producer}`);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Bad checksum/);
    expect(proposals.stdout.trim()).toBe('(none)');
  });

  it("RPC client: calls over HTTP and WebSocket, with the node's errors and subscriptions", async () => {
    const http = httpRpcClient<Params>(url);
    expect(await http.call('chain.info', {})).toMatchObject({ chainId: 'consortia-devnet' });
    const invalid = await http.call('state.account', { address: 'cdev1nope' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(RpcClientError);
    expect(invalid).toMatchObject({ code: -32602, message: expect.stringMatching(/Invalid address/) });

    const ws = await wsRpcClient<Params>(net.nodes[0]!.rpc.wsUrl);
    const heads: any[] = [];
    const sub = await ws.subscribe('finalHeads', (head) => heads.push(head));
    await new Promise((r) => setTimeout(r, 1500));
    expect(heads.length).toBeGreaterThan(0);
    expect(heads[0]).toMatchObject({
      height: expect.stringMatching(/^\d+$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await sub.unsubscribe();
    expect(await ws.call('pos.candidates', {})).toHaveLength(4);
    await ws.close();
    await expect(ws.call('chain.info', {})).rejects.toMatchObject({ code: CLIENT_ERROR.CLOSED });
  });

  it('RPC client: names the URL it could not reach or that did not speak JSON-RPC', async () => {
    const web = createServer((_req, res) => res.writeHead(404).end('<html>not here</html>'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
    const port = (web.address() as AddressInfo).port;
    const notRpc = await httpRpcClient<Params>(`http://127.0.0.1:${port}/`)
      .call('chain.info', {})
      .catch((e: unknown) => e);
    expect(notRpc).toMatchObject({
      code: CLIENT_ERROR.BAD_RESPONSE,
      message: expect.stringContaining(`http://127.0.0.1:${port}/ did not answer with JSON-RPC (HTTP 404`),
    });
    await new Promise((r) => web.close(r));
    const down = await connectRpc<Params>(`ws://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(down).toMatchObject({
      code: CLIENT_ERROR.UNREACHABLE,
      message: `Cannot reach the node at ws://127.0.0.1:${port}/: connection refused (is the node running, and is the port right?)`,
    });
    await expect(connectRpc('127.0.0.1:8545')).rejects.toMatchObject({ code: CLIENT_ERROR.BAD_URL });
  });
});
