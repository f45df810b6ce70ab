// The embedded devnet as the desktop runs it: four producers in a worker thread in a temporary data folder,
// its funded account imported into a real vault (real gnome-keyring) once, and the same chain resumed after a restart.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DEVNET_BALANCE, genesisHash } from '../../../shared/core/genesis/index.ts';
import type { RpcMethodName, RpcParams } from '../../../shared/contract/rpc.ts';
import { httpRpcClient } from '../../../shared/node/rpc-client.ts';
import { EventHub } from '../../../electron/services/registry.ts';
import type { VaultService } from '../../../electron/services/vault/service.ts';
import { createDevnetService } from '../../../electron/services/devnet/service.ts';
import { DEVNET_ACCOUNT_LABEL, importedInto } from '../../../electron/services/devnet/account.ts';
import type { DevnetService } from '../../../electron/services/devnet/types.ts';
import { PASSWORD, realKeychain, testVaultService } from '../vault/helpers.ts';
import { eventually, SLOW } from '../light/helpers.ts';

type Params = { [M in RpcMethodName]: RpcParams<M> };
const rpc = (url: string) => httpRpcClient<Params>(url, { timeoutMs: 30_000 });
const chainInfo = async (url: string) =>
  (await rpc(url).call('chain.info', {})) as { height: string; genesisHash: string; chainId: string };

const dataDir = mkdtempSync(join(tmpdir(), 'consortia-desktop-devnet-'));
const dir = join(dataDir, 'devnet');
const services: DevnetService[] = [];
const vaultIds: string[] = [];
let vault: VaultService | null = null;

afterAll(async () => {
  vault?.close();
  for (const id of vaultIds) realKeychain.delete(`vault-${id}`);
  await Promise.all(services.map((s) => s.close()));
}, SLOW);

function startService(): DevnetService {
  const service = createDevnetService({ dir, logLevel: 'warn' });
  services.push(service);
  return service;
}

