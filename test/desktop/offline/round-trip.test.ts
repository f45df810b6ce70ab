import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { addressBytes, addressFromPublicKey } from '../../../shared/core/crypto/index.ts';
import { buildEnvelope, DEFAULT_DISPLAY, parseEnvelope, signEnvelope } from '../../../shared/core/offline/index.ts';
import { type MethodName } from '../../../shared/contract/channels.ts';
import type { MethodInput, MethodOutput } from '../../../shared/contract/ipc.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { runningNetwork } from '../../../electron/services/network/access.ts';
import { createOfflineService, type OfflineService } from '../../../electron/services/offline/service.ts';
import { EventHub, Registry } from '../../../electron/services/registry.ts';
import type { VaultService } from '../../../electron/services/vault/service.ts';
import { createWalletService } from '../../../electron/services/wallet/service.ts';
import type { WalletService } from '../../../electron/services/wallet/types.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { final, submit } from '../../chain/net/tx-helpers.ts';
import { eventually, lightConfig, SLOW } from '../light/helpers.ts';
import { CHEAP_KDF, forgetKeychainEntries, PASSWORD, realKeychain, testVaultService } from '../vault/helpers.ts';
import { readFrames } from './qr-images.ts';
import { unusedHandlers } from '../../helpers/unused-handlers.ts';
import { channelError, channelValue } from '../../helpers/registry.ts';

type Caller = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
const caller =
  (registry: () => Registry): Caller =>
  (method, input) =>
    channelValue(registry(), method, input);
const failure = channelError;

/** Feeds every part read from the pictures to offline.scan, as the page does with camera frames. */
async function scanAll(call: Caller, frames: readonly { image: string }[]) {
  let sessionId: string | undefined;
  // Out of order, as a camera joining a loop halfway would catch them.
  const parts = readFrames(frames);
  for (const part of [...parts.slice(2), ...parts.slice(0, 2)]) {
    const step = await call('offline.scan', { part, ...(sessionId ? { sessionId } : {}) });
    sessionId = step.sessionId;
    if (step.done) return step;
  }
  throw new Error('the scan did not complete');
}

