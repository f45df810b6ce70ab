import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, publicKeyFromSecret, SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import { signedTransactionCodec, transactionCodec, type Transaction } from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { call, ChildNode, freePorts, makeDevnet, startInProcess, waitUntil } from './helpers.ts';

/**
 * The pool journal across SIGKILL. Producer 0 runs alone as a child process (no quorum, no peers), accepts two
 * transfers over RPC, and is killed with SIGKILL; a torn record is appended to its journal as a write cut short
 * would leave it. Restarted, it has both transfers pooled again; once the other three producers start and connect,
 * both are final on every node.
 */
describe('the pool journal across SIGKILL', () => {
  const { devnet, dir } = makeDevnet(4, { seed: 47, blockIntervalMs: 400 });
  const child = new ChildNode(devnet, dir, 0);
  const others: ConsortiaNode[] = [];
  afterAll(async () => {
    await child.stop();
    await Promise.all(others.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  function signTransfer(nonce: bigint, amount: bigint): string {
    const secretKey = devnet.memberKeys[0]!.accountSecretKey;
    const tx: Transaction = {
      senderPublicKey: publicKeyFromSecret(secretKey),
      nonce,
      fee: 1000n,
      expiryHeight: 500n,
      payload: { type: 'transfer', to: addressBytes(devnet.memberKeys[1]!.accountPublicKey), amount, memo: '' },
    };
    return bytesToHex(
      signedTransactionCodec.encode({
        tx,
        signature: signDomain(SigningDomain.TRANSACTION, devnet.doc.chainId, transactionCodec.encode(tx), secretKey),
      }),
    );
  }

  it(
    'locally accepted transfers come back after SIGKILL and become final once peers come',
    { timeout: 120_000 },
    async () => {
      await child.start([]);
      const ids: string[] = [];
      for (const [nonce, amount] of [
        [0n, 5n],
        [1n, 6n],
      ] as const)
        ids.push((await call(child.rpcUrl, 'tx.submit', { transaction: signTransfer(nonce, amount) })).id);
      for (const id of ids) expect((await call(child.rpcUrl, 'tx.status', { id })).status).toBe('pending');
      await child.kill();
      appendFileSync(join(child.dataDir, 'pool-journal.bin'), Buffer.from([0, 0, 1, 0, 7, 7])); // a torn record

      await child.start([]);
      for (const id of ids)
        expect((await call(child.rpcUrl, 'tx.status', { id })).status, `${id} pooled again after SIGKILL`).toBe(
          'pending',
        );

      const ports = await freePorts(3);
      const urls = ports.map((p) => `ws://127.0.0.1:${p}/p2p`);
      for (let i = 1; i <= 3; i++)
        others.push(
          await startInProcess(devnet, dir, i, {
            p2pPort: ports[i - 1]!,
            peers: [child.p2pUrl, ...urls.filter((_, j) => j !== i - 1)],
          }),
        );
      await waitUntil(
        async () => {
          const statuses = await Promise.all(ids.map((id) => call(child.rpcUrl, 'tx.status', { id })));
          return (
            statuses.every((s) => s.status === 'final') &&
            ids.every((id) =>
              others.every((n) => n.chain.store.transactionLocation(Buffer.from(id, 'hex')) !== undefined),
            )
          );
        },
        90_000,
        'both transfers final on all four nodes',
      );
    },
  );
});
