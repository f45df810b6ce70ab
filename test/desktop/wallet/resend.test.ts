import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, addressFromPublicKey, SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type Transaction,
} from '../../../shared/core/types/index.ts';
import { EventHub } from '../../../electron/services/registry.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { runningNetwork } from '../../../electron/services/network/access.ts';
import { createWalletService } from '../../../electron/services/wallet/service.ts';
import { WalletStore } from '../../../electron/services/wallet/store.ts';
import type { TrackedTx } from '../../../electron/services/wallet/types.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { eventually, lightConfig } from '../light/helpers.ts';
import { TamperProxy } from '../light/tamper-proxy.ts';
import { testVaultService } from '../vault/helpers.ts';

/**
 * The wallet re-sends a transaction that vanished from every pool, to a second endpoint once the first has died.
 * A real 4-producer devnet; the light node has two endpoints (node 0 and node 1, each behind a pass-through
 * proxy). The wallet follows a signed transfer that it recorded as submitted but that no node holds — what a
 * wallet sees when the node it submitted to died before any peer had the transfer. The first endpoint is then
 * closed; the follower finds the transfer unknown through the second, sends it there, and it becomes final.
 */
describe('the wallet re-sends a lost transaction to another endpoint', { timeout: 300_000 }, () => {
  let net: TestNet;
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('unknown everywhere → re-sent through the second endpoint → final, with "re-sent" in its timeline', async () => {
    net = await startTestNet(4, { blockIntervalMs: 400 });
    closers.push(() => net.stop());
    const first = await TamperProxy.start(net.nodes[0]!.rpc.url);
    const second = await TamperProxy.start(net.nodes[1]!.rpc.url);
    closers.push(() => second.close());
    const light = LightNode.start(lightConfig(net, [first.url, second.url]));
    closers.push(() => light.close());
    await eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 0n);

    const dataDir = mkdtempSync(join(tmpdir(), 'consortia-wallet-resend-'));
    const hub = new EventHub();
    const seen: TrackedTx[] = [];
    hub.listen((event, payload) => {
      if (event === 'wallet.transaction') seen.push(payload as TrackedTx);
    });
    const vault = testVaultService(dataDir, net.devnet.doc.addressPrefix, hub);
    closers.push(() => vault.close());

    // The signed transfer the wallet keeps, recorded as submitted (its node died with it before any gossip).
    const member = net.devnet.memberKeys[0]!;
    const from = addressFromPublicKey(net.devnet.doc.addressPrefix, member.accountPublicKey);
    const tx: Transaction = {
      senderPublicKey: member.accountPublicKey,
      nonce: 0n,
      fee: net.devnet.doc.parameters.minFee,
      expiryHeight: net.nodes[0]!.chain.height() + 300n,
      payload: {
        type: 'transfer',
        to: addressBytes(net.devnet.memberKeys[1]!.accountPublicKey),
        amount: 11n,
        memo: '',
      },
    };
    const signed = {
      tx,
      signature: signDomain(
        SigningDomain.TRANSACTION,
        net.devnet.doc.chainId,
        transactionCodec.encode(tx),
        member.accountSecretKey,
      ),
    };
    const txId = bytesToHex(transactionId(signed));
    const store = new WalletStore(join(dataDir, 'wallet.sqlite'));
    store.track({
      view: { txId, from, type: 'transfer', state: 'submitted', submittedAt: Date.now() },
      nonce: 0n,
      expiryHeight: tx.expiryHeight,
      signed: signedTransactionCodec.encode(signed),
    });
    store.close();
    for (const node of net.nodes) expect(node.mempool.has(txId)).toBe(false);

    // The first endpoint dies; then the wallet starts following.
    await first.close();
    const wallet = createWalletService({ dataDir, vault, network: runningNetwork(light, net.devnet.doc), hub });
    closers.push(() => wallet.close());
    await eventually('the transfer final in the wallet', () =>
      seen.some((t) => t.txId === txId && t.state === 'final'),
    );
    const states = seen.filter((t) => t.txId === txId);
    expect(states.some((t) => t.resent === 1)).toBe(true);
    expect(states.at(-1)).toMatchObject({ state: 'final', resent: 1 });
    expect(await light.transactionStatus(txId)).toMatchObject({ status: 'final' });
  });
});