describe('offline signing round trip on a real devnet', { timeout: 240_000 }, () => {
  let net: TestNet;
  let light: LightNode;
  let onlineVault: VaultService;
  let wallet: WalletService;
  let offline: OfflineService;
  let onlineRegistry: Registry;
  let signer: Services;
  let coldAddress: string;
  let watched: MethodOutput<'vault.addWatchOnly'>;
  const online = caller(() => onlineRegistry);
  const offlineCall = caller(() => signer.registry);

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 400 });
    light = LightNode.start(lightConfig(net, [net.nodes[0]!.rpc.url]));
    await eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 0n);
    // The online wallet: a light node on the devnet, its own vault and data folder.
    const dataDir = mkdtempSync(join(tmpdir(), 'consortia-online-'));
    const hub = new EventHub();
    onlineVault = testVaultService(dataDir, net.devnet.doc.addressPrefix, hub);
    const network = runningNetwork(light, net.devnet.doc);
    wallet = createWalletService({ dataDir, vault: onlineVault, network, hub });
    offline = createOfflineService({ mode: 'online', vault: onlineVault, network, wallet, hub });
    onlineRegistry = new Registry({
      ...unusedHandlers,
      ...onlineVault.handlers,
      ...wallet.handlers,
      ...offline.handlers,
    });
    // The offline signer: the app's own composition in offline mode, sharing nothing with the online side.
    signer = createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'consortia-signer-')),
      host: 'web',
      mode: 'offline',
      keychain: realKeychain,
      vaultKdf: CHEAP_KDF,
      heartbeatMs: 60_000,
    });

    // The key is made on the offline machine and never leaves it; the online wallet only watches its address.
    await offlineCall('vault.create', { password: PASSWORD });
    const { account: cold } = await offlineCall('vault.createMnemonic', { label: 'cold storage' });
    coldAddress = addressFromPublicKey(net.devnet.doc.addressPrefix, hexToBytes(cold.publicKey!));
    const funder = net.devnet.memberKeys[0]!;
    const funding = await submit(net.nodes[0]!, funder.accountSecretKey, {
      type: 'transfer',
      to: addressBytes(hexToBytes(cold.publicKey!)),
      amount: 50_000_000n,
      memo: '',
    });
    await final(net.nodes[0]!, funding, SLOW);
    await online('vault.create', { password: PASSWORD });
    // The offline signer shows its address and public key; with both, the online wallet can prepare the first transaction.
    watched = await online('vault.addWatchOnly', {
      address: coldAddress,
      label: 'cold (watch-only)',
      publicKey: cold.publicKey!,
    });
  });

  afterAll(async () => {
    await signer?.close();
    await offline?.close();
    await wallet?.close();
    const vaultId = onlineVault?.rawStatus().vaultId;
    onlineVault?.close();
    if (vaultId) realKeychain.delete(`vault-${vaultId}`);
    forgetKeychainEntries();
    await light?.close();
    await net?.stop();
  });

  it('makes the first transaction of a new cold address (its public key given with the address), carried as files', async () => {
    // Until an address has sent a transaction the chain does not know its public key: the watch-only entry carries it.
    const request = await online('offline.createRequest', {
      accountId: watched.id,
      intent: {
        type: 'transfer',
        to: addressFromPublicKey(net.devnet.doc.addressPrefix, net.devnet.memberKeys[0]!.accountPublicKey),
        amount: '1',
        memo: 'first',
      },
    });
    const scanned = await offlineCall('offline.importFile', { text: request.fileText });
    if (!scanned.done) throw new Error('an imported file is complete at once');
    expect(scanned).toMatchObject({ kind: 'request', from: coldAddress });
    const reply = await offlineCall('offline.sign', { envelopeId: scanned.envelopeId });
    const imported = await online('offline.importFile', { text: reply.fileText });
    if (!imported.done) throw new Error('an imported file is complete at once');
    expect(imported).toMatchObject({ kind: 'reply', from: coldAddress });
    const { txId } = await online('offline.broadcast', { envelopeId: imported.envelopeId });
    await eventually(
      'the first transaction to be final',
      async () => (await online('wallet.transaction', { txId })).state === 'final',
    );
  });

  it('request out as QR pictures, signed in offline mode, reply scanned back, broadcast, final on chain', async () => {
    const prefix = net.devnet.doc.addressPrefix;
    const payee = addressFromPublicKey(prefix, net.devnet.memberKeys[1]!.accountPublicKey);
    const before = (await light.account(payee)).value!.balance;

    const request = await online('offline.createRequest', {
      accountId: watched.id,
      intent: { type: 'transfer', to: payee, amount: '1234567', memo: 'paid offline' },
    });
    expect(request).toMatchObject({
      kind: 'request',
      fileName: expect.stringMatching(/^consortia-request-[0-9a-f]{8}\.json$/),
    });
    expect(request.frames.length).toBeGreaterThan(2);

    // Offline: scan the pictures, read the plain words (computed from the transaction), sign.
    const scannedRequest = await scanAll(offlineCall, request.frames);
    if (!scannedRequest.done) throw new Error('unreachable');
    expect(scannedRequest).toMatchObject({ kind: 'request', chainId: net.devnet.doc.chainId, from: coldAddress });
    expect(scannedRequest.summary).toContainEqual({
      label: 'Action',
      value: `Send 1.234567 CNS (1234567 base units) to ${payee} with memo 'paid offline'`,
    });
    expect(scannedRequest.summary).toEqual(request.summary);
    const reply = await offlineCall('offline.sign', { envelopeId: scannedRequest.envelopeId });
    expect(reply).toMatchObject({ kind: 'reply', id: request.id });

    // Online: scan the reply's pictures, check it answers the request, broadcast, follow to final.
    const scannedReply = await scanAll(online, reply.frames);
    if (!scannedReply.done) throw new Error('unreachable');
    expect(scannedReply).toMatchObject({ kind: 'reply', from: coldAddress, summary: request.summary });
    const { txId } = await online('offline.broadcast', { envelopeId: scannedReply.envelopeId });
    let tracked: MethodOutput<'wallet.transaction'> | undefined;
    await eventually(
      'the broadcast transaction to be final',
      async () => (tracked = await online('wallet.transaction', { txId })).state === 'final',
    );
    expect(tracked).toMatchObject({
      txId,
      state: 'final',
      from: coldAddress,
      verifiedAt: { height: expect.any(Number), blockHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    await eventually(
      'the payee to be paid',
      async () => (await light.account(payee)).value!.balance === before + 1_234_567n,
    );
  });

  it('refuses, in the online wallet, to sign, to take a request, and a reply that is not the one it asked for', async () => {
    const prefix = net.devnet.doc.addressPrefix;
    const request = await online('offline.createRequest', {
      accountId: watched.id,
      intent: {
        type: 'transfer',
        to: addressFromPublicKey(prefix, net.devnet.memberKeys[1]!.accountPublicKey),
        amount: '5',
      },
    });
    expect(await failure(onlineRegistry, 'offline.importFile', { text: request.fileText })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/scan it in the offline signer/),
    });
    expect(await failure(onlineRegistry, 'offline.sign', { envelopeId: 'x' })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/signed in the offline signer/),
    });

    // A reply carrying this request's id but another transaction, signed by a key that can sign it.
    const opened = parseEnvelope(request.fileText, DEFAULT_DISPLAY);
    if (!opened.ok) throw new Error(opened.reason);
    const other = net.devnet.memberKeys[1]!;
    const forged = buildEnvelope(
      { ...opened.value.envelope, tx: { ...opened.value.tx, senderPublicKey: other.accountPublicKey } },
      DEFAULT_DISPLAY,
    );
    const forgedOpened = forged.ok ? parseEnvelope(JSON.stringify(forged.value), DEFAULT_DISPLAY) : forged;
    if (!forgedOpened.ok) throw new Error(forgedOpened.reason);
    const swapped = signEnvelope(forgedOpened.value, other.accountSecretKey, other.accountPublicKey);
    if (!swapped.ok) throw new Error(swapped.reason);
    expect(await failure(onlineRegistry, 'offline.importFile', { text: JSON.stringify(swapped.value) })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not the transaction that was requested/),
    });

    // A reply signed for another network.
    const elsewhere = buildEnvelope(
      { ...opened.value.envelope, chainId: 'another-chain', tx: forgedOpened.value.tx },
      DEFAULT_DISPLAY,
    );
    const elsewhereOpened = elsewhere.ok ? parseEnvelope(JSON.stringify(elsewhere.value), DEFAULT_DISPLAY) : elsewhere;
    if (!elsewhereOpened.ok) throw new Error(elsewhereOpened.reason);
    const foreign = signEnvelope(elsewhereOpened.value, other.accountSecretKey, other.accountPublicKey);
    if (!foreign.ok) throw new Error(foreign.reason);
    expect(await failure(onlineRegistry, 'offline.importFile', { text: JSON.stringify(foreign.value) })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/signed for network "another-chain"/),
    });
    expect(bytesToHex(other.accountPublicKey)).not.toBe(bytesToHex(opened.value.tx.senderPublicKey));

    // A reply whose transaction can no longer be included: refused before it reaches a node.
    const stale = buildEnvelope(
      {
        ...opened.value.envelope,
        requestId: bytesToHex(randomBytes(16)),
        tx: { ...forgedOpened.value.tx, expiryHeight: 1n },
      },
      DEFAULT_DISPLAY,
    );
    const staleOpened = stale.ok ? parseEnvelope(JSON.stringify(stale.value), DEFAULT_DISPLAY) : stale;
    if (!staleOpened.ok) throw new Error(staleOpened.reason);
    const expired = signEnvelope(staleOpened.value, other.accountSecretKey, other.accountPublicKey);
    if (!expired.ok) throw new Error(expired.reason);
    expect(await failure(onlineRegistry, 'offline.importFile', { text: JSON.stringify(expired.value) })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/expired at height 1 and the chain is at height \d+/),
    });
  });
});
