// Signatures checked once per node: a transfer submitted to one node is verified there at admission and in
// the other node's worker pool on gossip; building, validating and committing its block verifies it nowhere again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { bytesToHex } from '@noble/hashes/utils.js';
import { devnetGenesis } from '../../../shared/core/genesis/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { ConsortiaNode } from '../../../chain/node.ts';
import { final, submit } from '../net/tx-helpers.ts';

describe('signature verification in a running network', () => {
  const seen: string[][] = [];
  const nodes: ConsortiaNode[] = [];
  let devnet: ReturnType<typeof devnetGenesis>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consortia-verify-'));
    devnet = devnetGenesis({ producers: 4, seed: new Uint8Array([41]), genesisTime: BigInt(Date.now()), parameters: { blockIntervalMs: 300 } });
    for (let i = 0; i < 4; i++) {
      const calls: string[] = [];
      seen.push(calls);
      const inner: SignatureVerifier = {
        verify(signature, message, publicKey) {
          calls.push(bytesToHex(signature));
          return opensslVerifier.verify(signature, message, publicKey);
        },
      };
      nodes.push(
        await ConsortiaNode.start({
          dataDir: join(dir, `node${i}`),
          genesis: devnet.doc,
          consensusSecretKey: devnet.producerKeys[i]!.consensusSecretKey,
          p2p: { peers: nodes.map((n) => n.p2p.url) },
          rpc: {},
          logger: pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' }),
          verification: { inner },
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('verifies a transaction once on the node it was submitted to and never inline on the nodes it was gossiped to', async () => {
    const [a, ...others] = nodes as [ConsortiaNode, ...ConsortiaNode[]];
    for (const node of others) expect(await node.verification.pool!.warmUp()).toBe(true);
    const to = devnet.memberKeys[1]!.address;
    const id = await submit(a, devnet.memberKeys[0]!.accountSecretKey, { type: 'transfer', to, amount: 5n, memo: '' });
    const status = await final(a, id);
    for (const node of others) await final(node, id);
    const signature = bytesToHex(a.chain.block(BigInt(status.height))!.transactions[status.index]!.signature);
    // Node 0: once, at admission over RPC; building or validating the block and committing it reused the answer.
    expect(seen[0]!.filter((s) => s === signature)).toHaveLength(1);
    // The others: checked in their worker pools when gossip brought it, never on the main thread.
    for (let i = 1; i < nodes.length; i++) expect(seen[i]!.filter((s) => s === signature)).toHaveLength(0);
    for (const node of others) expect(node.verification.pool!.stats.items).toBeGreaterThan(0);
    for (const node of nodes) expect(node.verification.verifier.stats.hits).toBeGreaterThan(0);
  }, 90_000);

  it('shares one pool among the nodes of a process, closed when the last of them stops', async () => {
    const pool = nodes[0]!.verification.pool!;
    for (const node of nodes) expect(node.verification.pool).toBe(pool);
    expect(pool.stats.workers).toBe(pool.size);
    await nodes[1]!.stop();
    expect(pool.usesWorkers).toBe(true);
    await Promise.all(nodes.map((n) => n.stop()));
    expect(pool.stats.workers).toBe(0);
    expect(pool.usesWorkers).toBe(false);
  });
});
