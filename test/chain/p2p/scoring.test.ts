import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type BanInfo, type HandshakeRejection, type P2PNode } from '../../../chain/p2p/index.ts';
import { Cluster, connected, newKey, nextEvent, sleep, utf8, waitFor, type Key } from './helpers.ts';
import { RawPeer } from './raw-peer.ts';

const TX = 1;

const cluster = new Cluster();
afterEach(() => cluster.closeAll());

/**
 * Two honest nodes a-b with a counting TX handler that rejects payloads starting with "bad". Scores do
 * not recover here, so the number of offences to a ban is exact.
 */
async function honestPair(limits = {}) {
  const seen = new Map<P2PNode, string[]>();
  const start = async () => {
    const node = await cluster.start(newKey(), { limits: { scoreRecoveryPerSecond: 0, ...limits } });
    seen.set(node, []);
    node.registerTopic(TX, {
      maxBytes: 100,
      gossip: true,
      handle(payload) {
        const text = Buffer.from(payload).toString();
        seen.get(node)!.push(text);
        if (text.startsWith('flood')) return 'ignore'; // not relayed, so b's own rate limit stays out of the flood test
        return text.startsWith('bad') ? 'reject' : 'accept';
      },
    });
    return node;
  };
  const a = await start();
  const b = await start();
  b.addPeer(a.url);
  await waitFor(() => connected(a, b), 'the honest pair');
  return { a, b, seenBy: (node: P2PNode) => seen.get(node)! };
}

/** A raw client, admitted, that completes an honest handshake with the node. */
async function hostile(node: P2PNode, key: Key): Promise<RawPeer> {
  cluster.admission.admit(key);
  const raw = await RawPeer.open(node.url, key);
  await raw.handshake();
  await waitFor(() => node.peers().some((peer) => peer.id === key.id), 'the hostile peer to be admitted');
  return raw;
}

/** After a ban: the peer is gone, a new handshake is refused, and the honest pair still gossips. */
async function expectBannedAndHonestWorking(a: P2PNode, b: P2PNode, key: Key, seenByB: string[]): Promise<void> {
  expect(a.isBanned(key.id)).toBe(true);
  expect(a.peers().map((peer) => peer.id)).toEqual([b.id]);
  const again = await RawPeer.open(a.url, key);
  expect(await again.closed).toMatchObject({ code: CloseCode.BANNED });
  a.broadcast(TX, utf8('still working'));
  await waitFor(() => seenByB.includes('still working'), 'honest gossip after the ban');
}

const frame = (topic: number, text: string) => Buffer.concat([Buffer.from([topic]), Buffer.from(text)]);

describe('P2P scoring and bans', () => {
  it.each([
    ['oversized payloads', () => frame(TX, 'x'.repeat(101)), 2],
    ['malformed frames', () => Buffer.from([0xf5, 1, 2]), 2],
    ['truncated requests', () => Buffer.from([0xf0, 1, 0]), 2],
    ['unknown topics', () => frame(99, 'hello'), 5],
    ['payloads the handler rejects', () => frame(TX, `bad ${Math.random()}`), 5],
  ])('scores down, disconnects and bans a peer sending %s', async (_name, makeFrame, framesToBan) => {
    const { a, b, seenBy } = await honestPair();
    const key = newKey();
    const raw = await hostile(a, key);
    const banned = nextEvent<[BanInfo]>(a, 'peerBanned');
    for (let i = 0; i < framesToBan - 1; i++) raw.sendBinary(makeFrame());
    await waitFor(() => a.counters().penalties === framesToBan - 1, 'the first penalties');
    const score = a.peers().find((peer) => peer.id === key.id)!.score;
    expect(score).toBeLessThan(0);
    expect(score).toBeGreaterThan(a.limits.banScore);
    raw.sendBinary(makeFrame());
    expect((await banned)[0]).toMatchObject({ id: key.id });
    expect(await raw.closed).toMatchObject({ code: CloseCode.MISBEHAVIOUR });
    await expectBannedAndHonestWorking(a, b, key, seenBy(b));
    expect(seenBy(b).filter((text) => text.startsWith('bad'))).toEqual([]); // rejected data never travels on
  });

  it('treats text frames after the handshake as malformed', async () => {
    const { a, b, seenBy } = await honestPair();
    const key = newKey();
    const raw = await hostile(a, key);
    raw.sendJson({ type: 'hello' });
    raw.sendJson({ type: 'hello' });
    expect(await raw.closed).toMatchObject({ code: CloseCode.MISBEHAVIOUR });
    await expectBannedAndHonestWorking(a, b, key, seenBy(b));
  });

  it('penalises frames over the WebSocket limit, which also cut the connection', async () => {
    const { a, b, seenBy } = await honestPair({ maxFrameBytes: 16 * 1024 });
    const key = newKey();
    for (let round = 0; round < 2; round++) {
      const raw = await hostile(a, key);
      raw.sendBinary(new Uint8Array(20 * 1024));
      // ws closes with 1009 (message too big) on its own; the score is kept by key across connections.
      expect((await raw.closed).code).toBe(1009);
      expect(a.isBanned(key.id)).toBe(round === 1);
    }
    await expectBannedAndHonestWorking(a, b, key, seenBy(b));
  });

  it('drops frames over the rate limit and bans a flooding peer', async () => {
    const { a, b, seenBy } = await honestPair({ messagesPerSecond: 5, messageBurst: 10 });
    const key = newKey();
    const raw = await hostile(a, key);
    for (let i = 0; i < 200; i++) raw.sendBinary(frame(TX, `flood ${i}`));
    expect(await raw.closed).toMatchObject({ code: CloseCode.MISBEHAVIOUR });
    expect(a.counters().rateLimited).toBeGreaterThanOrEqual(50);
    expect(seenBy(a).length).toBeLessThanOrEqual(20);
    await expectBannedAndHonestWorking(a, b, key, seenBy(b));
  });

  it('does not redial a banned peer, and refuses its own dials', async () => {
    const { a, b, seenBy } = await honestPair();
    const rogue = await cluster.start();
    rogue.registerTopic(99, { maxBytes: 100, gossip: false, handle: () => 'accept' });
    a.addPeer(rogue.url);
    await waitFor(() => connected(a, rogue), 'a to dial the rogue node');
    const banned = nextEvent<[BanInfo]>(a, 'peerBanned');
    for (let i = 0; i < 5; i++) rogue.send(a.id, 99, utf8(`junk ${i}`));
    await banned;
    await waitFor(() => rogue.peers().length === 0, 'the rogue to be cut off');
    const dials = a.counters().dialAttempts;

    const refused = nextEvent<[HandshakeRejection]>(rogue, 'handshakeRejected');
    rogue.addPeer(a.url);
    expect((await refused)[0]).toMatchObject({ code: CloseCode.BANNED, local: false });
    await sleep(400); // many redial periods at the test's backoff
    expect(a.counters().dialAttempts).toBe(dials);
    expect(connected(a, rogue)).toBe(false);
    a.broadcast(TX, utf8('after the rogue'));
    await waitFor(() => seenBy(b).includes('after the rogue'), 'honest gossip');
  });

  it('penalises a peer that repeats a message already judged invalid', async () => {
    const { a } = await honestPair();
    const key = newKey();
    const raw = await hostile(a, key);
    raw.sendBinary(frame(TX, 'bad once'));
    raw.sendBinary(frame(TX, 'bad once'));
    await waitFor(() => a.counters().penalties === 2, 'two penalties');
    expect(a.counters()).toMatchObject({ messagesRejected: 1, duplicates: 1 });
    raw.close();
  });
});
