import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import Database from 'better-sqlite3';
import { DEVNET_BALANCE } from '../../../shared/core/genesis/index.ts';
import { parametersKey } from '../../../shared/core/state/keys.ts';
import { chainParametersCodec } from '../../../shared/core/types/index.ts';
import {
  LightNode,
  LightNodeError,
  type LightNodeConfig,
  type SyncPhase,
} from '../../../electron/services/light/index.ts';
import { startTestNet, waitFor, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { final, submit } from '../../chain/net/tx-helpers.ts';
import { SLOW, addressOf, clockJustAfter, eventually, lightConfig } from './helpers.ts';
import { TamperProxy } from './tamper-proxy.ts';

describe('the light node on a real 4-producer devnet', { timeout: 120_000 }, () => {
  let net: TestNet;
  let proxy: TamperProxy; // honest: it records requests and can drop connections
  let config: LightNodeConfig;
  let light: LightNode | undefined;

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300 });
    proxy = await TamperProxy.start(net.nodes[0]!.rpc.url);
    config = lightConfig(net, [proxy.url]);
    // Rounds are 4 blocks: by height 10 rounds 0 and 1 have handed off.
    await waitFor(() => net.nodes[0]!.chain.height() >= 10n, 60_000, 'the devnet to pass two hand-offs');
  });

  afterAll(async () => {
    await light?.close();
    await proxy?.close();
    await net?.stop();
  });

  it('syncs from genesis across every hand-off when the genesis set may have unbonded, then follows the head', async () => {
    light = LightNode.open({ ...config, clock: { now: () => Date.now() + 86_400_000 } }); // a day on: no skipping
    expect(light.status()).toMatchObject({ verifiedHeight: 0n, syncing: true, chainId: net.devnet.doc.chainId });
    const phases = new Set<SyncPhase>();
    const heads: bigint[] = [];
    light.on('progress', (p) => phases.add(p.phase));
    light.on('head', (h) => heads.push(h.height));
    light.start();

    await eventually('the first sync', () => !light!.status().syncing);
    expect(light.status().verifiedRound).toBeGreaterThanOrEqual(2n);
    expect(phases).toEqual(new Set(['handOffs', 'head', 'synced']));
    const handOffRequests = proxy.requests.filter((r) => r.method === 'chain.handOffs');
    expect(handOffRequests[0]?.params.fromRound).toBe('0');

    const synced = light.status().verifiedHeight;
    await eventually('three more verified heads', () => light!.status().verifiedHeight >= synced + 3n);
    expect(heads.at(-1)).toBeGreaterThanOrEqual(synced + 3n);
    const { verifiedHeight, verifiedHash, endpoints, activeEndpoint } = light.status();
    expect(verifiedHash).toBe(bytesToHex(net.nodes[0]!.chain.headerHashAt(verifiedHeight)!));
    expect(activeEndpoint).toBe(proxy.url);
    expect(endpoints).toEqual([expect.objectContaining({ url: proxy.url, trusted: true })]);
    expect(endpoints[0]!.lastSeenHeight).toBeGreaterThanOrEqual(synced);
  });

  it('shows the verified balance of an account, and the new balance after a transfer', async () => {
    const [payer, payee] = net.devnet.memberKeys as [
      (typeof net.devnet.memberKeys)[0],
      (typeof net.devnet.memberKeys)[0],
    ];
    const address = addressOf(net, payee.address);
    const before = await light!.account(address);
    expect(before.value?.balance).toBe(DEVNET_BALANCE);
    expect(before.height).toBeGreaterThan(0n);

    const amount = 12_345n;
    const id = await submit(net.nodes[0]!, payer.accountSecretKey, {
      type: 'transfer',
      to: payee.address,
      amount,
      memo: 'light',
    });
    const status = await final(net.nodes[0]!, id, SLOW);
    await eventually(
      'the light node to show the new balance',
      async () => (await light!.account(address)).value?.balance === DEVNET_BALANCE + amount,
    );
    const payerAfter = await light!.account(addressOf(net, payer.address));
    expect(payerAfter.value?.balance).toBe(DEVNET_BALANCE - amount - 1000n); // the helper's fee
    expect(payerAfter.value?.nonce).toBe(1n);

    await expect(light!.transactionStatus(id)).resolves.toEqual({
      status: 'final',
      height: BigInt(status.height),
      blockHash: status.blockHash,
      index: status.index,
    });
    const producer = await light!.candidate(addressOf(net, net.devnet.producerKeys[0]!.address));
    expect(producer.value).toMatchObject({ name: 'producer-0', status: 'active' });
    const parameters = await light!.record(parametersKey(), chainParametersCodec);
    expect(parameters.value?.blockIntervalMs).toBe(300);
    const stranger = await light!.account(addressOf(net, new Uint8Array(20).fill(9)));
    expect(stranger.value).toBeNull(); // proven absent, not merely missing from an answer
    await expect(light!.account('cdev1notanaddress')).rejects.toThrow(/is not an address on this network/);
  });

  it('reconnects and keeps following when its connection drops', async () => {
    const before = light!.status().verifiedHeight;
    proxy.dropConnections();
    await eventually('following to resume after the drop', () => light!.status().verifiedHeight >= before + 4n);
    expect(light!.status().endpoints[0]!.trusted).toBe(true);
  });

  it('resumes from the stored trusted header after a restart, without syncing from genesis again', async () => {
    const last = net.nodes[0]!.chain.header(light!.status().verifiedHeight)!;
    await light!.close();
    const stored = LightNode.open({ ...config, clock: clockJustAfter(last.timestamp) });
    const { verifiedHeight, verifiedRound } = stored.status();
    expect(verifiedHeight).toBeGreaterThan(10n); // before any network traffic
    proxy.requests.length = 0;
    light = stored;
    light.start();
    await eventually(
      'the restarted node to verify newer heads',
      () => light!.status().verifiedHeight > verifiedHeight + 2n,
    );
    const fromRounds = proxy.requests
      .filter((r) => r.method === 'chain.handOffs')
      .map((r) => BigInt(r.params.fromRound));
    expect(fromRounds.every((round) => round >= verifiedRound)).toBe(true);
  });

  it('refuses a stored trusted header older than the unbonding period, unless told to start over', async () => {
    await light!.close();
    light = undefined;
    const anHourLater = { now: () => Date.now() + 3_600_000 };
    expect(() => LightNode.open({ ...config, clock: anHourLater })).toThrow(LightNodeError);
    expect(() => LightNode.open({ ...config, clock: anHourLater })).toThrow(
      /can no longer be trusted: checkpoint is 1 hour old; the unbonding period is 6 seconds/,
    );

    const fresh = LightNode.open({ ...config, clock: anHourLater, whenStoredTrustIsStale: 'start-over' });
    expect(fresh.status().verifiedHeight).toBe(0n); // back to the genesis document
    await fresh.close();
  });

  it('never starts a damaged data file over, even when told to start stale trust over', async () => {
    // The file trusts the genesis document again (the test above); its trusted set is now made unreadable.
    const db = new Database(config.dataFile);
    db.prepare('UPDATE trust SET validator_set = ?').run(Buffer.from([0xff]));
    db.close();
    const open = () => LightNode.open({ ...config, whenStoredTrustIsStale: 'start-over' });
    expect(open).toThrow(/^The light node's data file .+ is damaged: the stored trusted validator set does not decode/);
    expect(open).toThrow(LightNodeError); // still damaged: nothing was forgotten or written over
  });

  it('skips over rounds that re-elected its set while that set is still bonded, and learns a skipped round when asked', async () => {
    await waitFor(() => net.nodes[0]!.chain.height() >= 24n, 60_000, 'the devnet to reach round 5');
    const watcher = await TamperProxy.start(net.nodes[0]!.rpc.url);
    // Frozen a second after genesis: the genesis set stays bonded for the whole test (the unbonding period is 6 s).
    const justAfterGenesis = { now: () => Number(net.devnet.doc.genesisTime) + 1_000 };
    const skipping = LightNode.open(lightConfig(net, [watcher.url], { clock: justAfterGenesis }));
    try {
      skipping.start();
      await eventually('the skipping sync', () => !skipping.status().syncing && skipping.status().verifiedHeight > 0n);
      expect(skipping.status().verifiedRound).toBeGreaterThanOrEqual(5n);
      // The devnet's set changes once, at the end of round 1 (genesis order → election order): that
      // hand-off is followed, found in one list; the re-elections after it are skipped over.
      const lists = watcher.requests.filter((r) => r.method === 'chain.handOffs');
      expect(lists.length).toBeLessThanOrEqual(2);
      const sent = watcher.requests.length;
      const changed = await skipping.handOff(1n);
      expect(changed?.nextValidatorSet).toEqual(await skipping.setOfRound(2n));
      expect(changed?.nextValidatorSet).not.toEqual(await skipping.setOfRound(1n));
      expect(watcher.requests.length).toBe(sent); // known already

      // A header of a round skipped over (round 3, heights 13–16): the hand-off before it is learned first.
      const inRoundThree = await skipping.header(14n);
      expect(inRoundThree.header.dposRound).toBe(3n);
      expect(inRoundThree.hash).toBe(bytesToHex(net.nodes[0]!.chain.headerHashAt(14n)!));
      expect(watcher.requests.slice(sent).some((r) => r.method === 'chain.handOffs')).toBe(true);
      const endOfRoundTwo = await skipping.handOff(2n);
      expect(endOfRoundTwo?.height).toBe(12n);
      expect((await skipping.header(13n)).header.dposRound).toBe(3n);
      expect(await skipping.handOff(skipping.status().verifiedRound)).toBeUndefined(); // not ended yet
    } finally {
      await skipping.close();
      await watcher.close();
    }
  });
});
