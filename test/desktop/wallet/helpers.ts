import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MethodName } from '../../../shared/contract/channels.ts';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import type { ContractError } from '../../../shared/contract/result.ts';
import { EventHub, Registry } from '../../../electron/services/registry.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { runningNetwork } from '../../../electron/services/network/access.ts';
import type { VaultService } from '../../../electron/services/vault/service.ts';
import { createWalletService } from '../../../electron/services/wallet/service.ts';
import type { WalletService } from '../../../electron/services/wallet/types.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { eventually, lightConfig } from '../light/helpers.ts';
import { TamperProxy } from '../light/tamper-proxy.ts';
import { realKeychain, testVaultService } from '../vault/helpers.ts';
import { unusedHandlers } from '../../helpers/unused-handlers.ts';

/** A real devnet, a light node following it, a real vault on the real keychain, and the wallet, behind one contract registry. */
export interface WalletWorld {
  net: TestNet;
  /** The light node's only endpoint: honest in front of node 0 until told to rewrite answers. */
  proxy: TamperProxy;
  light: LightNode;
  hub: EventHub;
  vault: VaultService;
  wallet: WalletService;
  registry: Registry;
  dataDir: string;
  /** A new wallet service over the same data folder (the old one is closed). */
  reopenWallet(): WalletService;
  close(): Promise<void>;
}

export async function startWalletWorld(): Promise<WalletWorld> {
  const net = await startTestNet(4, { blockIntervalMs: 400 });
  const proxy = await TamperProxy.start(net.nodes[0]!.rpc.url);
  const light = LightNode.start(lightConfig(net, [proxy.url]));
  await eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 0n);
  const dataDir = mkdtempSync(join(tmpdir(), 'consortia-wallet-'));
  const hub = new EventHub();
  const vault = testVaultService(dataDir, net.devnet.doc.addressPrefix, hub);
  const network = runningNetwork(light, net.devnet.doc);
  const world: WalletWorld = {
    net,
    proxy,
    light,
    hub,
    vault,
    dataDir,
    wallet: createWalletService({ dataDir, vault, network, hub }),
    registry: undefined as unknown as Registry,
    reopenWallet() {
      void world.wallet.close();
      world.wallet = createWalletService({ dataDir, vault, network, hub });
      world.registry = new Registry({ ...unusedHandlers, ...vault.handlers, ...world.wallet.handlers });
      return world.wallet;
    },
    async close() {
      await world.wallet.close();
      const vaultId = vault.rawStatus().vaultId;
      vault.close();
      if (vaultId) realKeychain.delete(`vault-${vaultId}`);
      await light.close();
      await proxy.close();
      await net.stop();
    },
  };
  world.registry = new Registry({ ...unusedHandlers, ...vault.handlers, ...world.wallet.handlers });
  return world;
}

/** Calls a channel through the contract and returns its value, or throws with the error it gave. */
export async function value<M extends MethodName>(
  world: WalletWorld,
  method: M,
  input: unknown,
): Promise<MethodOutput<M>> {
  const result = await world.registry.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** Calls a channel that must fail, and returns its error. */
export async function failure(world: WalletWorld, method: MethodName, input: unknown): Promise<ContractError> {
  const result = await world.registry.call(method, input);
  if (result.ok) throw new Error(`${method} should have failed, but answered ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Waits until the wallet has followed the transaction to final (its proof checked) and returns it. */
export async function followedToFinal(world: WalletWorld, txId: string): Promise<MethodOutput<'wallet.transaction'>> {
  let last: MethodOutput<'wallet.transaction'> | undefined;
  await eventually(`transaction ${txId.slice(0, 12)} to be final`, async () => {
    last = await value(world, 'wallet.transaction', { txId });
    if (last.state === 'rejected' || last.state === 'expired')
      throw new Error(`it ended ${last.state}: ${last.reason}`);
    return last.state === 'final';
  });
  return last!;
}
