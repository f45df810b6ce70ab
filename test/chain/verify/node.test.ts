// Signatures checked off the main thread: a transfer submitted to one node is verified in the worker pool at
// admission (RPC) and on gossip; building, validating and committing its block verifies it nowhere again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Devnet } from '../../../shared/core/genesis/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { final, submit } from '../net/tx-helpers.ts';
import { startTestNet } from '../net/devnet-helpers.ts';

describe('signature verification in a running network', () => {
  const seen: string[][] = [];
  const nodes: ConsortiaNode[] = [];
  let devnet: Devnet;

  beforeAll(async () => {
    const net = await startTestNet(4, {
      seed: 41,
      verification: () => {
        const calls: string[] = [];
        seen.push(calls);
        const inner: SignatureVerifier = {
          verify(signature, message, publicKey) {
            calls.push(bytesToHex(signature));
            return opensslVerifier.verify(signature, message, publicKey);
          },
        };
        return { inner };
      },
    });
    devnet = net.devnet;
    nodes.push(...net.nodes);
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it("verifies a transaction in the worker pool, at admission and on gossip, and never on a node's main thread", async () => {
    const [a, ...others] = nodes as [ConsortiaNode, ...ConsortiaNode[]];
    for (const node of nodes) expect(await node.verification.pool!.warmUp()).toBe(true);
    const to = devnet.memberKeys[1]!.address;
    const id = await submit(a, devnet.memberKeys[0]!.accountSecretKey, { type: 'transfer', to, amount: 5n, memo: '' });
    const status = await final(a, id);
    for (const node of others) await final(node, id);
    const signature = bytesToHex(a.chain.block(BigInt(status.height))!.transactions[status.index]!.signature);
    // Node 0 at admission over RPC, the others when gossip brought it: in the pool, never on the main thread;
    // building or validating the block and committing it reused the cached answer.
    for (let i = 0; i < nodes.length; i++) expect(seen[i]!.filter((s) => s === signature)).toHaveLength(0);
    // Each node's own verifier did run (consensus votes), so the zeros above are not from a counter never wired in.
    for (const calls of seen) expect(calls.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.verification.pool!.stats.items).toBeGreaterThan(0);
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
