import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  addressBytes,
  deriveAccountKey,
  encodeAddress,
  publicKeyFromSecret,
  SigningDomain,
  signDomain,
} from '../../shared/core/crypto/index.ts';
import { accountKey } from '../../shared/core/state/index.ts';
import { signedTransactionCodec, transactionCodec, type Payload } from '../../shared/core/types/index.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  RPC_TOPICS,
  rpcContract,
  RpcErrorCode,
  rpcMethodNames,
  rpcNotification,
  rpcResults,
  rpcTopicPayloads,
  TxRefusalCode,
  type RpcMethodName,
  type RpcParams,
  type RpcResult,
  type RpcTopic,
  type RpcTopicPayload,
} from '../../shared/contract/rpc.ts';
import { CLIENT_ERROR, httpRpcClient, INVALID_PARAMS, typedRpc, wsRpcClient } from '../../shared/node/rpc-client.ts';
import type { ConsortiaNode } from '../../chain/node.ts';
import { startTestNet, waitFor, type TestNet } from './net/devnet-helpers.ts';
import { final, submit } from './net/tx-helpers.ts';

/**
 * The result side of the RPC contract against a live devnet: every method of the contract is called over the real
 * HTTP or WebSocket RPC of a producer node, after some history (a transfer, a membership application, a parameter
 * proposal, a pending transaction), and each answer is validated against its strict schema in
 * shared/contract/rpc-results.ts. A method the test does not call, or a field the node sends that the contract
 * does not name, fails it.
 */
