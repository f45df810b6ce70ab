import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { refusalOf, rpcContract } from '../../shared/contract/rpc.ts';
import {
  addressBytes,
  encodeAddress,
  publicKeyFromSecret,
  SigningDomain,
  signDomain,
} from '../../shared/core/crypto/index.ts';
import { MAX_U64 } from '../../shared/core/encoding/index.ts';
import {
  buildEnvelope,
  DEFAULT_DISPLAY,
  parseEnvelope,
  signEnvelope,
  type OfflineEnvelope,
} from '../../shared/core/offline/index.ts';
import {
  payloadCodec,
  signedTransactionCodec,
  transactionCodec,
  type Transaction,
} from '../../shared/core/types/index.ts';
import { httpRpcClient, typedRpc } from '../../shared/node/rpc-client.ts';
import { writeKeyFile } from '../../shared/node/keyfile.ts';
import { TX_KINDS, type BuildContext } from '../../cli/commands/tx/payloads.ts';
import { startTestNet, type TestNet } from '../chain/net/devnet-helpers.ts';
import { rpc } from '../chain/net/tx-helpers.ts';
import type { CliRun } from '../helpers/cli.ts';

/**
 * The nodes run in this process, so the CLI must run without blocking it (the shared helper's
 * spawnSync would freeze the nodes the CLI is talking to).
 */
