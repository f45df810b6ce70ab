/**
 * The light node's request budget goes to following the chain first. A page that keeps asking for verified
 * reads must not hold back the verified head: following (headers, hand-offs, heights) has its own lane in the
 * pace (electron/services/light/connection.ts), and a record already proven at a block is not asked for again
 * (ProvenCache in reads.ts). Before both, a producer console polling its overview kept the head a round behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import { makeCodec } from '../../../shared/core/encoding/index.ts';
import { accountKey } from '../../../shared/core/state/index.ts';
import { accountCodec } from '../../../shared/core/types/index.ts';
import { Connection } from '../../../electron/services/light/connection.ts';
import { LightNode } from '../../../electron/services/light/index.ts';
import { startTestNet, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { addressOf, eventually, lightConfig } from './helpers.ts';
import { TamperProxy } from './tamper-proxy.ts';

const rawBytes = makeCodec<Uint8Array>(
  (r) => r.take(r.remaining),
  (w, value) => w.bytes(value),
);

describe("the light node's request budget", { timeout: 120_000 }, () => {
  let net: TestNet;

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300 });
  });

  afterAll(async () => {
    await net?.stop();
  });

  it('answers a header request at once while a queue of reads waits for the read budget', async () => {
    const connection = new Connection(net.nodes[0]!.rpc.url, 30_000);
    try {
      const order: string[] = [];
      // 60 reads of 3 units each: far beyond the reads' burst, so most of them wait their turn.
      const reads = Array.from({ length: 60 }, (_, i) =>
        connection
          .call('state.account', { address: encodeAddress(net.devnet.doc.addressPrefix, new Uint8Array(20).fill(i)) })
          .then(() => order.push(`read ${i}`)),
      );
      const header = connection.call('chain.header', { height: '0' }).then(() => order.push('header'));
      await Promise.all([...reads, header]);
      expect(order).toHaveLength(61);
      // Queued behind them it would come last; in its own lane it overtakes at least the reads still waiting.
      expect(order.indexOf('header')).toBeLessThan(40);
    } finally {
      await connection.close();
    }
  });

  it('proves a record once per block: the same read at the same verified head is not sent again', async () => {
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    const light = LightNode.start(lightConfig(net, [proxy.url]));
    try {
      await eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 2n);
      // Two of four producers stop: no quorum, no new block, so the verified head stays where it is.
      await net.nodes[2]!.stop();
      await net.nodes[3]!.stop();
      let settled = -1n;
      await eventually('the verified head to stop moving', async () => {
        const height = light.verifiedHead().height;
        const still = height === settled;
        settled = height;
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return still && light.verifiedHead().height === height;
      });
      const address = addressOf(net, net.devnet.producerKeys[0]!.address);
      const sent = () =>
        proxy.requests.filter((r) => r.method === 'state.account' && r.params?.address === address).length;
      const first = await light.account(address);
      const second = await light.account(address);
      expect(second).toEqual(first);
      expect(first.value).not.toBeNull();
      expect(sent()).toBe(1);
      // The same record read as raw bytes is its own entry, not the decoded account (the wallet's rule check reads so).
      const raw = await light.record(accountKey(net.devnet.producerKeys[0]!.address), rawBytes);
      expect(raw.value).toBeInstanceOf(Uint8Array);
      expect(accountCodec.decode(raw.value!)).toEqual({ ok: true, value: first.value });
      // Another record at the same block is still asked for.
      await light.account(addressOf(net, net.devnet.producerKeys[1]!.address));
      expect(proxy.requests.filter((r) => r.method === 'state.account')).toHaveLength(2);
      expect(proxy.requests.filter((r) => r.method === 'state.record')).toHaveLength(1);

      // A kept record answered while the endpoint's node is down does not make the endpoint look reachable.
      await net.nodes[1]!.stop();
      const problem = () => light.status().endpoints[0]!.problem;
      await eventually('the endpoint to be seen unreachable', () => problem() !== undefined);
      expect(await light.account(address)).toEqual(first);
      expect(problem()).toBeDefined();
    } finally {
      await light.close();
      await proxy.close();
    }
  });
});