describe('the RPC contract against a live devnet', () => {
  let net: TestNet;
  let node: ConsortiaNode;
  const called = new Set<RpcMethodName>();

  /** One call over HTTP, as a wallet would, its result validated against the contract. */
  async function call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    called.add(method);
    const res = await fetch(node.rpc.url, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
    if (body.error) throw new Error(`${method} answered error ${body.error.code}: ${body.error.message}`);
    return conforms(method, rpcResults[method], body.result) as RpcResult<M>;
  }

  function conforms(
    what: string,
    schema: (typeof rpcResults)[RpcMethodName] | (typeof rpcTopicPayloads)[RpcTopic] | typeof rpcNotification,
    value: unknown,
  ): unknown {
    const parsed = schema.safeParse(value);
    // The issues themselves, so a failure names the field and what the node sent.
    expect(
      parsed.success ? [] : parsed.error.issues.map((i) => `${what}: ${i.path.join('.')}: ${i.message}`),
      JSON.stringify(value).slice(0, 2000),
    ).toEqual([]);
    return parsed.data;
  }

  function sign(secretKey: Uint8Array, payload: Payload, nonce: bigint, fee = 1000n): string {
    const senderPublicKey = publicKeyFromSecret(secretKey);
    const tx = { senderPublicKey, nonce, fee, expiryHeight: node.chain.height() + 100n, payload };
    const signature = signDomain(SigningDomain.TRANSACTION, node.chain.chainId, transactionCodec.encode(tx), secretKey);
    return bytesToHex(signedTransactionCodec.encode({ tx, signature }));
  }

  beforeAll(async () => {
    net = await startTestNet(4, { seed: 23 });
    node = net.nodes[0]!;
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('answers every method in the form its result schema gives', async () => {
    const prefix = net.devnet.doc.addressPrefix;
    const funder = net.devnet.memberKeys[0]!;
    const newcomer = deriveAccountKey(new Uint8Array(64).fill(9), 0);
    const newcomerAddress = encodeAddress(prefix, addressBytes(newcomer.publicKey));
    const producerAddress = encodeAddress(
      prefix,
      addressBytes(publicKeyFromSecret(net.devnet.producerKeys[0]!.accountSecretKey)),
    );

    // History: a transfer through the contract's tx.submit, an application for membership, a parameter proposal.
    const transfer = {
      type: 'transfer',
      to: addressBytes(newcomer.publicKey),
      amount: 1_000_000_000n,
      memo: 'contract',
    } as const;
    const { id: transferId } = await call('tx.submit', {
      transaction: sign(
        funder.accountSecretKey,
        transfer,
        node.chain.accountNonce(addressBytes(publicKeyFromSecret(funder.accountSecretKey))),
      ),
    });
    await final(node, transferId);
    const applicationId = await submit(node, newcomer.secretKey, {
      type: 'member.apply',
      name: 'Contract Ltd',
      info: 'checks results',
    });
    await final(node, applicationId);
    await final(
      node,
      await submit(node, funder.accountSecretKey, {
        type: 'member.propose',
        action: { type: 'changeParameter', name: 'minFee', value: 1001n },
      }),
    );
    // A finished DPoS round (4 blocks a round on this devnet), so chain.handOffs has an entry.
    await waitFor(() => node.chain.context().dposRound >= 2n, 60_000, 'the devnet to finish a DPoS round');

    const info = await call('chain.info', {});
    expect(info.addressPrefix).toBe(prefix);
    expect(info.validators).toHaveLength(4);

    expect((await call('chain.header', { height: 0 })).header).toBeNull();
    const header = await call('chain.header', { height: 3 });
    expect(header.decoded.lastCommit?.height).toBe('2');
    expect((await call('chain.header', { hash: header.hash })).height).toBe('3');

    const transferStatus = await call('tx.status', { id: transferId });
    expect(transferStatus.status).toBe('final');
    if (transferStatus.status !== 'final') return;
    const block = await call('chain.block', { height: transferStatus.height });
    expect(block.transactions.map((t) => t.type)).toContain('transfer');

    const handOffs = await call('chain.handOffs', { fromRound: 0 });
    expect(handOffs.length).toBeGreaterThan(0);
    const round = await call('chain.round', { round: 0 });
    expect(round.slots.map((s) => s.status).every((s) => s === 'produced' || s === 'missed')).toBe(true);
    const current = await call('chain.round', {});
    expect(current.slots.some((s) => s.status === 'now' || s.status === 'upcoming')).toBe(true);

    const candidates = await call('pos.candidates', {});
    expect(candidates.filter((c) => c.inActiveSet)).toHaveLength(4);
    expect((await call('gov.members', {})).length).toBeGreaterThan(0);
    // Both proposals are open for 20 blocks; under load one may lapse before this, so open or closed, both are listed.
    expect((await call('gov.proposals', {})).every((p) => p.status === 'open')).toBe(true);
    const proposals = await call('gov.proposals', { includeClosed: true });
    expect(proposals.map((p) => p.subject.type).sort()).toEqual(['admitMember', 'changeParameter']);

    const account = await call('state.account', { address: newcomerAddress });
    expect(account.decoded?.balance).toBeDefined();
    expect((await call('state.account', { address: newcomerAddress, height: 0 })).value).toBeNull();
    expect((await call('state.candidate', { address: producerAddress })).decoded?.status).toBe('active');
    expect((await call('state.candidate', { address: newcomerAddress })).decoded).toBeNull();
    const record = await call('state.record', { key: bytesToHex(accountKey(addressBytes(newcomer.publicKey))) });
    expect(record.value).toBe(account.value);

    expect((await call('tx.status', { id: '00'.repeat(32) })).status).toBe('unknown');
    // A pending transaction with a gap before it: the status names the nonce it waits for.
    const nonce = node.chain.accountNonce(addressBytes(newcomer.publicKey));
    const { id: gapped } = await call('tx.submit', {
      transaction: sign(newcomer.secretKey, { type: 'withdraw' }, nonce + 1n),
    });
    const pending = await call('tx.status', { id: gapped });
    expect(pending).toMatchObject({ status: 'pending', waitingForNonce: nonce.toString() });
    expect(await call('account.nextNonce', { address: newcomerAddress })).toMatchObject({
      accountNonce: nonce.toString(),
      pooled: 1,
    });
    const history = await call('account.history', { address: newcomerAddress, limit: 10 });
    expect(history.map((e) => e.role).sort()).toEqual(['recipient', 'sender']);

    expect((await call('node.metrics', {})).isProducer).toBe(true);
    // An honest devnet has no equivocation; the evidence item's schema is checked by its type against evidenceView.
    expect(await call('node.evidence', {})).toEqual([]);

    // Subscriptions, over the WebSocket: one notification of each topic, then unsubscribed.
    const socket = new WebSocket(node.rpc.wsUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const answers = new Map<number, (result: unknown) => void>();
    const notices = new Map<string, unknown>();
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.method === 'subscription') {
        conforms('notification', rpcNotification, message);
        if (!notices.has(message.params.topic)) notices.set(message.params.topic, message.params.result);
      } else answers.get(message.id)?.(message.error ? message.error : message.result);
    });
    let nextId = 1;
    const wsCall = <M extends 'subscribe' | 'unsubscribe'>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> => {
      called.add(method);
      const id = nextId++;
      return new Promise((resolve) => {
        answers.set(id, (result) => resolve(conforms(method, rpcResults[method], result) as RpcResult<M>));
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      });
    };
    try {
      const subscriptions = await Promise.all(RPC_TOPICS.map((topic) => wsCall('subscribe', { topic })));
      await waitFor(() => notices.size === RPC_TOPICS.length, 30_000, 'a notification of every topic');
      for (const topic of RPC_TOPICS) conforms(topic, rpcTopicPayloads[topic], notices.get(topic));
      for (const subscription of subscriptions) expect(await wsCall('unsubscribe', { subscription })).toBe(true);
      expect(await wsCall('unsubscribe', { subscription: subscriptions[0]! })).toBe(false);
    } finally {
      socket.close();
    }

    // Every method of the contract was exercised above.
    expect([...called].sort()).toEqual([...rpcMethodNames].sort());
  }, 120_000);

  it('the typed client: params checked before sending, results validated, errors as data', async () => {
    const http = typedRpc(httpRpcClient(node.rpc.url), rpcContract);
    const info = await http.call('chain.info', {});
    expect(info.ok && info.value.addressPrefix).toBe(net.devnet.doc.addressPrefix);
    // The node's own error, as data.
    expect(await http.call('chain.block', { height: 0 })).toEqual({
      ok: false,
      error: { code: RpcErrorCode.NOT_FOUND, message: expect.stringMatching(/genesis header/) },
    });
    // A refused transaction: the refusal as data, checked against the contract, with the node's pre-check code.
    const member = net.devnet.memberKeys[0]!;
    const underpaid = await http.call('tx.submit', {
      transaction: sign(
        member.accountSecretKey,
        { type: 'transfer', to: addressBytes(member.accountPublicKey), amount: 1n, memo: '' },
        0n,
        0n,
      ),
    });
    expect(underpaid).toEqual({
      ok: false,
      error: {
        code: RpcErrorCode.REJECTED,
        message: expect.stringMatching(/^The fee 0 is below the network minimum/),
        data: { code: TxRefusalCode.FEE_TOO_LOW, reason: !underpaid.ok ? underpaid.error.message : '' },
      },
    });
    // Refused before sending: a negative height.
    const refused = await http.call('chain.header', { height: -1 } as never);
    expect(!refused.ok && refused.error.code).toBe(INVALID_PARAMS);
    expect(!refused.ok && refused.error.message).toMatch(/^Invalid params for chain.header/);

    // Over the WebSocket: a subscription whose payloads arrive validated.
    const socket = typedRpc(await wsRpcClient(node.rpc.wsUrl), rpcContract);
    try {
      const heads: RpcTopicPayload<'newHeads'>[] = [];
      const subscription = await socket.subscribe('newHeads', (head) => heads.push(head));
      if (!subscription.ok) throw new Error(subscription.error.message);
      await waitFor(() => heads.length > 0, 30_000, 'a newHeads notification');
      expect(BigInt(heads[0]!.height)).toBeGreaterThan(0n);
      await subscription.value.unsubscribe();
    } finally {
      await socket.close();
    }

    // A server that answers in another form: the client says so, as data, rather than passing it on.
    const impostor = createServer((_req, res) =>
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { chainId: 'x', height: 5 } })),
    );
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const wrong = await typedRpc(
        httpRpcClient(`http://127.0.0.1:${(impostor.address() as AddressInfo).port}/`),
        rpcContract,
      ).call('chain.info', {});
      expect(wrong.ok).toBe(false);
      expect(!wrong.ok && wrong.error.code).toBe(CLIENT_ERROR.NONCONFORMING);
      expect(!wrong.ok && wrong.error.message).toMatch(/answered chain.info in an unexpected form/);
      // A refusal without its refusal data is not the contract's refusal either.
      impostor.removeAllListeners('request');
      impostor.on('request', (_req, res) =>
        res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: RpcErrorCode.REJECTED, message: 'no' } })),
      );
      const bare = await typedRpc(
        httpRpcClient(`http://127.0.0.1:${(impostor.address() as AddressInfo).port}/`),
        rpcContract,
      ).call('tx.submit', { transaction: '00' });
      expect(!bare.ok && bare.error.code).toBe(CLIENT_ERROR.NONCONFORMING);
      expect(!bare.ok && bare.error.message).toMatch(
        /answered tx.submit with error -32002 in an unexpected form \(data: /,
      );
    } finally {
      impostor.closeAllConnections();
      await new Promise((resolve) => impostor.close(resolve));
    }
  }, 60_000);
});
