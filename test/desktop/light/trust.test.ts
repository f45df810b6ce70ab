/** Where trust starts: a checkpoint (young enough), and never another network's data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToBytes } from '@noble/hashes/utils.js';
import { devnetGenesis, genesisHash } from '../../../shared/core/genesis/index.ts';
import { signedHeaderCodec, validatorSetCodec } from '../../../shared/core/types/index.ts';
import type { Checkpoint } from '../../../shared/core/light/index.ts';
import { LightNode, LightNodeError, type LightNodeConfig } from '../../../electron/services/light/index.ts';
import { startTestNet, waitFor, type TestNet } from '../../chain/net/devnet-helpers.ts';
import { final, rpc, submit } from '../../chain/net/tx-helpers.ts';
import { SLOW, addressOf, clockJustAfter, dataFile, eventually, lightConfig } from './helpers.ts';

describe('where the light node starts trusting', { timeout: 120_000 }, () => {
  let net: TestNet;
  let before: { id: string; height: bigint };
  const opened: LightNode[] = [];

  beforeAll(async () => {
    net = await startTestNet(4, { blockIntervalMs: 300 });
    await waitFor(() => net.nodes[0]!.chain.height() >= 3n, 60_000, 'the devnet to get going');
    const payer = net.devnet.memberKeys[0]!;
    const id = await submit(net.nodes[0]!, payer.accountSecretKey, {
      type: 'transfer',
      to: net.devnet.memberKeys[1]!.address,
      amount: 7n,
      memo: '',
    });
    before = { id, height: BigInt((await final(net.nodes[0]!, id, SLOW)).height) };
  });

  afterAll(async () => {
    for (const light of opened) await light.close();
    await net?.stop();
  });

  /** A checkpoint at the hand-off of the first round that ends after `after`, as a trusted source would export it. */
  async function checkpointAfter(after: bigint): Promise<Checkpoint> {
    const node = net.nodes[0]!;
    await waitFor(() => node.chain.height() >= after + 10n, 60_000, 'two more rounds');
    const entries = await rpc(node, 'chain.handOffs', { fromRound: 0, limit: 100 });
    const at = entries.length - 1; // the newest: at least two rounds after `after`, and not round 0 (whose set is genesis's)
    const [previous, handOff] = [entries[at - 1], entries[at]];
    return {
      header: signedHeaderCodec.decodeOrThrow(hexToBytes(handOff.header)).header,
      validatorSet: validatorSetCodec.decodeOrThrow(hexToBytes(previous.nextValidatorSet)),
      nextSet: validatorSetCodec.decodeOrThrow(hexToBytes(handOff.nextValidatorSet)),
    };
  }

  function fromCheckpoint(checkpoint: Checkpoint, extra: Partial<LightNodeConfig> = {}): LightNodeConfig {
    const { doc } = net.devnet;
    const startFrom = {
      checkpoint,
      chainId: doc.chainId,
      addressPrefix: doc.addressPrefix,
      params: doc.parameters,
      genesisDocHash: genesisHash(doc),
    };
    return { ...lightConfig(net, [net.nodes[0]!.rpc.url]), startFrom, ...extra };
  }

  it('syncs from a checkpoint, verifies what came after it, and says what came before cannot be verified', async () => {
    const checkpoint = await checkpointAfter(before.height);
    const payer = net.devnet.memberKeys[0]!;
    const id = await submit(net.nodes[0]!, payer.accountSecretKey, {
      type: 'transfer',
      to: net.devnet.memberKeys[1]!.address,
      amount: 8n,
      memo: '',
    });
    const after = await final(net.nodes[0]!, id, SLOW);

    const light = LightNode.open(fromCheckpoint(checkpoint, { clock: clockJustAfter(checkpoint.header.timestamp) }));
    opened.push(light);
    expect(light.status().verifiedHeight).toBe(checkpoint.header.height);
    light.start();
    await eventually(
      'the sync from the checkpoint',
      () => !light.status().syncing && light.status().verifiedHeight > BigInt(after.height),
    );

    await expect(light.transactionStatus(id)).resolves.toMatchObject({ status: 'final', height: BigInt(after.height) });
    await expect(light.transactionStatus(before.id)).rejects.toThrow(
      `Block ${before.height} is older than the block this light node started trusting (block ${checkpoint.header.height}), so it cannot be verified.`,
    );
    expect((await light.account(addressOf(net, payer.address))).value?.nonce).toBe(2n);
  });

  it('refuses a checkpoint older than the unbonding period', async () => {
    const checkpoint = await checkpointAfter(before.height);
    const anHourLater = { now: () => Date.now() + 3_600_000 };
    const open = () => LightNode.open(fromCheckpoint(checkpoint, { clock: anHourLater }));
    expect(open).toThrow(LightNodeError);
    expect(open).toThrow(
      /^The checkpoint cannot be trusted: checkpoint is 1 hour old; the unbonding period is 6 seconds — get a newer checkpoint\.$/,
    );
  });

  it("does not trust an endpoint of another network, nor use another network's data file", async () => {
    const other = devnetGenesis({ producers: 4, seed: new Uint8Array([99]), genesisTime: 1n });
    const config = { ...lightConfig(net, [net.nodes[0]!.rpc.url]), startFrom: { genesis: other.doc } };
    const light = LightNode.start(config);
    opened.push(light);
    await eventually('the endpoint to be refused', () => light.status().endpoints[0]!.trusted === false);
    expect(light.status().endpoints[0]!.reason).toMatch(
      /^It serves the network "consortia-devnet" \(genesis \w+…\), not "consortia-devnet" \(genesis \w+…\)\.$/,
    );
    expect(light.status().verifiedHeight).toBe(0n);

    const ours = { ...lightConfig(net, []), dataFile: config.dataFile };
    expect(() => LightNode.open(ours)).toThrow(
      /^The data file .+ belongs to the network "consortia-devnet" \(genesis \w+…\), not to the one configured/,
    );
    expect(dataFile()).not.toBe(config.dataFile);
  });
});
