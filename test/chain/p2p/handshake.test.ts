import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type HandshakeRejection } from '../../../chain/p2p/index.ts';
import { SigningDomain, verifyDomain } from '../../../shared/core/crypto/index.ts';
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

  it('answers with a signature over its peer challenge, its own key and the peer key, in the HANDSHAKE domain', async () => {
    const node = await cluster.start();
    const key = newKey();
    cluster.admission.admit(key);
    const raw = await RawPeer.open(node.url);
    const { hello, auth } = await raw.handshake(key);
    expect(hello).toMatchObject({ type: 'hello', protocolVersion: 1, chainId: CHAIN_ID, genesisHash: hex(GENESIS), publicKey: node.id, listenUrl: node.url });
    const signed = Buffer.concat([raw.challenge, node.publicKey, key.publicKey]);
    expect(verifyDomain(SigningDomain.HANDSHAKE, CHAIN_ID, signed, Buffer.from(auth.signature, 'hex'), node.publicKey)).toBe(true);
    await waitFor(() => node.peers().some((peer) => peer.id === key.id), 'the raw peer to be accepted');
    raw.close();
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
    expect((await refusedThere)[0]).toMatchObject({ code: CloseCode.NOT_ADMITTED, local: false, direction: 'outbound' });
    expect(a.peers()).toEqual([]);
  });

  it('refuses a forged signature from a hand-written client', async () => {
    const node = await cluster.start();
    const key = newKey();
    const impostor = newKey();
    cluster.admission.admit(key);
    const raw = await RawPeer.open(node.url);
    const hello = await raw.nextJson();
    raw.sendHello(key);
    // Signed with the wrong secret key for the claimed public key.
    const forged = RawPeer.authSignature(impostor, Buffer.from(hello.challenge, 'hex'), node.publicKey);
    raw.sendJson({ type: 'auth', signature: hex(forged) });
    expect(await raw.closed).toMatchObject({ code: CloseCode.BAD_SIGNATURE });
    expect(node.peers()).toEqual([]);
  });

  it('refuses a captured signature replayed in a new session', async () => {
    const node = await cluster.start();
    const key = newKey();
    cluster.admission.admit(key);
    const first = await RawPeer.open(node.url);
    const firstHello = await first.nextJson();
    first.sendHello(key);
    const captured = RawPeer.authSignature(key, Buffer.from(firstHello.challenge, 'hex'), node.publicKey);
    first.sendJson({ type: 'auth', signature: hex(captured) });
    await waitFor(() => node.peers().length === 1, 'the first session to authenticate');
    first.close();
    await waitFor(() => node.peers().length === 0, 'the first session to end');

    // Someone who saw that exchange replays it, challenge and all, without the secret key.
    const second = await RawPeer.open(node.url);
    await second.nextJson();
    second.sendJson({ type: 'hello', protocolVersion: 1, chainId: CHAIN_ID, genesisHash: hex(GENESIS), publicKey: key.id, challenge: hex(first.challenge) });
    second.sendJson({ type: 'auth', signature: hex(captured) });
    expect(await second.closed).toMatchObject({ code: CloseCode.BAD_SIGNATURE });
  });

  it('refuses a signature relayed from a session with another node', async () => {
    const victim = await cluster.start();
    const target = await cluster.start();
    const mallory = newKey();
    cluster.admission.admit(mallory);
    // Mallory claims to be the victim towards the target…
    const toTarget = await RawPeer.open(target.url);
    const targetHello = await toTarget.nextJson();
    toTarget.sendJson({ type: 'hello', protocolVersion: 1, chainId: CHAIN_ID, genesisHash: hex(GENESIS), publicKey: victim.id, challenge: hex(toTarget.challenge) });
    // …and gets the victim to sign the target's challenge in a session of her own.
    const toVictim = await RawPeer.open(victim.url);
    await toVictim.nextJson();
    toVictim.sendHello(mallory, { challenge: targetHello.challenge });
    const victimAuth = await toVictim.nextJson();
    toTarget.sendJson(victimAuth);
    expect(await toTarget.closed).toMatchObject({ code: CloseCode.BAD_SIGNATURE });
    expect(target.peers()).toEqual([]);
    toVictim.close();
  });

  it('refuses binary data sent before the handshake completes', async () => {
    const node = await cluster.start();
    const early = await RawPeer.open(node.url);
    early.sendBinary(new Uint8Array([1, 2, 3]));
    expect(await early.closed).toMatchObject({ code: CloseCode.PROTOCOL });

    const key = newKey();
    cluster.admission.admit(key);
    const midway = await RawPeer.open(node.url);
    await midway.nextJson();
    midway.sendHello(key);
    midway.sendBinary(new Uint8Array([1, 2, 3]));
    expect(await midway.closed).toMatchObject({ code: CloseCode.PROTOCOL });
    expect(node.counters().handshakesRejected).toBe(2);
  });

  it('refuses malformed hellos', async () => {
    const node = await cluster.start();
    const key = newKey();
    cluster.admission.admit(key);
    const cases: unknown[] = [
      'not json',
      { type: 'auth', signature: '00'.repeat(64) },
      { type: 'hello', protocolVersion: 1, chainId: CHAIN_ID, genesisHash: hex(GENESIS), publicKey: key.id.toUpperCase(), challenge: '00'.repeat(32) },
      { type: 'hello', protocolVersion: 1, chainId: CHAIN_ID, genesisHash: hex(GENESIS), publicKey: key.id, challenge: '00'.repeat(32), extra: 1 },
    ];
    for (const message of cases) {
      const raw = await RawPeer.open(node.url);
      if (typeof message === 'string') raw.socket.send(message);
      else raw.sendJson(message);
      expect(await raw.closed).toMatchObject({ code: CloseCode.PROTOCOL });
    }
    const old = await RawPeer.open(node.url);
    old.sendHello(key, { protocolVersion: 0 });
    expect(await old.closed).toMatchObject({ code: CloseCode.VERSION });
  });

  it('closes a connection whose handshake does not finish in time', async () => {
    const node = await cluster.start(newKey(), { limits: { handshakeTimeoutMs: 300 } });
    const silent = await RawPeer.open(node.url);
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
