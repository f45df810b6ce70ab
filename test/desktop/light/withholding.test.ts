/**
 * Withholding: an endpoint that freezes chain.info and stops sending new heads tells no lie, so
 * nothing fails verification. With a second, honest endpoint it is marked behind and the light
 * node follows the one ahead; alone, the view stops advancing and its certified age grows past
 * the threshold. Also: after a caught lie, the endpoint shows the lie, not a connection problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LightNode } from '../../../electron/services/light/index.ts';
import { freshness } from '../../../electron/services/network/freshness.ts';
import { startTestNet, waitFor, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { eventually, lightConfig } from './helpers.ts';
import { TamperProxy } from './tamper-proxy.ts';
import { inflateBalance } from './tampering.ts';
import { addressOf } from './helpers.ts';

const BLOCK_MS = 300;

describe('an endpoint that withholds new heads', { timeout: 180_000 }, () => {
  let net: TestNet;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: BLOCK_MS });
    await waitFor(() => net.nodes[0]!.chain.height() >= 3n, 60_000, 'the devnet to produce blocks');
  });

  afterAll(async () => {
    for (const thing of opened.reverse()) await thing.close();
    await net?.stop();
  });

  async function withholdingProxy(): Promise<TamperProxy> {
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    opened.push(proxy);
    proxy.withhold();
    return proxy;
  }

  function start(endpoints: string[]): LightNode {
    const light = LightNode.open(
      lightConfig(net, endpoints, {
        timing: { requestTimeoutMs: 5_000, stallMs: 1_500, crossCheckMs: 300, retryMs: 1_000, surveyMs: 300 },
      }),
    );
    opened.push(light);
    light.start();
    return light;
  }

  it('with a second, honest endpoint: marks it behind, follows the honest one, and the view keeps advancing', async () => {
    const proxy = await withholdingProxy();
    const light = start([proxy.url, net.nodes[0]!.rpc.url]);
    await eventually(
      'the withholding endpoint to be marked behind',
      () => light.status().endpoints.find((e) => e.url === proxy.url)!.behind,
    );
    const status = light.status();
    const frozen = status.endpoints.find((e) => e.url === proxy.url)!;
    expect(frozen).toMatchObject({ trusted: true, behind: true }); // withholding is not a lie: it stays trusted
    expect(frozen.reason).toBeUndefined();
    expect(status.activeEndpoint).toBe(net.nodes[0]!.rpc.url);
    expect(status.verifiedHeight).toBeGreaterThan(frozen.announcedHeight + 2n);
    const before = status.verifiedHeight;
    await eventually('the view to keep advancing', () => light.status().verifiedHeight > before + 3n);
    const fresh = freshness({
      nowMs: Date.now(),
      verifiedTimeMs: Number(light.status().verifiedTime),
      blockIntervalMs: BLOCK_MS,
      staleAfterBlocks: 10_000,
      endpoints: light.status().endpoints,
    });
    expect(fresh.state).toBe('fresh');
  });

  it('alone: the view stops at the frozen head and turns stale past the threshold (cause: nothing newer arrives)', async () => {
    const proxy = await withholdingProxy();
    const light = start([proxy.url]);
    await eventually('the first sync', () => light.status().verifiedHeight > 0n && !light.status().syncing);
    const stuckAt = light.status().verifiedHeight;
    await waitFor(() => net.nodes[0]!.chain.height() > stuckAt + 12n, 60_000, 'the chain to move 12 blocks on');
    expect(light.status().verifiedHeight).toBe(stuckAt);
    const status = light.status();
    const judged = freshness({
      nowMs: Date.now(),
      verifiedTimeMs: Number(status.verifiedTime),
      blockIntervalMs: BLOCK_MS,
      staleAfterBlocks: 10,
      endpoints: status.endpoints,
    });
    expect(judged).toMatchObject({ state: 'stale', cause: 'behind' });
    expect(status.endpoints[0]).toMatchObject({ trusted: true, behind: false }); // nothing to compare it with: stale, not blamed
  });

  it('alone, but its own node says its peers are ahead: marked behind by its own word, with the peers’ height', async () => {
    // An honest node stuck at a height while its peers move on: chain.info keeps its height and reports the peers'.
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    opened.push(proxy);
    proxy.withhold(); // no new-head notifications; chain.info is frozen below, with the peers' height beside it
    let frozen: any;
    proxy.rewrite('chain.info', (result) => {
      frozen ??= result;
      return { ...frozen, peersHeight: result.height };
    });
    const light = start([proxy.url]);
    await eventually('the first sync', () => light.status().verifiedHeight > 0n && !light.status().syncing);
    const stuckAt = light.status().verifiedHeight;
    await eventually('the endpoint to be marked behind', () => light.status().endpoints[0]!.behind);
    const [endpoint] = light.status().endpoints;
    expect(endpoint).toMatchObject({ trusted: true, behind: true, announcedHeight: stuckAt });
    expect(endpoint!.peersHeight).toBeGreaterThan(stuckAt + 2n);
    expect(light.announcedHead()).toBeGreaterThanOrEqual(endpoint!.peersHeight!);
    // Nothing unverified is believed: the verified view stays where the endpoint's certified blocks end.
    expect(light.status().verifiedHeight).toBe(stuckAt);
  });

  // Not a reproduction of the race itself (answers usually arrive before the socket is dropped, so this
  // passes without SelfClosedError too); it pins what the person sees: the lie, not a connection fault.
  it('after a caught lie, the endpoint shows its lie and no connection problem, also after trust again', async () => {
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    opened.push(proxy);
    proxy.rewrite('state.account', inflateBalance(1_000_000n));
    const light = start([proxy.url, net.nodes[0]!.rpc.url]);
    await eventually('the first sync', () => light.status().verifiedHeight > 0n && !light.status().syncing);
    const member = addressOf(net, net.devnet.memberKeys[1]!.address);
    // Several reads at once: the one that catches the lie drops the socket the others still wait on.
    await Promise.all([light.account(member), light.account(member), light.account(member)]);
    const lied = light.status().endpoints.find((e) => e.url === proxy.url)!;
    expect(lied).toMatchObject({ trusted: false, lie: 'alteredState' });
    expect(lied.problem).toBeUndefined();
    light.trustEndpointAgain(proxy.url);
    expect(light.status().endpoints.find((e) => e.url === proxy.url)).toMatchObject({ trusted: true });
    expect(light.status().endpoints.find((e) => e.url === proxy.url)!.problem).toBeUndefined();
  });
});
