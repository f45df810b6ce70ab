/**
 * Complete listings over a real devnet: the open proposals and the live candidates an endpoint lists
 * are checked against their proven index records (0x0b, 0x08). An endpoint that hides an open
 * proposal loses trust with the reason, and the honest endpoint's complete listing is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devnetGenesis } from '../../../shared/core/genesis/index.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { provenCandidates, provenProposals } from '../../../electron/services/network/listings.ts';
import { startTestNet, waitFor, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { final, submit } from '../../chain/net/tx-helpers.ts';
import { eventually, lightConfig, SLOW } from './helpers.ts';
import { TamperProxy } from './tamper-proxy.ts';

describe('listings checked complete against proven index records', { timeout: 180_000 }, () => {
  let net: TestNet;
  const opened: { close(): Promise<void> }[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    const devnet = devnetGenesis({
      producers: 4,
      seed: new Uint8Array([9]),
      genesisTime: BigInt(Date.now()),
      parameters: { blockIntervalMs: 300, proposalPeriodBlocks: 100_000n },
    });
    net = await startTestNet(4, { devnet });
    await waitFor(() => net.nodes[0]!.chain.height() >= 2n, 60_000, 'the devnet to produce blocks');
    for (const [i, value] of [2000n, 3000n].entries()) {
      const id = await submit(net.nodes[0]!, net.devnet.producerKeys[i]!.accountSecretKey, {
        type: 'member.propose',
        action: { type: 'changeParameter', name: 'minFee', value },
      });
      await final(net.nodes[0]!, id, SLOW);
      ids.push(id);
    }
  });

  afterAll(async () => {
    for (const thing of opened.reverse()) await thing.close();
    await net?.stop();
  });

  async function start(endpoints: (proxy: string) => string[], hide: (result: any[]) => any[]) {
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    opened.push(proxy);
    proxy.rewrite('gov.proposals', hide);
    proxy.rewrite('pos.candidates', hide);
    const light = LightNode.open(lightConfig(net, endpoints(proxy.url)));
    opened.push(light);
    light.start();
    await eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 0n);
    return { proxy, light };
  }

  const prefix = () => net.devnet.doc.addressPrefix;

  it('an honest listing is accepted: both open proposals, and the four live candidates', async () => {
    const { light } = await start(
      (p) => [p],
      (result) => result,
    );
    const open = await provenProposals(light, prefix(), false);
    expect(open.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(open.every((p) => p.status === 'open')).toBe(true);
    expect(await provenCandidates(light, prefix())).toHaveLength(4);
  });

  it('a listing with one open proposal hidden is refused; the endpoint is untrusted and the honest one lists both', async () => {
    const { proxy, light } = await start(
      (p) => [p, net.nodes[0]!.rpc.url],
      (result) => result.slice(1),
    );
    const open = await provenProposals(light, prefix(), false);
    expect(open.map((p) => p.id).sort()).toEqual([...ids].sort());
    const lied = light.status().endpoints.find((e) => e.url === proxy.url)!;
    expect(lied).toMatchObject({ trusted: false, lie: 'hiddenEntry' });
    expect(lied.reason).toMatch(
      /^Its answer to gov\.proposals failed verification: the listing of open proposals leaves out one entry the proven list holds \([0-9a-f]{8}…\)\.$/,
    );
  });

  it('a listing with one live candidate hidden is refused, with no honest endpoint left: the read fails as "unverified"', async () => {
    const { proxy, light } = await start(
      (p) => [p],
      (result) => result.slice(1),
    );
    await expect(provenCandidates(light, prefix())).rejects.toMatchObject({
      failure: 'unverified',
      message: expect.stringMatching(/the listing of live candidates leaves out one entry/),
    });
    expect(light.status().endpoints.find((e) => e.url === proxy.url)).toMatchObject({
      trusted: false,
      lie: 'hiddenEntry',
    });
  });
});
