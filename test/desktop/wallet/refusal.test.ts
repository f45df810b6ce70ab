import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { refusalOf, rpcContract, type TxRefusal } from '../../../shared/contract/rpc.ts';
import type { ContractError } from '../../../shared/contract/result.ts';
import { addressBytes, publicKeyFromSecret, SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import { MAX_U64 } from '../../../shared/core/encoding/index.ts';
import { signedTransactionCodec, transactionCodec, type Transaction } from '../../../shared/core/types/index.ts';
import { httpRpcClient, typedRpc } from '../../../shared/node/rpc-client.ts';
import { EventHub, Registry } from '../../../electron/services/registry.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { runningNetwork } from '../../../electron/services/network/access.ts';
import { createWalletService } from '../../../electron/services/wallet/service.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { eventually, lightConfig } from '../light/helpers.ts';
import { TamperProxy } from '../light/tamper-proxy.ts';
import { testVaultService } from '../vault/helpers.ts';
import { unusedHandlers } from '../../helpers/unused-handlers.ts';

/**
 * A refusal travels as data, whole, from the chain to the page, and is the chain's verdict: not asked of another
 * endpoint. A real 4-producer devnet; the light node has three endpoints (nodes 0, 1 and 2, each behind a proxy that
 * counts requests). The transaction is a transfer of 2^64-1 with a fee of 2^64-1 from an account that holds
 * nothing: every node refuses it with a reason well over 120 characters (the amounts in it), the same on each node.
 */
describe('a chain refusal reaches the wallet whole and is not retried elsewhere', { timeout: 300_000 }, () => {
  let net: TestNet;
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('REJECTED from the first endpoint: {code, reason} whole at the page; a transport failure or a malformed refusal moves on', async () => {
    net = await startTestNet(4, { blockIntervalMs: 400 });
    closers.push(() => net.stop());
    const proxies = await Promise.all([0, 1, 2].map((i) => TamperProxy.start(net.nodes[i]!.rpc.url)));
    const [first, second, third] = proxies as [TamperProxy, TamperProxy, TamperProxy];
    closers.push(() => Promise.all(proxies.map((p) => p.close().catch(() => undefined))).then(() => undefined));
    const light = LightNode.start(
      lightConfig(
        net,
        proxies.map((p) => p.url),
      ),
    );
    closers.push(() => light.close());
    await eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 0n);

    const dataDir = mkdtempSync(join(tmpdir(), 'consortia-wallet-refusal-'));
    const hub = new EventHub();
    const vault = testVaultService(dataDir, net.devnet.doc.addressPrefix, hub);
    closers.push(() => vault.close());
    const wallet = createWalletService({ dataDir, vault, network: runningNetwork(light, net.devnet.doc), hub });
    closers.push(() => wallet.close());

    const secret = new Uint8Array(32).fill(93);
    const tx: Transaction = {
      senderPublicKey: publicKeyFromSecret(secret),
      nonce: 0n,
      fee: MAX_U64,
      expiryHeight: net.nodes[0]!.chain.height() + 300n,
      payload: {
        type: 'transfer',
        to: addressBytes(net.devnet.memberKeys[1]!.accountPublicKey),
        amount: MAX_U64,
        memo: '',
      },
    };
    const signature = signDomain(
      SigningDomain.TRANSACTION,
      net.devnet.doc.chainId,
      transactionCodec.encode(tx),
      secret,
    );
    const signed = { tx, signature };

    // What the node itself answers (a refusal changes nothing, so asking first does not change the wallet's answer).
    const direct = await typedRpc(httpRpcClient(net.nodes[0]!.rpc.url), rpcContract).call('tx.submit', {
      transaction: bytesToHex(signedTransactionCodec.encode(signed)),
    });
    expect(direct.ok).toBe(false);
    const nodeRefusal = direct.ok ? undefined : refusalOf(direct.error);
    expect(nodeRefusal).toBeDefined();
    expect(nodeRefusal!.reason.length).toBeGreaterThan(150);
    expect(nodeRefusal!.reason).toContain(`${MAX_U64}`);
    expect(nodeRefusal!.code).toBe('INSUFFICIENT_BALANCE'); // the state transition's own code (shared/core/modules)

    // Through the contract as the page calls it. wallet.prepare checks the rules itself and would refuse this
    // transfer before anything is sent, so the channel here sends the signed transaction as offline.broadcast does.
    const registry = new Registry({ ...unusedHandlers, 'wallet.submit': () => wallet.submitSigned(signed) });
    const submitted = async (): Promise<ContractError> => {
      const result = await registry.call('wallet.submit', { draftId: randomUUID() });
      if (result.ok) throw new Error(`the refused transfer was accepted: ${JSON.stringify(result.value)}`);
      return result.error;
    };
    const submitsTo = (proxy: TamperProxy) => proxy.requests.filter((r) => r.method === 'tx.submit').length;
    const expectWhole = (error: ContractError, refusal: TxRefusal) => {
      expect(error.code).toBe('REJECTED');
      expect(error.refusal).toEqual(refusal);
      expect(error.message).toContain(refusal.reason);
    };

    expectWhole(await submitted(), nodeRefusal!);
    expect([submitsTo(first), submitsTo(second), submitsTo(third)]).toEqual([1, 0, 0]);

    // The first endpoint goes away: a transport failure still moves on, and the next one's refusal is final.
    await first.close();
    expectWhole(await submitted(), nodeRefusal!);
    expect([submitsTo(first), submitsTo(second), submitsTo(third)]).toEqual([1, 1, 0]);

    // A REJECTED answer without its refusal data is not the contract's refusal, so no verdict: like any answer not
    // in the contract's form it costs the endpoint its trust, and the next one is asked.
    second.rewriteError('tx.submit', (error) => ({ code: error.code, message: error.message }));
    expectWhole(await submitted(), nodeRefusal!);
    expect([submitsTo(first), submitsTo(second), submitsTo(third)]).toEqual([1, 2, 1]);
    expect(light.status().endpoints.find((e) => e.url === second.url)).toMatchObject({
      trusted: false,
      lie: 'malformed',
    });
  });
});
