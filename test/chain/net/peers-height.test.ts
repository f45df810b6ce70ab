/**
 * chain.info's peersHeight: a node that falls behind asks its peers how far they are while it catches up, and says
 * so (unverified; light clients use it to notice an endpoint that is behind its own peers, issue 14).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcResults } from '../../../shared/contract/rpc.ts';
import { startTestNet, waitFor, type TestNet } from './devnet-helpers.ts';
import { restartProducer } from '../../desktop/producer/helpers.ts';

async function chainInfo(url: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.info', params: {} }),
  });
  const { result } = (await response.json()) as { result: unknown };
  return rpcResults['chain.info'].parse(result);
}

describe('a node behind its peers says how far they are', { timeout: 120_000 }, () => {
  let net: TestNet;

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300 });
  });

  afterAll(async () => {
    await net?.stop();
  });

  it('reports the height its peers gave while it caught up', async () => {
    await net.nodes[3]!.stop();
    const stoppedAt = net.nodes[3]!.chain.height();
    await waitFor(() => net.nodes[0]!.chain.height() > stoppedAt + 10n, 60_000, 'the others to move 10 blocks on');
    const peersAt = net.nodes[0]!.chain.height();
    net.nodes[3] = await restartProducer(net, 3);
    await waitFor(() => net.nodes[3]!.chain.height() >= peersAt, 60_000, 'the restarted node to catch up');
    const info = await chainInfo(net.nodes[3]!.rpc.url);
    expect(info.peersHeight).toBeDefined();
    expect(BigInt(info.peersHeight!)).toBeGreaterThanOrEqual(peersAt);
  });
});
