import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import { currentParams, StateView } from '../../../shared/core/state/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import {
  payloadCodec,
  signedBlockProposalCodec,
  signedTransactionCodec,
  signedVoteCodec,
  transactionId,
} from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { startTestNet, waitFor, type TestNet } from './devnet-helpers.ts';
import { Equivocator } from './equivocator.ts';
import { dryRun, final, rpc, sign } from './tx-helpers.ts';
import { until } from '../../helpers/wait.ts';

const FEE = 1000n;

describe('a producer that double-signs is caught, reported by a member, slashed and tombstoned', () => {
  let net: TestNet;
  let equivocator: Equivocator | undefined;
  beforeAll(async () => {
    net = await startTestNet(4, { seed: 23 });
  });
  afterAll(async () => {
    await equivocator?.close();
    await net?.stop();
  });

  it('collects the evidence, punishes it once, and the chain goes on without the offender', async () => {
    const [node0, node1] = net.nodes as [ConsortiaNode, ConsortiaNode];
    const prefix = net.devnet.doc.addressPrefix;
    const offender = net.devnet.producerKeys[3]!;
    const offenderKey = bytesToHex(offender.consensusPublicKey);
    const offenderText = encodeAddress(prefix, offender.address);
    const reporter = net.devnet.memberKeys[0]!;
    const view = () => StateView.over(node0.chain.reader);
    const evidenceOf = async (node: ConsortiaNode, kind: string): Promise<any> =>
      ((await rpc(node, 'node.evidence')) as any[]).find((e) => e.kind === kind && e.validator === offenderKey);

    await waitFor(() => node0.chain.height() >= 3n, 30_000, 'height 3');
    equivocator = await Equivocator.start({
      chainId: node0.chain.chainId,
      genesisHash: node0.chain.genesisHash,
      consensusSecretKey: offender.consensusSecretKey,
      peers: [node0.p2p.url],
    });
    const eq = equivocator;

    // 1. Producer 3's key signs two different prevotes for the height and round node0 is deciding (and the next
    //    height, which node0 buffers). node0 keeps the pair; it gossips the votes on, so node1 sees it too.
    const doubleSign = await until(
      'double-sign evidence on node0 and node1',
      async () => {
        eq.doubleVote('prevote', node0.engine.height, node0.engine.round);
        eq.doubleVote('prevote', node0.engine.height + 1n, 0);
        const [seen0, seen1] = [await evidenceOf(node0, 'doubleSign'), await evidenceOf(node1, 'doubleSign')];
        return seen0 && seen1 ? seen0 : undefined;
      },
      { timeoutMs: 30_000, everyMs: 300 },
    );
    expect(doubleSign).toMatchObject({
      kind: 'doubleSign',
      message: 'prevote',
      validator: offenderKey,
      candidate: offenderText,
      candidateStatus: 'active',
    });
    const signPayload = payloadCodec.decodeOrThrow(hexToBytes(doubleSign.payload));
    if (signPayload.type !== 'evidence.doubleSign') throw new Error(`unexpected payload ${signPayload.type}`);
    const { voteA, voteB } = signPayload;
    for (const v of [voteA, voteB]) {
      expect(v.vote).toMatchObject({ type: 'prevote', height: BigInt(doubleSign.height), round: doubleSign.round });
      expect(bytesToHex(v.vote.validator)).toBe(offenderKey);
    }
    expect(bytesToHex(voteA.vote.blockHash ?? new Uint8Array())).not.toBe(
      bytesToHex(voteB.vote.blockHash ?? new Uint8Array()),
    );
    expect(bytesToHex(signedVoteCodec.encode(voteA)) < bytesToHex(signedVoteCodec.encode(voteB))).toBe(true); // the codec's order

    // 2. Two different proposals in the round where producer 3 is the proposer (honest nodes take proposals only from it).
    const doubleProposal = await until(
      'double-proposal evidence on node0',
      async () => {
        const ctx = node0.engine.context;
        const round = ctx.proposerOrder.findIndex((a) => equalBytes(a, offender.address));
        eq.doubleProposal(ctx.height, round, node0.chain.block(node0.chain.height())!);
        return evidenceOf(node0, 'doubleProposal');
      },
      { timeoutMs: 30_000, everyMs: 300 },
    );
    expect(doubleProposal).toMatchObject({ kind: 'doubleProposal', message: 'proposal', validator: offenderKey });
    const proposalPayload = payloadCodec.decodeOrThrow(hexToBytes(doubleProposal.payload));
    if (proposalPayload.type !== 'evidence.doubleProposal')
      throw new Error(`unexpected payload ${proposalPayload.type}`);
    expect(
      bytesToHex(signedBlockProposalCodec.encode(proposalPayload.proposalA)) <
        bytesToHex(signedBlockProposalCodec.encode(proposalPayload.proposalB)),
    ).toBe(true);
    await eq.close();
    equivocator = undefined;

    // Both payloads are evidence the state accepts, as they stand.
    expect(dryRun(node0, sign(node0, reporter.accountSecretKey, signPayload))).toEqual({ ok: true, fee: FEE });
    expect(dryRun(node0, sign(node0, net.devnet.memberKeys[1]!.accountSecretKey, proposalPayload))).toEqual({
      ok: true,
      fee: FEE,
    });

    // 3. A member reports the double sign.
    const params = currentParams(node0.chain.reader);
    const offenderBefore = view().account(offender.address);
    const selfStake = offenderBefore.staked + offenderBefore.unbonding.reduce((s, e) => s + e.amount, 0n);
    const slashed = (selfStake * BigInt(params.slashPpm)) / 1_000_000n;
    const reward = (slashed * BigInt(params.reporterRewardPpm)) / 1_000_000n;
    expect(slashed).toBeGreaterThan(0n);
    expect(reward).toBeGreaterThan(FEE);
    const reporterBefore = view().account(reporter.address).balance;
    const totalsBefore = view().totals();

    const report = sign(node0, reporter.accountSecretKey, signPayload);
    const reportBytes = bytesToHex(signedTransactionCodec.encode(report));
    const { id } = await rpc(node0, 'tx.submit', { transaction: reportBytes });
    expect(id).toBe(bytesToHex(transactionId(report)));
    const included = await final(node0, id);
    const punishedAt = BigInt(included.height);
    const punishedRound = node0.chain.header(punishedAt)!.dposRound;

    const candidate = await rpc(node0, 'state.candidate', { address: offenderText });
    expect(candidate.decoded).toMatchObject({ status: 'tombstoned', consecutiveMisses: 0 });
    expect(candidate.decoded.jailedUntil).toBeUndefined();
    expect(((await rpc(node0, 'pos.candidates')) as any[]).map((c) => c.address)).not.toContain(offenderText);
    const offenderAfter = view().account(offender.address);
    expect(offenderAfter.staked).toBe(offenderBefore.staked - slashed);
    expect(view().candidate(offender.address)!.voteWeight).toBe(offenderBefore.votes[0]!.amount - slashed); // its self-vote is trimmed
    const reporterAccount = await rpc(node0, 'state.account', { address: encodeAddress(prefix, reporter.address) });
    expect(BigInt(reporterAccount.decoded.balance)).toBe(reporterBefore - FEE + reward);
    const totals = view().totals();
    expect(totals.slashed - totalsBefore.slashed).toBe(slashed);
    expect(totals.burned - totalsBefore.burned).toBe(slashed - reward);
    // node.evidence now tells a wallet that the offender is already punished.
    expect(await evidenceOf(node0, 'doubleSign')).toMatchObject({ candidateStatus: 'tombstoned' });

    // 4. It is punished once. The same transaction again is refused at the door; the same evidence in a new
    //    transaction (or the double proposal) is refused by the state, never included, and costs the sender nothing.
    await expect(rpc(node0, 'tx.submit', { transaction: reportBytes })).rejects.toThrow(/already in a block/);
    const second = net.devnet.memberKeys[1]!;
    const again = sign(node0, second.accountSecretKey, signPayload);
    const refusal = dryRun(node0, again);
    expect(refusal.ok).toBe(false);
    expect(!refusal.ok && refusal.reason).toMatch(/already tombstoned: already punished/);
    const proposalRefusal = dryRun(node0, sign(node0, second.accountSecretKey, proposalPayload));
    expect(!proposalRefusal.ok && proposalRefusal.reason).toMatch(/already punished/);
    const secondBefore = view().account(second.address);
    // The node tries it against its state at the door and refuses it with the state's reason; it costs nothing.
    await expect(
      rpc(node0, 'tx.submit', { transaction: bytesToHex(signedTransactionCodec.encode(again)) }),
    ).rejects.toThrow(/would be refused: .*already punished/);
    const heightAfterRefusal = node0.chain.height();
    await waitFor(() => node0.chain.height() >= heightAfterRefusal + 4n, 30_000, 'four more blocks');
    expect(view().account(second.address)).toEqual(secondBefore);

    // 5. The chain keeps finalizing, every node agreeing; at the end of the round the offender was punished in,
    //    the other three (still at least minProducers eligible) are elected for the round after next.
    expect(params.minProducers).toBeLessThanOrEqual(3);
    await waitFor(
      () => node0.chain.context().dposRound >= punishedRound + 2n,
      60_000,
      'the round elected after the punishment',
    );
    const others = net.devnet.producerKeys
      .slice(0, 3)
      .map((k) => bytesToHex(k.address))
      .sort();
    const next = node0.chain.context();
    expect(next.validators.map((v) => bytesToHex(v.address)).sort()).toEqual(others);
    const roundView = await rpc(node0, 'chain.round', { round: (punishedRound + 2n).toString() });
    expect((roundView.validators as any[]).map((v) => v.address)).not.toContain(offenderText);
    const lastWithOffender = await rpc(node0, 'chain.round', { round: (punishedRound + 1n).toString() });
    expect((lastWithOffender.validators as any[]).map((v) => v.address)).toContain(offenderText);

    const target = node0.chain.height() + 4n;
    await waitFor(
      () => net.nodes.slice(0, 3).every((n) => n.chain.height() >= target),
      60_000,
      'blocks certified by the three remaining producers',
    );
    for (let h = punishedAt; h <= target; h++) {
      const hashes = new Set(net.nodes.slice(0, 3).map((n) => bytesToHex(n.chain.headerHashAt(h)!)));
      expect(hashes.size, `height ${h}`).toBe(1);
      expect(node0.chain.checkCertificate(node0.chain.certificate(h), h, node0.chain.headerHashAt(h)!)).toEqual({
        ok: true,
      });
    }
    const lastSet = node0.chain.validatorsOfHeight(target)!;
    expect(lastSet.some((v) => equalBytes(v.consensusKey, offender.consensusPublicKey))).toBe(false);
  }, 85_000);
});
