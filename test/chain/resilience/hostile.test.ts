import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { publicKeyFromSecret, SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import type { Devnet } from '../../../shared/core/genesis/index.ts';
import {
  blockCodec,
  signedTransactionCodec,
  transactionCodec,
  type Transaction,
} from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { final, submit } from '../net/tx-helpers.ts';
import { call, describeNodes, postRaw, startNet, waitUntil, type HttpReply, type StartedNet } from './helpers.ts';
import { HandshakeSpeaker, peerKey, RawSocket, type PeerKey } from './raw-clients.ts';

/**
 * Hostile input to a running producer (node 0 of four): bad JSON-RPC over HTTP and WebSocket, floods over the
 * documented limits, bad P2P handshakes and frames, and transactions the node must refuse. Each gets the
 * documented answer (docs/RPC.md, chain/p2p/README.md), and the node keeps finalizing and answering chain.info.
 */
describe('hostile clients against a running producer', { timeout: 120_000 }, () => {
  let net: StartedNet | undefined;
  let devnet: Devnet;
  let nodes: ConsortiaNode[] = [];
  let target: ConsortiaNode;
  let speaker: HandshakeSpeaker;
  const observer = peerKey();
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    // Node 0 admits one observer key, so a hostile but authenticated peer can be tried after the handshake.
    net = await startNet({ producers: 4, seed: 51, blockIntervalMs: 400, observers: { 0: [observer.id] } });
    devnet = net.devnet;
    nodes = net.nodes as ConsortiaNode[];
    target = nodes[0]!;
    speaker = new HandshakeSpeaker(target.chain.chainId, target.chain.genesisHash);
  });

  afterAll(async () => {
    for (const s of sockets) s.terminate();
    await net?.stop();
  });

  const open = async (url: string) => {
    const socket = await RawSocket.open(url);
    sockets.push(socket);
    return socket;
  };
  const rpcBody = (method: string, params: unknown = {}, id: number | string = 1) =>
    JSON.stringify({ jsonrpc: '2.0', id, method, params });
  const expectError = (reply: HttpReply, status: number, code: number) => {
    expect(reply.status, reply.text).toBe(status);
    expect(reply.body?.error?.code, reply.text).toBe(code);
    expect(typeof reply.body.error.message).toBe('string');
    return reply.body.error.message as string;
  };

  /** The node still finalizes (3 more blocks) and still answers chain.info over HTTP (polled: a flood may have emptied the bucket). */
  async function stillHealthy(node: ConsortiaNode): Promise<void> {
    const from = node.chain.height();
    await waitUntil(
      () => node.chain.height() >= from + 3n,
      60_000,
      () => `node to finalize past ${from + 3n}: ${describeNodes(nodes)}`,
    );
    let info: any;
    await waitUntil(
      async () => {
        info = await call(node.rpc.url, 'chain.info');
        return true;
      },
      30_000,
      'chain.info to answer',
    );
    expect(BigInt(info.height)).toBeGreaterThanOrEqual(from + 3n);
    expect(info.chainId).toBe(devnet.doc.chainId);
  }

  describe('JSON-RPC', () => {
    it('malformed JSON, non-requests, unknown methods, invalid params, wrong verbs and batches get the documented codes', async () => {
      const url = target.rpc.url;
      expect(expectError(await postRaw(url, '{"jsonrpc":"2.0","id":1,"method":'), 200, -32700)).toMatch(
        /not valid JSON/,
      );
      expectError(await postRaw(url, '\u0000\u00ff garbage'), 200, -32700);
      expectError(await postRaw(url, JSON.stringify({ id: 7, method: 'chain.info' })), 200, -32600);
      expectError(await postRaw(url, '42'), 200, -32600);
      expect(expectError(await postRaw(url, rpcBody('chain.nope')), 200, -32601)).toMatch(/chain\.nope/);
      expect(expectError(await postRaw(url, rpcBody('__proto__')), 200, -32601)).toMatch(/does not exist/);
      expect(expectError(await postRaw(url, rpcBody('chain.header', { height: 'abc' })), 200, -32602)).toMatch(
        /chain\.header/,
      );
      expect(expectError(await postRaw(url, rpcBody('tx.status', { id: 'zz' })), 200, -32602)).toMatch(/id/);
      expectError(await postRaw(url, rpcBody('chain.info', { extra: 1 })), 200, -32602);
      expect(expectError(await postRaw(url, rpcBody('chain.header', { height: '999999' })), 200, -32001)).toMatch(
        /No such block/,
      );
      expectError(await postRaw(url, rpcBody('subscribe', { topic: 'newHeads' })), 200, -32600);
      expectError(await postRaw(url, '', { method: 'GET' }), 405, -32600);
      expectError(await postRaw(url, '[]'), 200, -32600);
      const tooMany = JSON.stringify(Array.from({ length: 51 }, (_, i) => JSON.parse(rpcBody('chain.info', {}, i))));
      expect(expectError(await postRaw(url, tooMany), 200, -32006)).toMatch(/at most 50/);
      // A batch mixing good and bad calls answers each on its own.
      const mixed = await postRaw(url, `[${rpcBody('chain.info', {}, 1)},${rpcBody('nope', {}, 2)},{"bad":true}]`);
      expect(mixed.body.map((r: any) => r.error?.code ?? 'ok')).toEqual(['ok', -32601, -32600]);
    });

    it('an oversized body (> 512 KiB) over HTTP is refused with 413 / -32006, and an oversized WebSocket frame closes with 1009', async () => {
      const big = rpcBody('tx.submit', { transaction: 'ab'.repeat(300 * 1024) });
      expect(big.length).toBeGreaterThan(512 * 1024);
      expect(expectError(await postRaw(target.rpc.url, big), 413, -32006)).toMatch(/larger than/);

      const ws = await open(target.rpc.wsUrl);
      ws.sendText(big);
      expect((await ws.closedWithin()).code).toBe(1009);
    });

    it('binary WebSocket frames get -32700 and the connection keeps working', async () => {
      const ws = await open(target.rpc.wsUrl);
      ws.sendBinary(new Uint8Array([0x7b, 0x7d, 0xff, 0x00]));
      expect(await ws.nextJson()).toMatchObject({
        id: null,
        error: { code: -32700, message: expect.stringMatching(/Binary frames/) },
      });
      ws.sendText(rpcBody('chain.info', {}, 'after-binary'));
      expect(await ws.nextMatching((m) => m.id === 'after-binary')).toMatchObject({
        result: { chainId: devnet.doc.chainId },
      });
      ws.terminate();
    });

    it('subscriptions beyond 16 per connection get -32007, unknown topics -32602, and the 16 keep receiving heads', async () => {
      const ws = await open(target.rpc.wsUrl);
      for (let i = 0; i < 40; i++) ws.sendText(rpcBody('subscribe', { topic: 'finalHeads' }, i));
      const answers = new Map<number, any>();
      await waitUntil(
        async () => {
          const message = await ws.nextJson();
          if (typeof message.id === 'number') answers.set(message.id, message);
          return answers.size === 40;
        },
        30_000,
        'answers to 40 subscribe calls',
      );
      const ok = [...answers.values()].filter((a) => typeof a.result === 'string');
      const refused = [...answers.values()].filter((a) => a.error);
      expect(ok).toHaveLength(16);
      expect(refused).toHaveLength(24);
      for (const r of refused)
        expect(r.error).toMatchObject({ code: -32007, message: expect.stringMatching(/At most 16/) });
      ws.sendText(rpcBody('subscribe', { topic: 'everything' }, 'bad-topic'));
      expect((await ws.nextMatching((m) => m.id === 'bad-topic')).error.code).toBe(-32602);
      // Notifications flow to the subscriptions it holds.
      const subscriptionIds = new Set(ok.map((a) => a.result));
      const note = await ws.nextMatching((m) => m.method === 'subscription');
      expect(subscriptionIds.has(note.params.subscription)).toBe(true);
      expect(note.params.topic).toBe('finalHeads');
      // Unsubscribing frees a slot.
      ws.sendText(rpcBody('unsubscribe', { subscription: ok[0].result }, 'unsub'));
      expect((await ws.nextMatching((m) => m.id === 'unsub')).result).toBe(true);
      ws.sendText(rpcBody('subscribe', { topic: 'newHeads' }, 'again'));
      expect(typeof (await ws.nextMatching((m) => m.id === 'again')).result).toBe('string');
      ws.terminate();
    });

    it('a flood of requests over the rate limit gets -32005 (HTTP 429 / WebSocket error), then service resumes', async () => {
      // HTTP: the bucket is per client address (burst 200, 100/s); keep flooding until the limiter answers.
      const flooded = nodes[1]!;
      const statuses = new Map<number, number>();
      let limited: HttpReply | undefined;
      for (let wave = 0; wave < 10 && !limited; wave++) {
        const replies = await Promise.all(
          Array.from({ length: 300 }, () => postRaw(flooded.rpc.url, rpcBody('node.metrics'))),
        );
        for (const r of replies) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        limited = replies.find((r) => r.status === 429);
      }
      expect(limited, `statuses ${JSON.stringify([...statuses])}`).toBeDefined();
      expect(limited!.body).toMatchObject({ error: { code: -32005 } });
      expect([...statuses.keys()].every((s) => s === 200 || s === 429)).toBe(true);

      // WebSocket: the bucket is per connection.
      const ws = await open(target.rpc.wsUrl);
      let sent = 0;
      let rateLimited: any;
      for (let wave = 0; wave < 10 && !rateLimited; wave++) {
        for (let i = 0; i < 400; i++) ws.sendText(rpcBody('node.metrics', {}, sent++));
        await waitUntil(() => ws.received.length >= sent, 30_000, `answers to ${sent} requests`);
        rateLimited = ws.received.map((r) => JSON.parse(r.data.toString())).find((m) => m.error?.code === -32005);
      }
      expect(rateLimited).toMatchObject({
        id: expect.any(Number),
        error: { code: -32005, message: expect.stringMatching(/Too many requests/) },
      });
      ws.terminate();

      await stillHealthy(flooded);
      await stillHealthy(target);
    });

    it('connections beyond the limit (256) are closed with 1013 and the rest are served', async () => {
      const many = await Promise.all(Array.from({ length: 270 }, () => open(target.rpc.wsUrl)));
      const refused = await Promise.all(
        many.map((s) =>
          Promise.race([s.closed.then((c) => c.code), new Promise<null>((r) => setTimeout(() => r(null), 3000))]),
        ),
      );
      expect(refused.filter((c) => c === 1013).length).toBeGreaterThanOrEqual(14);
      const kept = many.filter((_, i) => refused[i] === null);
      expect(kept.length).toBeGreaterThan(200);
      kept[0]!.sendText(rpcBody('chain.info', {}, 'kept'));
      expect((await kept[0]!.nextMatching((m) => m.id === 'kept')).result.chainId).toBe(devnet.doc.chainId);
      for (const s of many) s.terminate();
      await waitUntil(() => target.rpc.connectionCount() < 10, 30_000, 'the connections to close');
    });

    it('after all that, the node keeps finalizing and answering chain.info', async () => {
      await stillHealthy(target);
    });
  });

  describe('P2P', () => {
    const openP2P = async (key?: PeerKey) => {
      const socket = await RawSocket.open(target.p2p.url, key);
      sockets.push(socket);
      return socket;
    };

    /** Opens TLS with the observer's (admitted) key and reads the hello the node sends once it has screened the key. */
    async function connectP2P(): Promise<{ socket: RawSocket; nodeHello: any }> {
      const socket = await openP2P(observer);
      const nodeHello = await socket.nextJson();
      expect(nodeHello).toEqual({
        type: 'hello',
        protocolVersion: 2,
        chainId: devnet.doc.chainId,
        genesisHash: bytesToHex(target.chain.genesisHash),
        listenUrl: target.p2p.url,
      });
      return { socket, nodeHello };
    }

    const holdsProducerPeers = () => {
      const ids = new Set(target.p2p.peers().map((p) => p.id));
      return nodes.slice(1).every((n) => ids.has(n.p2p.id)) && !ids.has(observer.id);
    };

    async function refusedHello(hello: unknown, code: number, reason: RegExp): Promise<void> {
      const { socket } = await connectP2P();
      socket.sendText(typeof hello === 'string' ? hello : JSON.stringify(hello));
      const closed = await socket.closedWithin();
      expect(closed.code, closed.reason).toBe(code);
      expect(closed.reason).toMatch(reason);
    }

    /** Refused on the key its TLS certificate carries, before any hello. */
    async function refusedKey(key: PeerKey | undefined, code: number, reason: RegExp): Promise<void> {
      const socket = await openP2P(key);
      const closed = await socket.closedWithin();
      expect(closed.code, closed.reason).toBe(code);
      expect(closed.reason).toMatch(reason);
      expect(socket.received).toEqual([]);
    }

    it('garbage, a frame before the hello, bad hellos and unwelcome keys are refused with the documented close codes', async () => {
      const stranger = peerKey();
      const member = peerKey(devnet.memberKeys[0]!.accountSecretKey);
      await Promise.all([
        refusedHello('garbage that is not JSON', 4000, /well-formed hello/),
        refusedHello({ type: 'auth', signature: '00'.repeat(64) }, 4000, /well-formed hello/),
        refusedHello({ ...speaker.hello(), extra: 'field' }, 4000, /well-formed hello/),
        // A hello cannot name a key: the certificate's key is the only identity.
        refusedHello({ ...speaker.hello(), publicKey: nodes[1]!.p2p.id }, 4000, /well-formed hello/),
        refusedHello({ ...speaker.hello(), pad: 'x'.repeat(2000) }, 4000, /well-formed hello/),
        refusedHello(speaker.hello({ protocolVersion: 1 }), 4001, /version/),
        refusedHello(speaker.hello({ chainId: 'another-chain' }), 4002, /chain/),
        refusedHello(speaker.hello({ genesisHash: '11'.repeat(32) }), 4003, /genesis/),
        refusedKey(undefined, 4004, /certificate/),
        refusedKey(peerKey(devnet.producerKeys[0]!.consensusSecretKey), 4006, /itself/),
        refusedKey(stranger, 4005, /not admitted/),
        refusedKey(member, 4005, /not admitted/),
        (async () => {
          // A binary (post-handshake) frame before the hello: a vote topic with junk.
          const { socket } = await connectP2P();
          socket.sendBinary(new Uint8Array([2, 1, 2, 3, 4]));
          expect(await socket.closedWithin()).toMatchObject({
            code: 4000,
            reason: expect.stringMatching(/binary frame before the hello/),
          });
        })(),
        // The upgrade is only served at /p2p.
        expect(RawSocket.open(target.p2p.url.replace('/p2p', '/other'), observer)).rejects.toThrow(/400/),
      ]);
      // None of this cost the node its real peers.
      await waitUntil(holdsProducerPeers, 30_000, 'the node to hold its three producer peers');
    });

    it('40 connections silent after TLS: the oldest are cut when 8 from one address are pending, the rest time out (4007)', async () => {
      const silent: RawSocket[] = [];
      let mostPending = 0;
      for (let i = 0; i < 40; i++) {
        silent.push(await openP2P(observer));
        mostPending = Math.max(mostPending, target.p2p.pendingHandshakes());
      }
      const closes = await Promise.all(silent.map((s) => s.closedWithin(30_000)));
      const codes = closes.map((c) => c.code);
      // The node never holds more than 8 pending from one address. Which way each ended depends on the machine's
      // speed: cut without a close frame (1006) when a newer one came, or at the handshake timeout (4007); the
      // last ones are never cut, so they time out.
      expect(mostPending).toBeGreaterThan(0);
      expect(mostPending).toBeLessThanOrEqual(8);
      expect(codes.filter((c) => c === 4007).length).toBeGreaterThanOrEqual(1);
      expect(codes.every((c) => c === 1006 || c === 4007)).toBe(true);
      await waitUntil(holdsProducerPeers, 30_000, 'the node to hold its three producer peers');
    });

    it('an admitted observer that sends garbage after the handshake is banned (4011), then refused on its key (4008)', async () => {
      const socket = await openP2P(observer);
      await speaker.handshake(socket);
      await waitUntil(
        () => target.p2p.peers().some((p) => p.id === observer.id),
        20_000,
        'the observer to be connected',
      );
      socket.sendText('text after the handshake');
      socket.sendBinary(new Uint8Array([0xf5, 0, 0, 0]));
      socket.sendBinary(new Uint8Array([0xf0]));
      expect(await socket.closedWithin()).toMatchObject({ code: 4011 });
      expect(target.p2p.isBanned(observer.id)).toBe(true);

      const again = await openP2P(observer);
      expect((await again.closedWithin()).code).toBe(4008);
    });

    it('after all that, the node keeps finalizing, answering chain.info, and holds its three producer peers', async () => {
      await stillHealthy(target);
      await waitUntil(holdsProducerPeers, 30_000, 'the node to hold its three producer peers');
    });
  });

  describe('tx.submit refusals', () => {
    const member = () => devnet.memberKeys[0]!;

    function sign(tx: Transaction, secretKey: Uint8Array, chainId: string): Uint8Array {
      const signature = signDomain(SigningDomain.TRANSACTION, chainId, transactionCodec.encode(tx), secretKey);
      return signedTransactionCodec.encode({ tx, signature });
    }

    function transfer(overrides: Partial<Transaction> = {}): Transaction {
      return {
        senderPublicKey: publicKeyFromSecret(member().accountSecretKey),
        nonce: target.chain.accountNonce(member().address),
        fee: 1000n,
        expiryHeight: target.chain.height() + 100n,
        payload: { type: 'transfer', to: devnet.memberKeys[1]!.address, amount: 5n, memo: 'hostile' },
        ...overrides,
      };
    }

    /** The refusal as `CODE: reason`; its data must be the message whole with a machine code (docs/RPC.md). */
    async function refused(bytes: Uint8Array | string): Promise<string> {
      const reply = await postRaw(
        target.rpc.url,
        rpcBody('tx.submit', { transaction: typeof bytes === 'string' ? bytes : bytesToHex(bytes) }),
      );
      const message = expectError(reply, 200, -32002);
      expect(message.length).toBeGreaterThan(10);
      expect(message).not.toMatch(/Internal error/);
      expect(reply.body.error.data).toEqual({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), reason: message });
      return `${reply.body.error.data.code}: ${message}`;
    }

    it('another chain id, a bad signature, a used nonce, a fee below the minimum (and more) are -32002 with a readable reason', async () => {
      const secret = member().accountSecretKey;
      const chainId = target.chain.chainId;

      expect(await refused(sign(transfer(), secret, 'consortia-other-net'))).toMatch(
        /^BAD_SIGNATURE: .*signature does not verify for network "consortia-devnet"/,
      );

      const good = sign(transfer(), secret, chainId);
      const tampered = good.slice();
      tampered[tampered.length - 1]! ^= 0x01;
      expect(await refused(tampered)).toMatch(/^BAD_SIGNATURE: .*signature does not verify/);
      const wrongKey = sign(transfer(), devnet.memberKeys[1]!.accountSecretKey, chainId);
      expect(await refused(wrongKey)).toMatch(/^BAD_SIGNATURE: .*signature does not verify/);

      expect(await refused(sign(transfer({ fee: 999n }), secret, chainId))).toMatch(
        /^FEE_TOO_LOW: .*fee 999 is below the network minimum 1000/,
      );
      expect(await refused(sign(transfer({ expiryHeight: 1n }), secret, chainId))).toMatch(/^[A-Z_]+: .*expired/);
      expect(
        await refused(sign(transfer({ nonce: target.chain.accountNonce(member().address) + 1000n }), secret, chainId)),
      ).toMatch(/^NONCE_GAP: .*too far ahead/);
      expect(await refused('00ff00ff')).toMatch(/^MALFORMED: .*not validly encoded/);
      expect(await refused(new Uint8Array([...good, 0]))).toMatch(/^MALFORMED: .*not validly encoded/);

      // A nonce already used: one transfer is included, then another one with the same nonce is refused.
      const nonce = target.chain.accountNonce(member().address);
      const id = await submit(target, secret, {
        type: 'transfer',
        to: devnet.memberKeys[1]!.address,
        amount: 7n,
        memo: '',
      });
      await final(target, id);
      expect(await refused(sign(transfer({ nonce, fee: 2000n }), secret, chainId))).toMatch(
        new RegExp(`^NONCE_USED: .*Nonce ${nonce} is already used`),
      );
      // …and replaying the very transaction that was included says so.
      const status = await call(target.rpc.url, 'tx.status', { id });
      const block = blockCodec.decodeOrThrow(
        hexToBytes((await call(target.rpc.url, 'chain.block', { height: status.height })).block),
      );
      expect(await refused(signedTransactionCodec.encode(block.transactions[status.index]!))).toMatch(
        /^ALREADY_INCLUDED: .*already in a block/,
      );

      // Non-hex is a parameter error, not a refusal.
      const nonHex = await postRaw(target.rpc.url, rpcBody('tx.submit', { transaction: 'XYZ' }));
      expectError(nonHex, 200, -32602);

      await stillHealthy(target);
    });
  });
});
