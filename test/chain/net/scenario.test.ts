import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pino from 'pino';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  addressBytes,
  encodeAddress,
  publicKeyFromSecret,
  deriveAccountKey,
} from '../../../shared/core/crypto/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import { StateView } from '../../../shared/core/state/index.ts';
import { ConsortiaNode } from '../../../chain/node.ts';
import { startTestNet, waitFor, type TestNet } from './devnet-helpers.ts';
import { final, rpc, submit } from './tx-helpers.ts';

describe('a member joins, becomes a producer, and signs blocks', () => {
  let net: TestNet;
  let newcomerNode: ConsortiaNode | undefined;
  beforeAll(async () => {
    net = await startTestNet(4, { seed: 11 });
  });
  afterAll(async () => {
    await newcomerNode?.stop();
    await net?.stop();
  });

  it('transfer, admission by vote, registration, stake and vote, then the set changes and the new producer signs', async () => {
    const [node0] = net.nodes as [ConsortiaNode];
    const prefix = net.devnet.doc.addressPrefix;
    const funder = net.devnet.memberKeys[0]!;
    const newcomer = deriveAccountKey(new Uint8Array(64).fill(42), 0);
    const newcomerAddress = addressBytes(newcomer.publicKey);
    const view = () => StateView.over(node0.chain.reader);

    // 1. A transfer funds a fresh account.
    const amount = 500_000_000_000n;
    const transfer = await final(
      node0,
      await submit(node0, funder.accountSecretKey, { type: 'transfer', to: newcomerAddress, amount, memo: 'welcome' }),
    );
    expect(view().account(newcomerAddress).balance).toBe(amount);
    const account = await rpc(node0, 'state.account', { address: encodeAddress(prefix, newcomerAddress) });
    expect(account.decoded.balance).toBe(amount.toString());
    expect(transfer.proof.length).toBeGreaterThanOrEqual(0);

    // 2. It applies for membership, and the members vote it in (5 of 6 needed).
    const applicationId = await submit(node0, newcomer.secretKey, {
      type: 'member.apply',
      name: 'Newcomer Ltd',
      info: 'test applicant',
    });
    await final(node0, applicationId);
    expect(view().isMember(newcomerAddress)).toBe(false);
    const voters = [
      ...net.devnet.producerKeys.map((k) => k.accountSecretKey),
      ...net.devnet.memberKeys.map((k) => k.accountSecretKey),
    ];
    const votes = await Promise.all(
      voters
        .slice(0, 5)
        .map((key) =>
          submit(node0, key, { type: 'member.vote', proposalId: hexToBytes(applicationId), approve: true }),
        ),
    );
    for (const id of votes) await final(node0, id);
    expect(view().isMember(newcomerAddress)).toBe(true);

    // 3. It registers as a candidate with a new consensus key, and starts its node.
    const consensusSecret = new Uint8Array(32).fill(5);
    await final(
      node0,
      await submit(node0, newcomer.secretKey, {
        type: 'candidate.register',
        name: 'newcomer',
        consensusKey: publicKeyFromSecret(consensusSecret),
        endpoint: 'ws://127.0.0.1:1/p2p',
      }),
    );
    newcomerNode = await ConsortiaNode.start({
      dataDir: join(net.dir, 'newcomer'),
      genesis: net.devnet.doc,
      consensusSecretKey: consensusSecret,
      p2p: { peers: net.nodes.map((n) => n.p2p.url) },
      rpc: {},
      logger: pino({ level: 'silent' }),
    });

    // 4. Stake and vote enough to rank first.
    const stake = 200_000_000_000n;
    await final(node0, await submit(node0, newcomer.secretKey, { type: 'stake', amount: stake }));
    const voteTx = await final(
      node0,
      await submit(node0, newcomer.secretKey, {
        type: 'vote',
        changes: [{ candidate: newcomerAddress, increase: true, amount: stake }],
      }),
    );
    const votedRound = node0.chain.header(BigInt(voteTx.height))!.dposRound;
    const candidates = await rpc(node0, 'pos.candidates');
    expect(candidates[0]).toMatchObject({ name: 'newcomer', rank: 1, voteWeight: stake.toString() });

    // 5. Elected at the end of that round, active two rounds later: the newcomer then proposes and certifies blocks.
    await waitFor(
      () => node0.chain.context().validators.some((v) => equalBytes(v.address, newcomerAddress)),
      60_000,
      'the newcomer in the active set',
    );
    const joinedRound = node0.chain.context().dposRound;
    expect(joinedRound).toBe(votedRound + 2n);
    await waitFor(
      () => newcomerNode!.chain.height() >= node0.chain.height() - 1n && newcomerNode!.engine.isValidator(),
      60_000,
      'the newcomer node in sync and in the set',
    );
    let produced = -1n;
    await waitFor(
      () => {
        for (let h = node0.chain.height(); h > 0n && node0.chain.header(h)!.dposRound >= joinedRound; h--) {
          if (equalBytes(node0.chain.header(h)!.producer, newcomerAddress)) produced = h;
        }
        return produced > 0n;
      },
      60_000,
      'a block produced by the newcomer',
    );
    const set = node0.chain.validatorsOfHeight(produced)!;
    const index = set.findIndex((v) => equalBytes(v.address, newcomerAddress));
    await waitFor(() => node0.chain.height() > produced + 3n, 30_000, 'more blocks');
    const signedByNewcomer = Array.from({ length: 3 }, (_, i) => node0.chain.certificate(produced + BigInt(i))!).some(
      (c) => c.signatures.some((s) => s.validatorIndex === index),
    );
    expect(signedByNewcomer).toBe(true);
    expect(bytesToHex(newcomerNode.chain.headerHashAt(produced)!)).toBe(
      bytesToHex(node0.chain.headerHashAt(produced)!),
    );
  });
});
