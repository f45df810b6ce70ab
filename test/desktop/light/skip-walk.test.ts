/**
 * How the light node crosses many rounds (electron/services/light/chain.ts), on a synthetic chain
 * served by the node's own RPC server: 4-block rounds, a new set from rounds 5, 6, 20 and 40 on, the
 * set re-elected in every other round. It skips the re-elections, follows exactly the hand-offs
 * that change the set (and the one before the target's round), learns a skipped round when asked,
 * and refuses a hand-off list that hides a change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { LightNode, type LightNodeConfig } from '../../../electron/services/light/index.ts';
import { LightStore } from '../../../electron/services/light/store.ts';
import { syntheticChain, type SyntheticChain } from '../../../bench/lib/light-chain.ts';
import { startLightServer, type LightServer } from '../../../bench/lib/light-server.ts';
import { dataFile, eventually } from './helpers.ts';
import { TamperProxy } from './tamper-proxy.ts';

const BLOCKS = 200; // rounds 0–49; header 200 is the last of round 49
const CHANGES = [5, 6, 20, 40];

describe('the light node across many rounds of a synthetic chain', { timeout: 60_000 }, () => {
  let chain: SyntheticChain;
  let server: LightServer;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    chain = syntheticChain(
      { name: 'skip-walk', blocks: BLOCKS + 4, roundLength: 4, setChangesEveryRound: false, changesAt: CHANGES },
      false,
    ).chain;
    server = await startLightServer(chain, { height: BLOCKS, requestsPerSecond: 10_000 });
  });

  afterAll(async () => {
    for (const thing of opened.reverse()) await thing.close();
    await server?.close();
  });

  function config(url: string): LightNodeConfig {
    // The synthetic genesis is dated 2026-01-01 with an unbonding period of years: its set is still bonded.
    return {
      startFrom: { genesis: chain.doc },
      endpoints: [url],
      dataFile: dataFile(),
      timing: {
        requestTimeoutMs: 5_000,
        stallMs: 60_000,
        crossCheckMs: 60_000,
        retryMs: 1_000,
        requestsPerSecond: 10_000,
      },
    };
  }

  it('follows only the hand-offs that change the set, skipping the re-elections between them', async () => {
    const settings = config(server.server.url);
    const light = LightNode.start(settings);
    await eventually('the catch-up', () => light.status().verifiedHeight === BigInt(BLOCKS));
    expect(light.status().verifiedHash).toBe(bytesToHex(chain.hashes[BLOCKS]!));
    await light.close();

    const store = LightStore.open(settings.dataFile);
    try {
      // A change at round r is announced by the hand-off at the end of round r − 1; round 48's hand-off leads into the target's round.
      expect(store.handOffs().map((h) => Number(h.round))).toEqual([4, 5, 19, 39, 48]);
      expect(store.skips().map((s) => Number(s.round))).toEqual([4, 19, 39, 48]);
    } finally {
      store.close();
    }
  });

  it('learns a skipped round when a header of it is asked for, by the same rules', async () => {
    const light = LightNode.start(config(server.server.url));
    opened.push(light);
    await eventually('the catch-up', () => light.status().verifiedHeight === BigInt(BLOCKS));
    // Round 30 (heights 121–124) was skipped over: the hand-off before it is learned first, from round 20's.
    const { header, hash } = await light.header(122n);
    expect(header.dposRound).toBe(30n);
    expect(hash).toBe(bytesToHex(chain.hashes[122]!));
    expect(await light.setOfRound(30n)).toEqual(chain.setOf(30));
    expect((await light.handOff(29n))?.height).toBe(120n);
    expect(light.status().endpoints[0]).toMatchObject({ trusted: true });
  });

  it('refuses a hand-off list that hides a change of set, and shows nothing past what it verified', async () => {
    const proxy = await TamperProxy.start(server.server.url);
    opened.push(proxy);
    proxy.rewrite('chain.handOffs', (result: { round: string }[]) => result.filter((entry) => entry.round !== '39'));
    const light = LightNode.start(config(proxy.url));
    opened.push(light);
    await eventually('the lie to be caught', () => light.status().endpoints[0]?.trusted === false);
    expect(light.status().endpoints[0]!.reason).toMatch(
      /^Its answer to chain\.handOffs failed verification: header 196 names set [0-9a-f]{8}…, not set [0-9a-f]{8}… of round 20: the set changed since, so the hand-offs in between must be followed\.$/,
    );
    expect(light.status().verifiedHeight).toBeLessThan(BigInt(BLOCKS));
    expect(light.status().verifiedHash).toBe(bytesToHex(chain.hashes[Number(light.status().verifiedHeight)]!));
  });
});