describe('embedded devnet service', () => {
  let firstHash = '';
  let stoppedAt = 0;

  it(
    'runs four producers whose RPC answers and whose height advances, and shows them in devnet.status',
    { timeout: 2 * SLOW },
    async () => {
      const devnet = startService();
      const { genesis, rpcUrls } = await devnet.start();
      firstHash = bytesToHex(genesisHash(genesis));
      expect(rpcUrls).toHaveLength(4);
      const status = await devnet.handlers['devnet.status']({});
      expect(status).toMatchObject({
        enabled: true,
        running: true,
        dir,
        chainId: genesis.chainId,
        account: { label: DEVNET_ACCOUNT_LABEL },
      });
      expect(status.nodes).toEqual(rpcUrls.map((rpcUrl, index) => ({ index, rpcUrl, running: true })));
      // Loopback ports the system picked, none where `consortia devnet` listens by default (26656 and up).
      const ports = [...rpcUrls, ...genesis.candidates.map((c) => c.endpoint)].map((url) => new URL(url));
      for (const url of ports) expect(url.hostname).toBe('127.0.0.1');
      for (const url of ports) expect(Number(url.port) >= 26656 && Number(url.port) < 26656 + 16).toBe(false);
      expect(statSync(join(dir, 'wallet-account.json')).mode & 0o777).toBe(0o600);

      const before = await Promise.all(rpcUrls.map(chainInfo));
      for (const info of before) expect(info.genesisHash).toBe(firstHash);
      await eventually('every node two blocks further', async () => {
        const now = await Promise.all(rpcUrls.map(chainInfo));
        return now.every((info, i) => BigInt(info.height) >= BigInt(before[i]!.height) + 2n);
      });
    },
  );

  it(
    'imports the funded account into the vault on unlock, labelled as devnet money, exactly once',
    { timeout: 2 * SLOW },
    async () => {
      const devnet = services[0]!;
      const hub = new EventHub();
      const events: { reason: string }[] = [];
      hub.listen((event, payload) => event === 'vault.changed' && events.push(payload as { reason: string }));
      const { genesis, rpcUrls } = await devnet.start();
      vault = testVaultService(dataDir, genesis.addressPrefix, hub);
      devnet.attachVault(vault);
      const handlers = vault.handlers;
      const created = await handlers['vault.create']({ password: PASSWORD });
      const vaultId = vault.rawStatus().vaultId!;
      vaultIds.push(vaultId);
      expect(created.locked).toBe(false);

      const { account } = await devnet.handlers['devnet.status']({});
      await eventually('the devnet account in the vault', () =>
        vault!.status().accounts.some((a) => a.address === account!.address),
      );
      const labelled = () => vault!.status().mnemonics.filter((m) => m.label === DEVNET_ACCOUNT_LABEL);
      expect(labelled()).toHaveLength(1);
      // The account itself carries the label too, so pickers never show two "Account 1".
      expect(vault!.status().accounts.find((a) => a.address === account!.address)?.label).toBe(DEVNET_ACCOUNT_LABEL);
      expect(events.some((e) => e.reason === 'changed')).toBe(true);
      expect(importedInto(dir)).toEqual([vaultId]);

      // Locked and unlocked again: the marker holds, nothing is imported a second time.
      await handlers['vault.lock']({});
      const changesBefore = events.filter((e) => e.reason === 'changed').length;
      await handlers['vault.unlock']({ password: PASSWORD });
      await new Promise((resolve) => setImmediate(resolve)); // the import runs on the tick after the unlock
      expect(labelled()).toHaveLength(1);
      expect(vault.status().accounts.filter((a) => a.address === account!.address)).toHaveLength(1);
      expect(events.filter((e) => e.reason === 'changed').length).toBe(changesBefore);

      const onChain = (await rpc(rpcUrls[2]!).call('state.account', { address: account!.address })) as {
        decoded: { balance: string; staked: string };
      };
      expect(BigInt(onChain.decoded.balance)).toBe(DEVNET_BALANCE);
      expect(BigInt(onChain.decoded.staked)).toBe(0n);
    },
  );

  it('stops on close and resumes the same chain on the next start', { timeout: 3 * SLOW }, async () => {
    const first = services[0]!;
    const urls = (await first.handlers['devnet.status']({})).nodes.map((n) => n.rpcUrl);
    stoppedAt = Math.max(...(await Promise.all(urls.map(chainInfo))).map((i) => Number(i.height)));
    await first.close();
    expect(await first.handlers['devnet.status']({})).toMatchObject({ running: false });
    await expect(chainInfo(urls[0]!)).rejects.toThrow();

    const second = startService();
    const { genesis, rpcUrls } = await second.start();
    expect(bytesToHex(genesisHash(genesis))).toBe(firstHash);
    expect(rpcUrls).toHaveLength(4); // the remembered ports, unless another program took one meanwhile
    const resumed = await chainInfo(rpcUrls[0]!);
    expect(resumed.genesisHash).toBe(firstHash);
    expect(Number(resumed.height)).toBeGreaterThanOrEqual(stoppedAt);
    await eventually(
      'a block beyond the first run',
      async () => Number((await chainInfo(rpcUrls[1]!)).height) > stoppedAt + 1,
    );
  });

  it(
    'reports a folder it cannot use as a devnet, in the error and in devnet.status, and touches nothing there',
    { timeout: SLOW },
    async () => {
      const occupied = join(mkdtempSync(join(tmpdir(), 'consortia-desktop-devnet-')), 'devnet');
      mkdirSync(occupied);
      writeFileSync(join(occupied, 'notes.txt'), 'mine');
      const devnet = createDevnetService({ dir: occupied });
      services.push(devnet);
      await expect(devnet.start()).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/is not empty but holds no devnet/),
      });
      const status = await devnet.handlers['devnet.status']({});
      expect(status).toMatchObject({
        enabled: true,
        running: false,
        nodes: [],
        problem: expect.stringMatching(/^The embedded devnet could not start: .*is not empty/),
      });
      expect(readdirSync(occupied)).toEqual(['notes.txt']);
    },
  );
});
