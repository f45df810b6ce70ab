import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import { currentParams, StateView } from '../../../shared/core/state/index.ts';
import { signedTransactionCodec } from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { startTestNet, waitFor, type TestNet } from './devnet-helpers.ts';
import { dryRun, final, rpc, sign } from './tx-helpers.ts';

describe('a producer whose node stops misses its turns, is jailed, and unjails after the jail period', () => {
  let net: TestNet;
  beforeAll(async () => {
    net = await startTestNet(4, { seed: 31 });
  });
  afterAll(() => net?.stop());

  it('counts the misses, jails at missLimit, refuses an early unjail and accepts one after jailedUntil', async () => {
    const [node0, node1, node2, node3] = net.nodes as [ConsortiaNode, ConsortiaNode, ConsortiaNode, ConsortiaNode];
    const live = [node0, node1, node2];
    const prefix = net.devnet.doc.addressPrefix;
    const down = net.devnet.producerKeys[3]!;
    const downText = encodeAddress(prefix, down.address);
    const view = () => StateView.over(node0.chain.reader);
    const params = currentParams(node0.chain.reader);
    expect(params.missLimit).toBe(3);
    expect(params.jailPeriodBlocks).toBe(10n);

    // Start from a clean record: it has made a block since any miss of the start-up.
    await waitFor(
      () => {
        const c = view().candidate(down.address)!;
        return c.producedBlocks > 0n && c.consecutiveMisses === 0;
      },
      30_000,
      'producer 3 producing',
    );
    await node3.stop();
    const stoppedAt = node0.chain.height();
    const { missedBlocks: missedBefore, consecutiveMisses: runBefore } = view().candidate(down.address)!; // a turn may have passed while it stopped

    // 1. The others keep finalizing; its turns are counted as missed (RPC, as a console would show them).
    const missing = await (async () => {
      for (;;) {
        const list = (await rpc(node0, 'pos.candidates')) as any[];
        const entry = list.find((c) => c.address === downText);
        if (BigInt(entry.missedBlocks) > missedBefore) return entry;
        if (node0.chain.height() > stoppedAt + 40n) throw new Error('no miss counted');
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(BigInt(missing.missedBlocks)).toBeGreaterThan(missedBefore);
    expect(missing.status === 'jailed' || missing.consecutiveMisses >= 1).toBe(true);

    // 2. After missLimit consecutive misses it is jailed until the jailing height + jailPeriodBlocks.
    await waitFor(() => view().candidate(down.address)!.status === 'jailed', 60_000, 'the stopped producer jailed');
    const jailed = (await rpc(node0, 'state.candidate', { address: downText })).decoded;
    expect(jailed).toMatchObject({ status: 'jailed', consecutiveMisses: 0 });
    const jailedUntil = BigInt(jailed.jailedUntil);
    const jailedAt = jailedUntil - params.jailPeriodBlocks;
    expect(jailedAt).toBeGreaterThan(stoppedAt);
    expect(BigInt(jailed.missedBlocks)).toBeGreaterThanOrEqual(missedBefore + BigInt(params.missLimit));

    // 3. An unjail before jailedUntil is refused with the reason. It expires before jailedUntil so it can never
    //    become valid while waiting in a pool; the proposers drop it and the candidate stays jailed.
    expect(node0.chain.height() + 1n).toBeLessThan(jailedUntil);
    const early = sign(
      node0,
      down.accountSecretKey,
      { type: 'candidate.unjail' },
      { fee: 1000n, expiryHeight: jailedUntil - 1n },
    );
    const refusal = dryRun(node0, early);
    expect(refusal.ok).toBe(false);
    expect(!refusal.ok && refusal.reason).toMatch(
      new RegExp(`jailed until height ${jailedUntil} \\(now \\d+\\); send candidate.unjail at or after that height`),
    );
    // The node tries it against its state at the door and answers with the same reason.
    await expect(
      rpc(node0, 'tx.submit', { transaction: bytesToHex(signedTransactionCodec.encode(early)) }),
    ).rejects.toThrow(/would be refused: .*jailed until height/);

    // Its slots since the stop: chain.round marks them missed (another producer made the block), and the state
    // after each shows the run growing until the jailing resets it. (A block it proposed just before stopping may
    // still have been finalized by the others at stoppedAt + 1; that slot counts as produced.)
    const missedHeights: bigint[] = [];
    for (
      let round = node0.chain.header(stoppedAt + 1n)!.dposRound;
      round <= node0.chain.header(jailedAt)!.dposRound;
      round++
    ) {
      const slots = (await rpc(node0, 'chain.round', { round: round.toString() })).slots as any[];
      for (const slot of slots) {
        if (slot.producer !== downText || BigInt(slot.height) <= stoppedAt || BigInt(slot.height) > jailedAt) continue;
        if (BigInt(slot.height) === stoppedAt + 1n && slot.status === 'produced') continue;
        expect(slot.status).toBe('missed');
        expect(slot.actualProducer).not.toBe(downText);
        missedHeights.push(BigInt(slot.height));
      }
    }
    expect(missedHeights.at(-1)).toBe(jailedAt);
    expect(missedHeights).toHaveLength(params.missLimit - runBefore);
    for (const [i, height] of missedHeights.entries()) {
      const record = (await rpc(node0, 'state.candidate', { address: downText, height: height.toString() })).decoded;
      expect(BigInt(record.missedBlocks)).toBe(missedBefore + BigInt(i + 1));
      if (i < missedHeights.length - 1)
        expect(record).toMatchObject({ status: 'active', consecutiveMisses: runBefore + i + 1 });
      else
        expect(record).toMatchObject({ status: 'jailed', consecutiveMisses: 0, jailedUntil: jailedUntil.toString() });
    }

    await waitFor(() => node0.chain.height() >= jailedUntil - 1n, 60_000, 'the height before jailedUntil');
    expect(view().candidate(down.address)!.status).toBe('jailed');
    expect(view().account(down.address).nonce).toBe(0n);

    // The others never stopped finalizing, and agree.
    const checkTo = node0.chain.height();
    await waitFor(() => live.every((n) => n.chain.height() >= checkTo), 30_000, 'the live nodes at the same height');
    for (let h = stoppedAt; h <= checkTo; h++) {
      const hashes = new Set(live.map((n) => bytesToHex(n.chain.headerHashAt(h)!)));
      expect(hashes.size, `height ${h}`).toBe(1);
    }

    // 4. From jailedUntil on, the producer's account unjails it.
    const unjail = sign(
      node0,
      down.accountSecretKey,
      { type: 'candidate.unjail' },
      { fee: 1000n, expiryHeight: node0.chain.height() + 100n },
    );
    expect(dryRun(node0, unjail)).toEqual({ ok: true, fee: 1000n });
    const { id } = await rpc(node0, 'tx.submit', { transaction: bytesToHex(signedTransactionCodec.encode(unjail)) });
    const status = await final(node0, id);
    expect(BigInt(status.height)).toBeGreaterThanOrEqual(jailedUntil);
    const freed = (await rpc(node0, 'state.candidate', { address: downText, height: status.height })).decoded;
    expect(freed).toMatchObject({ status: 'active', consecutiveMisses: 0 });
    expect(freed.jailedUntil).toBeUndefined();
    const listed = ((await rpc(node0, 'pos.candidates')) as any[]).find((c) => c.address === downText);
    expect(listed).toBeDefined();
  }, 85_000);
});
