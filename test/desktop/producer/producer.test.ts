import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, type EventPayload } from '../../../shared/contract/ipc.ts';
import { EventHub, Registry } from '../../../electron/services/registry.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { runningNetwork } from '../../../electron/services/network/access.ts';
import { unwrap } from '../../../electron/services/errors.ts';
import type { VaultService } from '../../../electron/services/vault/service.ts';
import { createProducerService, type ProducerService } from '../../../electron/services/producer/service.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { restartProducer, unjailWithVault } from './helpers.ts';
import { TamperProxy } from '../light/tamper-proxy.ts';
import { forkHeader } from '../light/tampering.ts';
import { addressOf, eventually, lightConfig } from '../light/helpers.ts';
import { CHEAP_KDF, PASSWORD, realKeychain, testVaultService } from '../vault/helpers.ts';
import { unusedHandlers } from '../../helpers/unused-handlers.ts';

type Alert = EventPayload<'producer.alert'>;

describe('producer console on a real 4-producer devnet', { timeout: 400_000 }, () => {
  let net: TestNet;
  let light: LightNode;
  let vault: VaultService;
  let producer: ProducerService | undefined;
  let registry: Registry;
  let address: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'consortia-producer-'));
  const hub = new EventHub();
  const pushed: Alert[] = [];
  const notified: Alert[] = [];
  hub.listen((event, payload) => {
    if (event === 'producer.alert') pushed.push(payload as Alert);
  });

  const start = () => {
    producer = createProducerService({
      vault,
      network: runningNetwork(light, net.devnet.doc),
      hub,
      dataDir,
      notify: (alert) => notified.push(alert),
    });
    registry = new Registry({ ...unusedHandlers, ...producer.handlers });
  };
  const overview = async () => {
    const result = await registry.typedCall('producer.overview', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const alertsOf = (kind: Alert['kind']) => pushed.filter((a) => a.kind === kind && a.address === address);

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 400 });
    // Producer 0's node is not among the light node's endpoints: the test stops it.
    light = LightNode.start(
      lightConfig(
        net,
        net.nodes.slice(1).map((n) => n.rpc.url),
      ),
    );
    await eventually('the light node to sync', () => !light.status().syncing);
    vault = testVaultService(dataDir, net.devnet.doc.addressPrefix, hub);
    const created = await vault.vault.create({ password: PASSWORD, kdf: CHEAP_KDF });
    if (!created.ok) throw new Error(created.error.message);
    const key = Buffer.from(net.devnet.producerKeys[0]!.accountSecretKey).toString('hex');
    const account = unwrap(vault.vault.importAccountKey(key, { label: 'Producer 0' }));
    address = addressOf(net, net.devnet.producerKeys[0]!.address);
    expect(account).toMatchObject({ kind: 'imported', address });
    start();
  });

  afterAll(async () => {
    await producer?.close();
    await light?.close();
    await net?.stop();
    const vaultId = vault?.rawStatus().vaultId;
    vault?.close();
    if (vaultId) realKeychain.delete(`vault-${vaultId}`);
  });

  it('shows the owned candidate with its rank, share, set membership and produced blocks per round', async () => {
    await eventually('ten rounds of history with produced blocks', async () => {
      const [view] = await overview();
      return view !== undefined && view.rounds.length >= 10 && view.rounds.some((r) => r.produced > 0);
    });
    const [view] = await overview();
    expect(view).toMatchObject({ address, name: expect.any(String), status: 'active', inSet: true, share: 0.25 });
    expect(view!.accountId).toBe(vault.status().accounts[0]!.id);
    expect(view!.rank).toBeGreaterThanOrEqual(1);
    expect(view!.rank).toBeLessThanOrEqual(4);
    expect(BigInt(view!.producedBlocks)).toBeGreaterThan(0n);
    // Its slot in the current round is still to come for part of each round: then its expected time is shown.
    let nextTurnAt: number | undefined;
    await eventually(
      'an expected time of its next turn',
      async () => (nextTurnAt = (await overview())[0]?.nextTurnAt) !== undefined,
    );
    expect(nextTurnAt).toBeGreaterThan(Number(net.devnet.doc.genesisTime));
    const rounds = view!.rounds.map((r) => r.round);
    expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
  });

  it('raises missed, behind, jailed and droppedOut alerts when the producer node stops, once each, through the hub and the notifier', async () => {
    await net.nodes[0]!.stop();
    await eventually('a missed-slot alert', () => alertsOf('missed').length > 0);
    await eventually('a jailed alert', () => alertsOf('jailed').length > 0);
    await eventually('a dropped-out alert', () => alertsOf('droppedOut').length > 0);

    for (const alert of pushed) expect(events['producer.alert'].safeParse(alert).success).toBe(true);
    expect(alertsOf('behind').filter((a) => /missed \d+ turns in a row/.test(a.message))).toHaveLength(1);
    expect(alertsOf('jailed')).toHaveLength(1);
    const missedHeights = alertsOf('missed').map((a) => a.height);
    expect(new Set(missedHeights).size).toBe(missedHeights.length); // one alert per missed slot
    expect(notified.map((a) => a.id)).toEqual(pushed.map((a) => a.id));
    expect(alertsOf('jailed')[0]!.message).toMatch(/jailed.*unjail from block \d+/);

    const [view] = await overview();
    expect(view).toMatchObject({ status: 'jailed', rank: null, jailedUntil: expect.any(Number) });
    expect(view!.rounds.some((r) => r.missed > 0)).toBe(true);
  });

  it('lists the alerts after the service restarts, from its file', async () => {
    const listed = await registry.typedCall('producer.alerts', {});
    expect(listed.ok).toBe(true);
    const before = listed.ok ? listed.value.map((a) => a.id) : [];
    expect(before).toEqual(expect.arrayContaining(pushed.map((a) => a.id)));

    await producer!.close();
    start();
    const again = await registry.typedCall('producer.alerts', { limit: 1000 });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.map((a) => a.id)).toEqual(expect.arrayContaining(before));
    expect(again.value.find((a) => a.kind === 'jailed')).toMatchObject({ address, name: alertsOf('jailed')[0]!.name });
  });

  it('says the producer recovered once it is restarted, unjailed (signed by its vault key) and produces again', async () => {
    net.nodes[0] = await restartProducer(net, 0);
    const accountId = vault.status().accounts[0]!.id;
    const jailedUntil = BigInt((await overview())[0]!.jailedUntil!);
    await eventually('the jail period to end', () => light.verifiedHead().height >= jailedUntil);
    await unjailWithVault(light, vault, accountId, net.devnet.doc.chainId);
    // A producer may also miss its first slots while the devnet starts; only a recovery after the jail counts here.
    const recovery = () => alertsOf('recovered').find((a) => a.height! > jailedUntil);
    await eventually('a recovered alert', () => recovery() !== undefined).catch(async (error: Error) => {
      throw new Error(`${error.message}; the console shows ${JSON.stringify(await overview())}`);
    });
    expect(recovery()!.message).toMatch(/produced block \d+ again after (missing \d+ of its slots|being jailed)/);
    expect(notified.map((a) => a.id)).toContain(recovery()!.id);
    const [view] = await overview();
    expect(view).toMatchObject({ status: 'active', inSet: true });
  });

  it("warns that alerts may be late when the app's verified view stops while an endpoint announces newer blocks", async () => {
    // A second console whose only endpoint starts serving headers that do not verify: its view stalls.
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    const stalling = LightNode.start(lightConfig(net, [proxy.url]));
    const seen: Alert[] = [];
    const otherHub = new EventHub();
    otherHub.listen((event, payload) => void (event === 'producer.alert' && seen.push(payload as Alert)));
    const other = createProducerService({
      vault,
      network: runningNetwork(stalling, net.devnet.doc),
      hub: otherHub,
      dataDir: mkdtempSync(join(tmpdir(), 'consortia-producer-')),
    });
    try {
      await eventually('the second light node to sync', () => !stalling.status().syncing);
      const answered = await new Registry({ ...unusedHandlers, ...other.handlers }).typedCall('producer.overview', {});
      expect(answered.ok).toBe(true);
      proxy.rewrite('chain.header', forkHeader);
      const stalled = () =>
        seen.find(
          (a) =>
            a.kind === 'behind' &&
            /verified view of the chain is stuck at block \d+ while endpoints announce block \d+/.test(a.message),
        );
      await eventually('a behind alert about the stalled view', () => stalled() !== undefined);
      const alert = stalled()!;
      expect(alert.address).toBe(address);
      // Started after the producer's outage, this console does not replay it as news.
      expect(seen.filter((a) => a.kind === 'jailed' || a.kind === 'droppedOut')).toEqual([]);
      expect(alert.height).toBeLessThan(Number(light.verifiedHead().height));
    } finally {
      await other.close();
      await stalling.close();
      await proxy.close();
    }
  });
});
