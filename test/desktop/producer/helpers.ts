import { join } from 'node:path';
import pino from 'pino';
import { ConsortiaNode } from '../../../chain/node.ts';
import { signedTransactionCodec, transactionCodec, type Transaction } from '../../../shared/core/types/index.ts';
import type { LightNode } from '../../../electron/services/light/index.ts';
import { unwrap } from '../../../electron/services/errors.ts';
import type { VaultService } from '../../../electron/services/vault/service.ts';
import type { TestNet } from '../../chain/net/devnet-helpers.ts';
import { eventually } from '../light/helpers.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Starts producer i's node again on its data folder, dialling the others (its old ports may be taken). */
export function restartProducer(net: TestNet, i: number): Promise<ConsortiaNode> {
  return ConsortiaNode.start({
    dataDir: join(net.dir, `node${i}`),
    genesis: net.devnet.doc,
    consensusSecretKey: net.devnet.producerKeys[i]!.consensusSecretKey,
    p2p: { port: 0, peers: net.nodes.filter((_, j) => j !== i).map((n) => n.p2p.url) },
    rpc: { port: 0 },
    logger: pino({ level: process.env.CONSORTIA_TEST_LOG ?? 'silent' }),
  });
}

/** candidate.unjail, signed by the vault's key for the account, submitted through the light node and waited on until final. */
export async function unjailWithVault(
  light: LightNode,
  vault: VaultService,
  accountId: string,
  chainId: string,
): Promise<void> {
  const account = vault.status().accounts.find((a) => a.id === accountId)!;
  const nonce = (await light.account(account.address)).value?.nonce ?? 0n;
  const tx: Transaction = {
    senderPublicKey: Uint8Array.from(Buffer.from(account.publicKey!, 'hex')),
    nonce,
    fee: 1000n,
    expiryHeight: light.verifiedHead().height + 100n,
    payload: { type: 'candidate.unjail' },
  };
  const signature = unwrap(vault.vault.signTransactionBytes(accountId, chainId, transactionCodec.encode(tx)));
  const answer = (await light.ask('submit the unjail', 'tx.submit', {
    transaction: hex(signedTransactionCodec.encode({ tx, signature })),
  })) as { id: string };
  await eventually('the unjail to be final', async () => (await light.transactionStatus(answer.id)).status === 'final');
}
