import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import {
  buildEnvelope,
  DEFAULT_DISPLAY,
  parseReply,
  type OfflineEnvelope,
} from '../../../shared/core/offline/index.ts';
import type { Transaction } from '../../../shared/core/types/index.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/ipc.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { ScanSession, textToFrames } from '../../../electron/services/offline/codec.ts';
import { CHEAP_KDF, forgetKeychainEntries, PASSWORD, realKeychain } from '../vault/helpers.ts';
import { watchNetwork, type NetworkWatch } from './network-watch.ts';
import { readFrames } from './qr-images.ts';
import { channelError, channelValue } from '../../helpers/registry.ts';

const CHAIN_ID = 'consortia-devnet';
const PREFIX = 'cdev';

describe('the offline signer (--offline): vault only, no network', { timeout: 120_000 }, () => {
  let watch: NetworkWatch;
  let socketsBefore: string[];
  let services: Services;
  const socketsSeen: string[] = [];

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const value = await channelValue(services.registry, method, input);
    socketsSeen.push(...watch.openSockets());
    return value;
  }
  const failure = <M extends MethodName>(method: M, input: MethodInput<M>) =>
    channelError(services.registry, method, input);

  function request(senderPublicKey: Uint8Array, memo = 'rent'): OfflineEnvelope {
    const tx: Transaction = {
      senderPublicKey,
      nonce: 3n,
      fee: 1000n,
      expiryHeight: 900n,
      payload: { type: 'transfer', to: new Uint8Array(20).fill(7), amount: 2_500_000n, memo },
    };
    const built = buildEnvelope(
      { chainId: CHAIN_ID, addressPrefix: PREFIX, requestId: bytesToHex(new Uint8Array(16).fill(1)), tx },
      DEFAULT_DISPLAY,
    );
    if (!built.ok) throw new Error(built.reason);
    return built.value;
  }

  /** Shows the request as the online wallet would, reads each picture back and scans the parts. */
  async function scanPictures(text: string) {
    const frames = await textToFrames(text);
    let sessionId: string | undefined;
    for (const part of readFrames(frames)) {
      const step = await call('offline.scan', { part, ...(sessionId ? { sessionId } : {}) });
      sessionId = step.sessionId;
      if (step.done) return step;
    }
    throw new Error('the scan did not complete');
  }

  beforeAll(() => {
    socketsBefore = watchNetwork().openSockets();
    watch = watchNetwork();
    services = createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'consortia-offline-')),
      host: 'web',
      mode: 'offline',
      keychain: realKeychain,
      vaultKdf: CHEAP_KDF,
      heartbeatMs: 60_000,
    });
  });

  afterAll(async () => {
    await services?.close();
    watch?.stop();
    forgetKeychainEntries();
  });

  it('scans a request from QR pictures, shows it in plain words from its bytes, and signs it with the vault key', async () => {
    expect(await call('app.info', {})).toMatchObject({ mode: 'offline' });
    await call('vault.create', { password: PASSWORD });
    const { account } = await call('vault.createMnemonic', { label: 'cold' });
    const envelope = request(hexToBytes(account.publicKey!));

    const scanned = await scanPictures(JSON.stringify(envelope));
    expect(scanned).toMatchObject({ done: true, kind: 'request', chainId: CHAIN_ID, from: account.address });
    expect(scanned.done && scanned.summary).toEqual([
      { label: 'Network', value: `'${CHAIN_ID}'` },
      { label: 'From', value: account.address },
      {
        label: 'Action',
        value: expect.stringMatching(/^Send 2\.5 CNS \(2500000 base units\) to cdev1\w+ with memo 'rent'$/),
      },
      { label: 'Fee', value: '0.001 CNS (1000 base units)' },
      { label: 'Validity', value: 'Nonce 3, valid until height 900' },
    ]);
    if (!scanned.done) throw new Error('unreachable');

    const reply = await call('offline.sign', { envelopeId: scanned.envelopeId });
    expect(reply).toMatchObject({ kind: 'reply', id: envelope.requestId, summary: scanned.summary });
    const session = new ScanSession();
    const text = readFrames(reply.frames)
      .map((part) => session.receive(part))
      .find((step) => step.done);
    expect(text?.done).toBe(true);
    const checked = parseReply(text!.done ? text!.text : '', envelope);
    expect(checked.ok).toBe(true);
    expect(parseReply(reply.fileText, envelope).ok).toBe(true);
  });

  it('refuses what belongs to the online wallet, saying which window to use', async () => {
    const create = await failure('offline.createRequest', { accountId: 'any', intent: { type: 'withdraw' } });
    expect(create).toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/make it in the online wallet/) });
    const broadcast = await failure('offline.broadcast', { envelopeId: 'any' });
    expect(broadcast).toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/broadcast it there/) });
    const signedElsewhere = { version: 1, chainId: CHAIN_ID, requestId: 'ab'.repeat(16), signedTransaction: '00' };
    const replyHere = await failure('offline.importFile', { text: JSON.stringify(signedElsewhere) });
    expect(replyHere).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/broadcast it from the online wallet/),
    });
  });

  it('refuses a request whose written summary was altered, one for a key it does not hold, and signing while locked', async () => {
    const { accounts } = await call('vault.status', {});
    const envelope = request(hexToBytes(accounts[0]!.publicKey!));
    const altered = { ...envelope, summary: envelope.summary.map((line) => line.replace('2.5 CNS', '0.1 CNS')) };
    expect(await failure('offline.importFile', { text: JSON.stringify(altered) })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/changed after it was made/),
    });

    const stranger = await call('offline.importFile', {
      text: JSON.stringify(request(publicKeyFromSecret(new Uint8Array(32).fill(8)))),
    });
    if (!stranger.done) throw new Error('an imported file is complete at once');
    expect(await failure('offline.sign', { envelopeId: stranger.envelopeId })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/holds no key for cdev1\w+, the sender/),
    });

    const mine = await call('offline.importFile', { text: `${JSON.stringify(envelope, null, 2)}\n` });
    if (!mine.done) throw new Error('an imported file is complete at once');
    await call('vault.lock', {});
    expect(await failure('offline.sign', { envelopeId: mine.envelopeId })).toMatchObject({ code: 'LOCKED' });
    await call('vault.unlock', { password: PASSWORD });
    expect(await call('offline.sign', { envelopeId: mine.envelopeId })).toMatchObject({ kind: 'reply' });
  });

  it('opened no network connection and listened on no port at any point', () => {
    expect(watch.calls).toEqual([]);
    // Compared with what the test process held before the services started (normally nothing).
    const opened = (sockets: string[]) => sockets.filter((socket) => !socketsBefore.includes(socket));
    expect(opened(socketsSeen)).toEqual([]);
    expect(opened(watch.openSockets())).toEqual([]);
  });
});