function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/consortia.mjs', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// Each CLI run starts a fresh tsx process; on a busy 2-core machine a few of them take tens of seconds.
describe('consortia tx against a running network', { timeout: 60_000 }, () => {
  let net: TestNet;
  let url: string;
  let prefix: string;
  let dir: string;
  const file = (name: string) => join(dir, name);
  const fresh = publicKeyFromSecret(new Uint8Array(32).fill(77));
  let freshAddress: string;

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300, seed: 31 });
    url = net.nodes[0]!.rpc.url;
    prefix = net.devnet.doc.addressPrefix;
    dir = mkdtempSync(join(tmpdir(), 'consortia-tx-'));
    net.devnet.memberKeys.forEach((k, i) =>
      writeKeyFile(file(`member${i}.json`), {
        kind: 'account',
        secretKey: k.accountSecretKey,
        publicKey: k.accountPublicKey,
      }),
    );
    writeKeyFile(file('fresh.json'), { kind: 'account', secretKey: new Uint8Array(32).fill(77), publicKey: fresh });
    freshAddress = encodeAddress(prefix, addressBytes(fresh));
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('transfers to a fresh address, waits until final, and query account shows the balance', async () => {
    const sent = await cli([
      '--json',
      'tx',
      'transfer',
      '--to',
      freshAddress,
      '--amount',
      '12.5',
      '--memo',
      'rent',
      '--key',
      file('member0.json'),
      '--rpc',
      url,
      '--wait',
    ]);
    expect(sent.stderr).not.toMatch(/consortia:/);
    const result = JSON.parse(sent.stdout);
    expect(result).toMatchObject({ status: 'final', id: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(result.summary).toContain(`Send 12.5 CNS (12500000 base units) to ${freshAddress} with memo 'rent'`);
    expect(Number(result.height)).toBeGreaterThan(0);

    const account = JSON.parse((await cli(['--json', 'query', 'account', freshAddress, '--rpc', url])).stdout);
    expect(account.decoded.balance).toBe('12500000');
  });

  it('stakes, then votes for a candidate; query candidates shows the weight move', async () => {
    const candidate = encodeAddress(prefix, net.devnet.producerKeys[2]!.address);
    const weight = async () =>
      BigInt((await rpc(net.nodes[0]!, 'pos.candidates')).find((c: any) => c.address === candidate).voteWeight);
    const before = await weight();
    const key = file('member1.json');
    const staked = await cli(['tx', 'stake', '--amount', '1000', '--key', key, '--rpc', url, '--wait']);
    expect(staked.stdout).toMatch(/Stake 1000 CNS[\s\S]*is final at height \d+/);
    const voted = await cli(['tx', 'vote', '--for', `${candidate}=250.5`, '--key', key, '--rpc', url, '--wait']);
    expect(voted.stdout).toMatch(
      new RegExp(`allocate 250.5 CNS \\(250500000 base units\\) of stake to candidate ${candidate}`),
    );
    const listed = JSON.parse((await cli(['--json', 'query', 'candidates', '--rpc', url])).stdout);
    expect(BigInt(listed.find((c: any) => c.address === candidate).voteWeight)).toBe(before + 250_500_000n);
  });

  it('builds a request online, signs it with no network, broadcasts the reply, and it becomes final', async () => {
    const built = await cli([
      'tx',
      'transfer',
      '--offline',
      '--out',
      file('env.json'),
      '--to',
      freshAddress,
      '--amount',
      '2',
      '--key',
      file('member0.json'),
      '--rpc',
      url,
    ]);
    expect(built.status).toBe(0);
    expect(JSON.parse(readFileSync(file('env.json'), 'utf8'))).toMatchObject({
      version: 1,
      chainId: net.devnet.doc.chainId,
      addressPrefix: prefix,
    });

    // The signer has no RPC setting at all, and would fail loudly if it tried to reach one.
    const offlineEnv = { ...process.env, CONSORTIA_RPC: 'http://127.0.0.1:9/' };
    const signed = await cli(
      ['tx', 'sign', '--in', file('env.json'), '--key', file('member0.json'), '--out', file('reply.json'), '--yes'],
      offlineEnv,
    );
    expect(signed.status).toBe(0);
    expect(signed.stderr).toMatch(
      new RegExp(`asks you to sign:[\\s\\S]*Send 2 CNS \\(2000000 base units\\) to ${freshAddress} \\(no memo\\)`),
    );

    const sent = await cli([
      '--json',
      'tx',
      'broadcast',
      '--in',
      file('reply.json'),
      '--request',
      file('env.json'),
      '--rpc',
      url,
      '--wait',
    ]);
    const { id, status } = JSON.parse(sent.stdout);
    expect(status).toBe('final');
    const checked = JSON.parse((await cli(['--json', 'tx', 'status', id, '--rpc', url])).stdout);
    expect(checked).toMatchObject({ id, status: 'final' });
  });

  it('makes a request with no network when every value is given, and refuses to guess the rest', async () => {
    const noRpc = { ...process.env };
    delete noRpc.CONSORTIA_RPC;
    const common = [
      'tx',
      'stake',
      '--amount',
      '1',
      '--public-key',
      Buffer.from(fresh).toString('hex'),
      '--offline',
      '--nonce',
      '0',
      '--fee',
      '0.001',
    ];
    const [partial, full] = await Promise.all([
      cli([...common, '--out', file('partial.json')], noRpc),
      cli(
        [...common, '--out', file('full.json'), '--expiry', '99', '--chain-id', 'any-net', '--prefix', 'cdev'],
        noRpc,
      ),
    ]);
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(
      /--offline without --rpc does not touch the network, so it also needs --expiry, --chain-id, --prefix/,
    );
    expect(full.status).toBe(0);
    expect(full.stdout).toMatch(/Stake 1 CNS/);
    expect(existsSync(file('partial.json'))).toBe(false);
    expect(JSON.parse(readFileSync(file('full.json'), 'utf8'))).toMatchObject({
      chainId: 'any-net',
      addressPrefix: 'cdev',
    });
  });

  it('refuses tampered requests, replies to other requests, and the wrong key, writing nothing', async () => {
    const request = (requestId: string, amount: bigint, chainId = net.devnet.doc.chainId) => {
      const tx = {
        senderPublicKey: net.devnet.memberKeys[0]!.accountPublicKey,
        nonce: 50n,
        fee: 1000n,
        expiryHeight: 900n,
        payload: { type: 'transfer' as const, to: addressBytes(fresh), amount, memo: '' },
      };
      const built = buildEnvelope({ chainId, addressPrefix: prefix, requestId, tx }, DEFAULT_DISPLAY);
      if (!built.ok) throw new Error(built.reason);
      return built.value;
    };
    const envelope = request('cd'.repeat(16), 12_500_000n);
    const units = (n: bigint) => n.toString(16).padStart(16, '0');
    writeFileSync(file('t.json'), JSON.stringify(envelope));
    writeFileSync(
      file('amount.json'),
      JSON.stringify({
        ...envelope,
        transaction: envelope.transaction.replace(units(12_500_000n), units(125_000_000n)),
      }),
    );
    writeFileSync(file('other.json'), JSON.stringify(request('ab'.repeat(16), 1n)));
    const reply = (e: OfflineEnvelope) => {
      const opened = parseEnvelope(JSON.stringify(e), DEFAULT_DISPLAY);
      const signed =
        opened.ok &&
        signEnvelope(
          opened.value,
          net.devnet.memberKeys[0]!.accountSecretKey,
          net.devnet.memberKeys[0]!.accountPublicKey,
        );
      if (!signed || !signed.ok) throw new Error('could not sign');
      return signed.value;
    };
    writeFileSync(file('t-reply.json'), JSON.stringify(reply(envelope)));
    writeFileSync(file('elsewhere.hex'), reply(request('ef'.repeat(16), 1n, 'another-net')).signedTransaction);
    const sign = (input: string, key = 'member0.json', extra: string[] = []) =>
      cli(['tx', 'sign', '--in', file(input), '--key', file(key), '--out', file('never.json'), '--yes', ...extra]);

    const [amount, chain, wrongKey, mismatched, elsewhere] = await Promise.all([
      sign('amount.json'),
      sign('t.json', 'member0.json', ['--chain-id', 'consortia-mainnet']),
      sign('t.json', 'member1.json'),
      // A good reply, checked against a request it does not answer.
      cli(['tx', 'broadcast', '--in', file('t-reply.json'), '--request', file('other.json'), '--rpc', url]),
      // Raw signed hex carries no network name; the signature itself must verify for the node's network.
      cli(['tx', 'broadcast', '--in', file('elsewhere.hex'), '--rpc', url]),
    ]);
    expect(amount.stderr).toMatch(/Send 125 CNS \(125000000 base units\)/);
    expect(amount.stderr).toMatch(/does not match its transaction[\s\S]*Not signed/);
    expect(chain.stderr).toMatch(/network "consortia-devnet", not "consortia-mainnet"\. Not signed/);
    expect(wrongKey.stderr).toMatch(/holds the key of cdev1\w+, but this transaction is sent by cdev1\w+/);
    expect(mismatched.stderr).toMatch(/answers request [0-9a-f]{32}, not request abab/);
    expect(elsewhere.stderr).toMatch(/does not verify on network "consortia-devnet"/);
    expect([amount, chain, wrongKey, mismatched, elsewhere].map((r) => r.status)).toEqual([1, 1, 1, 1, 1]);
    expect(existsSync(file('never.json'))).toBe(false);
  });

  it('says clearly what is wrong: unreachable node, address typo, insufficient balance, node rejection', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const send = (args: string[], rpcUrl = url) =>
      cli(['tx', 'transfer', '--key', file('fresh.json'), '--rpc', rpcUrl, ...args]);
    const [unreachable, typo, poor, used] = await Promise.all([
      send(['--to', freshAddress, '--amount', '1'], `http://127.0.0.1:${closedPort}/`),
      send(['--to', `${freshAddress.slice(0, -1)}${freshAddress.endsWith('q') ? 'p' : 'q'}`, '--amount', '1']),
      send(['--to', freshAddress, '--amount', '1000']),
      cli([
        'tx',
        'transfer',
        '--to',
        freshAddress,
        '--amount',
        '1',
        '--nonce',
        '0',
        '--no-preflight',
        '--key',
        file('member0.json'),
        '--rpc',
        url,
      ]),
    ]);
    expect(unreachable.stderr).toMatch(
      new RegExp(`Cannot reach the node at http://127\\.0\\.0\\.1:${closedPort}/: connection refused`),
    );
    expect(typo.stderr).toMatch(/--to "cdev1\w+": Bad checksum/);
    expect(poor.stderr).toMatch(
      // The chain's own rule, run over the node's state (amounts in base units, as the chain says them).
      /Not sent: insufficient balance: 1000000000 plus the fee 1000 needs 1000001000, the account holds \d+/,
    );
    expect(used.stderr).toMatch(
      /The node rejected the transaction: Nonce 0 is already used; the account's next nonce is \d+/,
    );
    expect([unreachable, typo, poor, used].map((r) => r.status)).toEqual([1, 1, 1, 1]);

    // A payload rule the CLI never copied: the preflight is the chain's own rules, so it knows them all.
    const unjail = await cli(['tx', 'candidate', 'unjail', '--key', file('member0.json'), '--rpc', url]);
    expect(unjail.stderr).toMatch(
      /Not sent: this (account is not a candidate|candidate is not jailed \(status active\))/,
    );
    expect(unjail.status).toBe(1);
  });

  it("prints the node's whole refusal, however long, with its code", async () => {
    // A transfer of 2^64-1 with a fee of 2^64-1 from an account holding nothing: the reason names both amounts.
    const secret = new Uint8Array(32).fill(94);
    const tx: Transaction = {
      senderPublicKey: publicKeyFromSecret(secret),
      nonce: 0n,
      fee: MAX_U64,
      expiryHeight: net.nodes[0]!.chain.height() + 300n,
      payload: { type: 'transfer', to: addressBytes(fresh), amount: MAX_U64, memo: '' },
    };
    const signature = signDomain(
      SigningDomain.TRANSACTION,
      net.devnet.doc.chainId,
      transactionCodec.encode(tx),
      secret,
    );
    const hex = bytesToHex(signedTransactionCodec.encode({ tx, signature }));
    writeFileSync(file('refused.hex'), hex);
    // What the node answers (a refusal changes nothing, so the CLI's send gets the same answer).
    const direct = await typedRpc(httpRpcClient(url), rpcContract).call('tx.submit', { transaction: hex });
    const refusal = direct.ok ? undefined : refusalOf(direct.error);
    expect(refusal?.reason.length).toBeGreaterThan(150);

    const run = await cli(['tx', 'broadcast', '--in', file('refused.hex'), '--rpc', url]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The node rejected the transaction: ${refusal!.reason} (${refusal!.code})`);
    // With --json, scripts get the refusal as data beside the sentence.
    const json = await cli(['--json', 'tx', 'broadcast', '--in', file('refused.hex'), '--rpc', url]);
    expect(JSON.parse(json.stdout)).toEqual({
      error: `The node rejected the transaction: ${refusal!.reason} (${refusal!.code})`,
      refusal,
    });
  });

  it('a fresh account applies for membership and the node lists the application', async () => {
    const applied = await cli([
      '--json',
      'tx',
      'member',
      'apply',
      '--name',
      'Fresh Co',
      '--info',
      'https://fresh.example',
      '--key',
      file('fresh.json'),
      '--rpc',
      url,
      '--wait',
    ]);
    const { id, status } = JSON.parse(applied.stdout);
    expect(status).toBe('final');
    const open = await rpc(net.nodes[0]!, 'gov.proposals');
    expect(open.find((p: any) => p.id === id)).toMatchObject({
      subject: { type: 'admitMember', name: 'Fresh Co' },
      proposer: freshAddress,
      status: 'open',
    });
  });
});

describe('tx payload commands', () => {
  const prefix = 'cdev';
  const candidate = encodeAddress(prefix, new Uint8Array(20).fill(1));
  const other = encodeAddress(prefix, new Uint8Array(20).fill(2));
  const ctx: BuildContext = {
    address: (text) => (text === candidate ? new Uint8Array(20).fill(1) : new Uint8Array(20).fill(2)),
    amount: (text) => BigInt(text),
  };
  const kind = (path: string) => TX_KINDS.find((k) => k.path.join(' ') === path)!;

  it('builds an encodable payload for every transaction type', () => {
    const options: Record<string, Record<string, unknown>> = {
      transfer: { to: candidate, amount: '5', memo: 'e\u0301' },
      'member apply': { name: 'Acme', info: '' },
      'member propose remove': { member: candidate },
      'member propose param': { name: 'minFee', value: '2000' },
      'member vote': { proposal: 'AB'.repeat(32), no: true },
      stake: { amount: '1' },
      unstake: { amount: '1' },
      withdraw: {},
      vote: { for: [`${other}=3`], against: [`${candidate}=1`] },
      'candidate register': { name: 'node-a', consensusKey: '11'.repeat(32), endpoint: 'wss://a:1' },
      'candidate update': { endpoint: 'wss://b:1' },
      'candidate resign': {},
      'candidate unjail': {},
    };
    expect(TX_KINDS.map((k) => k.path.join(' ')).sort()).toEqual(Object.keys(options).sort());
    for (const k of TX_KINDS) {
      const payload = k.build(options[k.path.join(' ')]!, ctx);
      expect(payloadCodec.decodeOrThrow(payloadCodec.encode(payload))).toEqual(payload);
    }
    expect(kind('transfer').build(options.transfer!, ctx)).toMatchObject({ memo: '\u00e9' });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'consortia-ck-')), 'node.json');
    const consensusSecret = new Uint8Array(32).fill(8);
    writeKeyFile(keyFile, {
      kind: 'consensus',
      secretKey: consensusSecret,
      publicKey: publicKeyFromSecret(consensusSecret),
    });
    expect(kind('candidate update').build({ consensusKeyFile: keyFile }, ctx)).toEqual({
      type: 'candidate.update',
      consensusKey: publicKeyFromSecret(consensusSecret),
    });
    expect(kind('vote').build(options.vote!, ctx)).toMatchObject({
      changes: [
        { increase: false, amount: 1n },
        { increase: true, amount: 3n },
      ],
    });
  });

  it('refuses ambiguous or impossible options with the flag named', () => {
    const refusals: [string, Record<string, unknown>, RegExp][] = [
      ['member vote', { proposal: 'ab'.repeat(32) }, /exactly one of --yes or --no/],
      ['member vote', { proposal: 'xyz', yes: true }, /--proposal must be 64 hex digits/],
      ['member propose param', { name: 'minfee', value: '1' }, /Unknown parameter "minfee"/],
      [
        'member propose param',
        { name: 'slashPpm', value: '2000000' },
        /slashPpm must be a whole number from 0 to 1000000/,
      ],
      ['vote', { for: [`${candidate}=1`, `${candidate}=2`] }, /appears twice/],
      ['vote', { for: ['nonsense'] }, /--for takes ADDRESS=AMOUNT/],
      ['vote', {}, /at least one --for/],
      ['candidate register', { name: 'a', endpoint: 'e' }, /--consensus-key HEX or --consensus-key-file/],
      ['candidate register', { name: 'a', endpoint: 'e', consensusKey: '12' }, /64 hex digits/],
      ['candidate update', {}, /Nothing to update/],
    ];
    for (const [path, options, message] of refusals) expect(() => kind(path).build(options, ctx)).toThrow(message);
  });
});
