import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, encodeAddress, publicKeyFromSecret } from '../../shared/core/crypto/index.ts';
import { writeKeyFile } from '../../shared/node/keyfile.ts';
import { ConsortiaNode } from '../../chain/node.ts';
import { startNet, waitUntil, type StartedNet } from '../chain/resilience/helpers.ts';
import { rpc } from '../chain/net/tx-helpers.ts';

/**
 * `consortia tx transfer --wait --fallback-rpc`: the transfer goes to an observer node that has no peer, which
 * then stops before any peer heard of it (its pool dies with it). The CLI finds the node gone, re-sends the signed
 * transfer to the fallback node, and reports it final there.
 */
describe('consortia tx --wait re-sends a lost transaction to another node', { timeout: 120_000 }, () => {
  let net: StartedNet;
  let observer: ConsortiaNode | undefined;
  const observerSecret = new Uint8Array(randomBytes(32));
  const observerKey = bytesToHex(publicKeyFromSecret(observerSecret));
  let dir = '';

  beforeAll(async () => {
    net = await startNet({
      producers: 4,
      seed: 53,
      blockIntervalMs: 400,
      observers: { 0: [observerKey], 1: [observerKey], 2: [observerKey], 3: [observerKey] },
    });
    dir = mkdtempSync(join(tmpdir(), 'consortia-resend-'));
  });
  afterAll(async () => {
    await observer?.stop();
    await net?.stop();
  });

  it('the first node dies with the transfer in its pool; the CLI re-sends it to the fallback and it is final', async () => {
    const node0 = net.nodes[0]!;
    observer = await ConsortiaNode.start({
      dataDir: join(dir, 'observer'),
      genesis: net.devnet.doc,
      consensusSecretKey: observerSecret,
      p2p: { peers: [] },
      rpc: {},
      observer: true,
      logger: pino({ level: 'silent' }),
    });
    const member = net.devnet.memberKeys[0]!;
    writeKeyFile(join(dir, 'member0.json'), {
      kind: 'account',
      secretKey: member.accountSecretKey,
      publicKey: member.accountPublicKey,
    });
    const to = encodeAddress(net.devnet.doc.addressPrefix, addressBytes(net.devnet.memberKeys[1]!.accountPublicKey));
    // The observer has only genesis: the default expiry (its height + 100) is already behind the network, so give one.
    const expiry = String(node0.chain.height() + 300n);
    const run = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          'bin/consortia.mjs',
          '--json',
          'tx',
          'transfer',
          '--to',
          to,
          '--amount',
          '1',
          '--key',
          join(dir, 'member0.json'),
          '--rpc',
          observer!.rpc.url,
          '--expiry',
          expiry,
          '--no-preflight',
          '--wait',
          '--timeout',
          '90',
          '--fallback-rpc',
          node0.rpc.url,
        ],
        { timeout: 110_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
    });
    await waitUntil(() => observer!.mempool.size > 0, 60_000, "the transfer in the observer's pool");
    const id = observer.mempool.entries()[0]!.idHex;
    await observer.stop();
    observer = undefined;
    expect(node0.mempool.has(id)).toBe(false);

    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ id, status: 'final', resent: 1 });
    expect(result.stderr).toMatch(/re-sent it to/);
    expect((await rpc(node0, 'tx.status', { id })).status).toBe('final');
  });
});
