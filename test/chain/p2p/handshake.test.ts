import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type HandshakeRejection } from '../../../chain/p2p/index.ts';
import { CHAIN_ID, Cluster, connected, GENESIS, hex, newKey, nextEvent, sleep, waitFor } from './helpers.ts';
import { RawPeer } from './raw-peer.ts';

const cluster = new Cluster();
afterEach(() => cluster.closeAll());

describe('P2P handshake', () => {
  it('connects admitted nodes, each knowing the other by its consensus key', async () => {
    const a = await cluster.start();
    const b = await cluster.start();
    a.addPeer(b.url);
    await waitFor(() => connected(a, b), 'a and b to connect');
    expect(a.peers()).toMatchObject([{ id: b.id, publicKey: b.id, direction: 'outbound', score: 0, listenUrl: b.url }]);
    expect(b.peers()).toMatchObject([{ id: a.id, direction: 'inbound', score: 0, listenUrl: a.url }]);
    expect(a.counters().handshakesCompleted).toBe(1);
  });

  it('takes the peer id from the TLS certificate, and sends a hello with no key in it', async () => {
    const node = await cluster.start();
    const key = newKey();
    cluster.admission.admit(key);
    const raw = await RawPeer.open(node.url, key);
    const { hello } = await raw.handshake();
    expect(hello).toEqual({
      type: 'hello',
      protocolVersion: 2,
      chainId: CHAIN_ID,
      genesisHash: hex(GENESIS),
      listenUrl: node.url,
    });
    await waitFor(() => node.peers().some((peer) => peer.id === key.id), 'the raw peer to be accepted');
    raw.close();
  });

  it('dials an old ws:// peer URL over TLS', async () => {
    const a = await cluster.start();
    const b = await cluster.start();
    expect(b.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/p2p$/);
    a.addPeer(b.url.replace(/^wss:/, 'ws:'));
    await waitFor(() => connected(a, b), 'a to reach b through its old URL');
  });

  it.each([
    ['wrong chain id', { chainId: 'some-other-chain' }, CloseCode.WRONG_CHAIN],
    ['wrong genesis hash', { genesisHash: new Uint8Array(32).fill(7) }, CloseCode.WRONG_GENESIS],
  ])('refuses a node on a %s', async (_name, options, code) => {
    const a = await cluster.start();
    const b = await cluster.start(newKey(), options);
    const refused = nextEvent<[HandshakeRejection]>(a, 'handshakeRejected');
    b.addPeer(a.url);
    const [rejection] = await refused;
    expect(rejection).toMatchObject({ code, local: true, direction: 'inbound' });
    expect(a.peers()).toEqual([]);
    expect(b.peers()).toEqual([]);
  });

  it('refuses a key that isAdmitted refuses, and the refused node learns why', async () => {
    const a = await cluster.start();
    const outsider = newKey();
    const b = await cluster.start(outsider);
    cluster.admission.ids.delete(outsider.id);
    const refusedHere = nextEvent<[HandshakeRejection]>(a, 'handshakeRejected');
    const refusedThere = nextEvent<[HandshakeRejection]>(b, 'handshakeRejected');
    b.addPeer(a.url);
    expect((await refusedHere)[0]).toMatchObject({ code: CloseCode.NOT_ADMITTED, local: true, publicKey: outsider.id });
    expect((await refusedThere)[0]).toMatchObject({
      code: CloseCode.NOT_ADMITTED,
      local: false,
      direction: 'outbound',
    });
    expect(a.peers()).toEqual([]);
  });

  it('refuses a client that shows no certificate', async () => {
    const node = await cluster.start();
    const anonymous = await RawPeer.open(node.url);
    expect(await anonymous.closed).toMatchObject({ code: CloseCode.BAD_CERTIFICATE });
    expect(node.peers()).toEqual([]);
  });

  it('refuses binary data sent before the hello', async () => {
    const node = await cluster.start();
    const key = newKey();
    cluster.admission.admit(key);
    const early = await RawPeer.open(node.url, key);
    await early.nextJson();
    early.sendBinary(new Uint8Array([1, 2, 3]));
    expect(await early.closed).toMatchObject({ code: CloseCode.PROTOCOL });
    expect(node.counters().handshakesRejected).toBe(1);
  });

  it('refuses malformed hellos, including one that claims a key of its own', async () => {
    const node = await cluster.start();
    const key = newKey();
    const other = newKey();
    cluster.admission.admit(key, other);
    const cases: unknown[] = [
      'not json',
      { type: 'auth', signature: '00'.repeat(64) },
      { type: 'hello', protocolVersion: 2, chainId: CHAIN_ID, genesisHash: hex(GENESIS).toUpperCase() },
      // The key comes from the certificate; a hello naming one (even another admitted key) is not of this protocol.
      { type: 'hello', protocolVersion: 2, chainId: CHAIN_ID, genesisHash: hex(GENESIS), publicKey: other.id },
    ];
    for (const message of cases) {
      const raw = await RawPeer.open(node.url, key);
      await raw.nextJson();
      if (typeof message === 'string') raw.socket.send(message);
      else raw.sendJson(message);
      expect(await raw.closed).toMatchObject({ code: CloseCode.PROTOCOL });
    }
    const old = await RawPeer.open(node.url, key);
    await old.nextJson();
    old.sendHello({ protocolVersion: 1 });
    expect(await old.closed).toMatchObject({ code: CloseCode.VERSION });
    expect(node.peers()).toEqual([]);
  });

  it('closes a connection whose handshake does not finish in time', async () => {
    const node = await cluster.start(newKey(), { limits: { handshakeTimeoutMs: 300 } });
    const key = newKey();
    cluster.admission.admit(key);
    const silent = await RawPeer.open(node.url, key);
    expect(await silent.closed).toMatchObject({ code: CloseCode.HANDSHAKE_TIMEOUT });
    expect(node.counters().handshakesRejected).toBe(1);
  });

  it('refuses options it cannot work with before listening', async () => {
    await expect(cluster.start(undefined, { peers: ['http://127.0.0.1:1/p2p'] })).rejects.toThrow(/ws:\/\//);
    await expect(cluster.start(undefined, { chainId: 'has space' })).rejects.toThrow(/chain id/);
    await expect(cluster.start(undefined, { genesisHash: new Uint8Array(31) })).rejects.toThrow(/32 bytes/);
    await expect(cluster.start(undefined, { limits: { messageBurst: 0 } })).rejects.toThrow(/messageBurst/);
  });

  it('recognises a connection to itself and stops dialing that URL', async () => {
    const node = await cluster.start();
    const refused = nextEvent<[HandshakeRejection]>(node, 'handshakeRejected');
    node.addPeer(node.url);
    expect((await refused)[0].code).toBe(CloseCode.SELF);
    await waitFor(() => node.counters().handshakesRejected === 2, 'both ends of the self-connection to refuse');
    await sleep(300); // ten redial periods at the test's backoff
    expect(node.counters().dialAttempts).toBe(1);
    expect(node.peers()).toEqual([]);
  });
});
