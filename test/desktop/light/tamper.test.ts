/**
 * Every lie a tampering RPC proxy tells is caught: the endpoint is marked untrusted with a reason
 * a person can read, nothing false is returned, and the light node carries on with the honest
 * endpoint. The honest endpoint is node 0; each proxy stands in front of node 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DEVNET_BALANCE } from '../../../shared/core/genesis/index.ts';
import { LightNode, type Disagreement, type LightNodeConfig } from '../../../electron/services/light/index.ts';
import { startTestNet, waitFor, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { final, submit } from '../../chain/net/tx-helpers.ts';
import { SLOW, addressOf, eventually, lightConfig } from './helpers.ts';
import { TamperProxy, type Rewrite } from './tamper-proxy.ts';
import {
  alterInclusionProof,
  alterStateRoot,
  droppedSignature,
  forgedSignature,
  forkHeader,
  inflateBalance,
  skipHandOff,
} from './tampering.ts';

describe('a tampering endpoint', { timeout: 120_000 }, () => {
  let net: TestNet;
  let honest: string;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300 });
    honest = net.nodes[0]!.rpc.url;
    // Three hand-offs behind, so a list of hand-offs has an inner entry to drop.
    await waitFor(() => net.nodes[0]!.chain.height() >= 14n, 60_000, 'the devnet to reach round 3');
  });

  afterAll(async () => {
    for (const thing of opened.reverse()) await thing.close();
    await net?.stop();
  });

  /** A proxy in front of node 1 that rewrites `methods`, and a light node trying it first. */
  async function lying(
    methods: Record<string, Rewrite>,
    endpoints: (proxy: string) => string[] = (proxy) => [proxy, honest],
    extra: Partial<LightNodeConfig> = {},
  ) {
    const proxy = await TamperProxy.start(net.nodes[1]!.rpc.url);
    opened.push(proxy);
    for (const [method, rewrite] of Object.entries(methods)) proxy.rewrite(method, rewrite);
    const config = lightConfig(net, endpoints(proxy.url), extra);
    const light = LightNode.open(config);
    opened.push(light);
    const untrusted: { url: string; reason: string }[] = [];
    light.on('endpointUntrusted', (e) => untrusted.push(e));
    light.start();
    return { proxy, light, untrusted, config };
  }

  const synced = (light: LightNode) =>
    eventually('the light node to sync', () => !light.status().syncing && light.status().verifiedHeight > 0n);

  /** The proxy lost trust for `reason`, and the honest node took over. */
  function expectCaught(
    light: LightNode,
    proxy: TamperProxy,
    untrusted: { url: string; reason: string }[],
    reason: RegExp,
  ) {
    const status = light.status();
    const entry = status.endpoints.find((e) => e.url === proxy.url)!;
    expect(entry.trusted).toBe(false);
    expect(entry.reason).toMatch(reason);
    expect(entry.reason).toMatch(/^Its answer to [a-z.A-Z]+ (failed verification|is malformed): .+\.$/); // a sentence, for the UI
    expect(untrusted).toEqual([{ url: proxy.url, reason: entry.reason }]);
    expect(status.activeEndpoint).toBe(honest);
  }

  const member = () => addressOf(net, net.devnet.memberKeys[1]!.address); // never transacts here: balance stays at genesis

  it('(a) an altered balance in state.account is refused, and the honest endpoint answers', async () => {
    const { proxy, light, untrusted } = await lying({ 'state.account': inflateBalance(1_000_000n) });
    await synced(light);
    expect(light.status().activeEndpoint).toBe(proxy.url); // its headers were honest, so far
    const account = await light.account(member());
    expect(account.value?.balance).toBe(DEVNET_BALANCE);
    expectCaught(
      light,
      proxy,
      untrusted,
      /state\.account failed verification: the proof does not show key .+ holding this value/,
    );
  });

  it('(a) with no honest endpoint to fall back on, the read fails instead of showing the lie', async () => {
    const { proxy, light } = await lying({ 'state.account': inflateBalance(1_000_000n) }, (p) => [p]);
    await synced(light);
    await expect(light.account(member())).rejects.toThrow(
      /Could not read the account .+ no longer trusted\. Its answer to state\.account failed verification/,
    );
    expect(light.status()).toMatchObject({
      activeEndpoint: null,
      problem: expect.stringMatching(/None of the configured endpoints is trusted/),
    });
    expect(light.status().endpoints).toEqual([expect.objectContaining({ url: proxy.url, trusted: false })]);
    await expect(light.account(member())).rejects.toThrow(/no trusted endpoint is left/);
  });

  it('(b) a header with a changed state root is refused', async () => {
    const { proxy, light, untrusted } = await lying({ 'chain.header': alterStateRoot });
    await synced(light);
    expectCaught(
      light,
      proxy,
      untrusted,
      /chain\.header failed verification: the certificate signs block \w+…, not header \d+ \(\w+…\)/,
    );
    expect(light.status().endpoints.find((e) => e.url === honest)?.lastSeenHeight).toBe(light.status().verifiedHeight);
  });

  it('(c) a certificate missing one signature of the quorum is refused', async () => {
    const { proxy, light, untrusted } = await lying({
      'chain.header': droppedSignature,
      'chain.handOffs': droppedSignature,
    });
    await synced(light);
    expectCaught(light, proxy, untrusted, /failed verification: only 2 of 4 validators signed; 3 needed/);
  });

  it('(c) a certificate with a forged signature byte is refused', async () => {
    const { proxy, light, untrusted } = await lying({
      'chain.header': forgedSignature,
      'chain.handOffs': forgedSignature,
    });
    await synced(light);
    expectCaught(
      light,
      proxy,
      untrusted,
      /failed verification: validator \d's signature is not a valid precommit for block \w+… at height \d+ on chain "consortia-devnet"/,
    );
  });

  // The devnet re-elects one set, so a light node whose set is still bonded skips over its hand-offs
  // (test/desktop/light/sync.test.ts); one whose trusted header is older than the unbonding period
  // must follow every hand-off in order, and that is where a list missing one is caught.
  const pastUnbonding = { clock: { now: () => Date.now() + 86_400_000 } };

  it('(d) a list of hand-offs that skips one is refused', async () => {
    const { proxy, light, untrusted } = await lying({ 'chain.handOffs': skipHandOff }, undefined, pastUnbonding);
    await synced(light);
    expectCaught(
      light,
      proxy,
      untrusted,
      /chain\.handOffs failed verification: header \d+ is in round 2, but the client knows the sets only up to round 1: the hand-off at the end of round 1 is missing/,
    );
  });

  it('(d) a mid-round header passed off as a hand-off is refused', async () => {
    // Certified and, on the devnet, announcing the same set, so the hand-off rules alone accept it;
    // the header after it shows it is not its round's last.
    const store = net.nodes[1]!.chain.store;
    const earlier: Rewrite = (result) =>
      result.map((entry: any) => {
        const height = BigInt(entry.height) - 1n;
        return {
          ...entry,
          height: height.toString(),
          header: bytesToHex(store.headerByHeight(height)!),
          certificate: bytesToHex(store.certificate(height)!),
        };
      });
    const { proxy, light, untrusted } = await lying({ 'chain.handOffs': earlier }, undefined, pastUnbonding);
    await synced(light);
    expectCaught(
      light,
      proxy,
      untrusted,
      /chain\.handOffs failed verification: it offered header 3 \(\w+…\) as the last of round 0, but header 4 is still in round 0/,
    );
  });

  it('malformed bytes are refused', async () => {
    const { proxy, light, untrusted } = await lying({
      'chain.header': (result) => ({ ...result, header: `${result.header}00` }),
    });
    await synced(light);
    expectCaught(
      light,
      proxy,
      untrusted,
      /chain\.header is malformed: the header does not decode \(1 trailing bytes after the value at offset \d+\)/,
    );
  });

  it('an answer not in the form the RPC contract gives is malformed: the endpoint loses trust', async () => {
    const { proxy, light, untrusted } = await lying({
      'chain.header': (result) => ({ ...result, height: Number(result.height) }),
    });
    await synced(light);
    expectCaught(
      light,
      proxy,
      untrusted,
      /chain\.header is malformed: it is not in the form the RPC contract gives \(height: .+\)/,
    );
  });

  it('(e) an altered inclusion proof in tx.status is refused, and the honest proof is verified', async () => {
    const payer = net.devnet.memberKeys[0]!;
    const id = await submit(net.nodes[0]!, payer.accountSecretKey, {
      type: 'transfer',
      to: net.devnet.producerKeys[0]!.address,
      amount: 5n,
      memo: '',
    });
    const status = await final(net.nodes[0]!, id, SLOW);
    await final(net.nodes[1]!, id, SLOW); // the proxied node has the block too, so it answers "final"
    const { proxy, light, untrusted } = await lying({ 'tx.status': alterInclusionProof });
    await synced(light);
    await expect(light.transactionStatus(id)).resolves.toEqual({
      status: 'final',
      height: BigInt(status.height),
      blockHash: status.blockHash,
      index: status.index,
    });
    expectCaught(
      light,
      proxy,
      untrusted,
      /tx\.status failed verification: the proof does not show transaction \w+… at position \d+ of the \d+ transactions of block \d+/,
    );
  });

  it('two endpoints that disagree: the uncertified block is reported and its endpoint untrusted', async () => {
    // The proxy serves another, validly encoded block at the verified height. It cannot carry a
    // valid certificate: a certified disagreement would need a third of the validators to sign two
    // conflicting blocks (equivocate), which is a safety failure of the network, not of one server.
    const { proxy, light, untrusted } = await lying({ 'chain.header': forkHeader }, (p) => [honest, p]);
    const reported: Disagreement[] = [];
    light.on('disagreement', (d) => reported.push(d));
    await synced(light);
    await eventually('the cross-check to catch the fork', () => light.status().disagreement !== undefined);
    const { disagreement, endpoints, activeEndpoint } = light.status();
    expect(disagreement).toMatchObject({ endpoints: [honest, proxy.url], certified: false });
    expect(disagreement!.hashes[0]).not.toBe(disagreement!.hashes[1]);
    expect(disagreement!.message).toMatch(
      new RegExp(`serves a different block at height ${disagreement!.height} .+ not certified by the validators`),
    );
    expect(reported).toEqual([disagreement]);
    expect(endpoints.find((e) => e.url === proxy.url)).toMatchObject({
      trusted: false,
      reason: expect.stringMatching(/Its block fails verification: the certificate signs block/),
    });
    expect(untrusted.map((u) => u.url)).toEqual([proxy.url]);
    expect(activeEndpoint).toBe(honest);
    // Not a safety failure: verified reads still work.
    expect((await light.account(member())).value?.balance).toBe(DEVNET_BALANCE);
  });

  it('an endpoint found lying stays untrusted after a restart', async () => {
    const { proxy, light, config } = await lying({ 'chain.header': alterStateRoot });
    await synced(light);
    await light.close();
    proxy.clear(); // honest now, but the light node has no reason to believe it
    const again = LightNode.open(config);
    opened.push(again);
    expect(again.status().endpoints[0]).toMatchObject({
      url: proxy.url,
      trusted: false,
      reason: expect.stringMatching(/certificate signs block/),
    });
    expect(again.status().activeEndpoint).toBe(honest);
  });
});
