import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import { EventHub, Registry } from '../../../electron/services/registry.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { runningNetwork } from '../../../electron/services/network/access.ts';
import { verifiedRound } from '../../../electron/services/network/round.ts';
import { unwrap } from '../../../electron/services/errors.ts';
import type { VaultService } from '../../../electron/services/vault/service.ts';
import { createProducerService, type ProducerService } from '../../../electron/services/producer/service.ts';
import { HISTORY_ROUNDS } from '../../../electron/services/producer/watch.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { final, submit } from '../../chain/net/tx-helpers.ts';
import { addressOf, eventually, lightConfig } from '../light/helpers.ts';
import { CHEAP_KDF, PASSWORD, realKeychain, testVaultService } from '../vault/helpers.ts';
import { unusedHandlers } from '../../helpers/unused-handlers.ts';

/**
 * Issue 13 item 6: a console opened on a chain that has run for a while shows the recent rounds at once,
 * read from verified data (not only those seen while it runs), and a candidate registered a few rounds
 * ago shows the rounds since its registration.
 */
describe('producer console history from the first call, on a real 4-producer devnet', { timeout: 300_000 }, () => {
  let net: TestNet;
  let light: LightNode;
  let vault: VaultService;
  let producer: ProducerService | undefined;
  let watching: ProducerService | undefined;
  let registeredAtHeight = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'consortia-producer-history-'));

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 500, seed: 13 });
    light = LightNode.start(
      lightConfig(
        net,
        net.nodes.map((n) => n.rpc.url),
      ),
    );
    vault = testVaultService(dataDir, net.devnet.doc.addressPrefix);
    const created = await vault.vault.create({ password: PASSWORD, kdf: CHEAP_KDF });
    if (!created.ok) throw new Error(created.error.message);
    unwrap(vault.vault.addWatchOnly(addressOf(net, net.devnet.producerKeys[0]!.address), { label: 'P0' }));
    unwrap(vault.vault.addWatchOnly(addressOf(net, net.devnet.memberKeys[0]!.address), { label: 'Late' }));
    await eventually(`round ${HISTORY_ROUNDS + 2}`, () => light.verifiedHead().round >= BigInt(HISTORY_ROUNDS + 2));
    // A console already open while the member registers (the person registers from it).
    watching = createProducerService({
      vault,
      network: runningNetwork(light, net.devnet.doc),
      hub: new EventHub(),
      dataDir: mkdtempSync(join(tmpdir(), 'consortia-producer-watching-')),
    });
    const before = await new Registry({ ...unusedHandlers, ...watching.handlers }).typedCall('producer.overview', {});
    if (!before.ok || before.value.some((v) => v.name === 'late-node')) throw new Error('not a clean start');
    // A member registers as a candidate (with no votes it stays outside the set).
    const member = net.devnet.memberKeys[0]!;
    const registration = await final(
      net.nodes[0]!,
      await submit(net.nodes[0]!, member.accountSecretKey, {
        type: 'candidate.register',
        name: 'late-node',
        consensusKey: publicKeyFromSecret(new Uint8Array(32).fill(9)),
        endpoint: 'http://203.0.113.7:26657',
      }),
    );
    registeredAtHeight = Number(registration.height);
    const registeredRound = light.verifiedHead().round;
    await eventually(
      'three more rounds',
      () => light.verifiedHead().round >= registeredRound + 3n && !light.status().syncing,
    );
  });

  afterAll(async () => {
    await producer?.close();
    await watching?.close();
    await light?.close();
    await net?.stop();
    const vaultId = vault?.rawStatus().vaultId;
    vault?.close();
    if (vaultId) realKeychain.delete(`vault-${vaultId}`);
  });

  it('answers its first overview with the last rounds, verified, and the late candidate’s rounds since it registered', async () => {
    producer = createProducerService({
      vault,
      network: runningNetwork(light, net.devnet.doc),
      hub: new EventHub(),
      dataDir,
    });
    const registry = new Registry({ ...unusedHandlers, ...producer.handlers });
    const first = await registry.typedCall('producer.overview', {});
    if (!first.ok) throw new Error(first.error.message);
    const producer0 = first.value.find((v) => v.address === addressOf(net, net.devnet.producerKeys[0]!.address))!;
    const late = first.value.find((v) => v.name === 'late-node')!;

    // The first answer already holds HISTORY_ROUNDS rounds, consecutive and ending at the verified head's round.
    const rounds = producer0.rounds.map((r) => r.round);
    expect(rounds).toHaveLength(HISTORY_ROUNDS);
    expect(rounds.at(-1)! - rounds[0]!).toBe(HISTORY_ROUNDS - 1);
    expect(rounds[0]).toBeGreaterThan(0); // older rounds than the window were dropped, not padded
    expect(producer0.registeredInRound).toBeUndefined(); // a genesis candidate
    // Every finished round of a 4-producer set with one block per turn gave producer 0 exactly one slot.
    const finished = producer0.rounds.slice(0, -1);
    expect(finished.every((r) => r.produced + r.missed === 1)).toBe(true);
    expect(finished.filter((r) => r.produced === 1).length).toBeGreaterThan(finished.length / 2);
    // The counts match the verified round views read independently.
    const sample = finished[3]!;
    const view = await verifiedRound(light, net.devnet.doc.addressPrefix, BigInt(sample.round));
    const own = view.slots.filter((s) => s.producer === producer0.address);
    expect(own.filter((s) => s.status === 'produced')).toHaveLength(sample.produced);

    // The late candidate: its rounds start at the round that holds its registration block.
    expect(late).toMatchObject({ inSet: false, status: 'active' });
    expect(late.registeredInRound).toBeDefined();
    const registered = await verifiedRound(light, net.devnet.doc.addressPrefix, BigInt(late.registeredInRound!));
    expect(registered.firstHeight).toBeLessThanOrEqual(registeredAtHeight);
    expect(registered.lastHeight).toBeGreaterThanOrEqual(registeredAtHeight);
    expect(late.rounds[0]!.round).toBe(late.registeredInRound);
    expect(late.rounds.at(-1)!.round).toBe(rounds.at(-1));
    expect(late.rounds.every((r) => r.produced === 0 && r.missed === 0)).toBe(true);
  });

  it('finds the registration round too when the console was already open as the account registered', async () => {
    const registry = new Registry({ ...unusedHandlers, ...watching!.handlers });
    let late: { registeredInRound?: number; rounds: { round: number }[] } | undefined;
    await eventually('the late candidate in the open console', async () => {
      const answer = await registry.typedCall('producer.overview', {});
      late = answer.ok ? answer.value.find((v) => v.name === 'late-node') : undefined;
      return late !== undefined;
    });
    expect(late!.registeredInRound).toBeDefined();
    const registered = await verifiedRound(light, net.devnet.doc.addressPrefix, BigInt(late!.registeredInRound!));
    expect(registered.firstHeight).toBeLessThanOrEqual(registeredAtHeight);
    expect(registered.lastHeight).toBeGreaterThanOrEqual(registeredAtHeight);
    expect(late!.rounds[0]!.round).toBe(late!.registeredInRound);
  });
});
