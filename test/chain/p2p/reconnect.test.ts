import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type CloseInfo, type PeerInfo } from '../../../chain/p2p/index.ts';
import { Cluster, connected, newKey, nextEvent, utf8, waitFor } from './helpers.ts';
import { RawPeer } from './raw-peer.ts';

const TX = 1;

const cluster = new Cluster();
afterEach(() => cluster.closeAll());

describe('P2P connections over time', () => {
  it('reconnects to a node that restarts on the same port, and gossips again', async () => {
    const a = await cluster.start();
    const received: string[] = [];
    a.registerTopic(TX, { maxBytes: 64, gossip: true, handle: () => 'accept' });
    const bKey = newKey();
    const b1 = await cluster.start(bKey);
    b1.registerTopic(TX, { maxBytes: 64, gossip: true, handle: () => 'accept' });
    a.addPeer(b1.url);
    await waitFor(() => connected(a, b1), 'the first connection');

    const lost = nextEvent<[PeerInfo, CloseInfo]>(a, 'peerDisconnected');
    await b1.close();
    const [peer, close] = await lost;
    expect(peer.id).toBe(bKey.id);
    expect(close).toMatchObject({ code: CloseCode.SHUTDOWN, local: false });

    const b2 = await cluster.start(bKey, { port: b1.port });
    b2.registerTopic(TX, {
      maxBytes: 64,
      gossip: true,
      handle(payload) {
        received.push(Buffer.from(payload).toString());
        return 'accept';
      },
    });
    await waitFor(() => connected(a, b2), 'a to redial the restarted node');
    expect(a.peers()).toMatchObject([{ id: bKey.id, direction: 'outbound' }]);
    a.broadcast(TX, utf8('after restart'));
    await waitFor(() => received.includes('after restart'), 'gossip after the restart');
  });

  it('keeps exactly one connection, the one dialed by the lower key, when two nodes dial each other', async () => {
    const a = await cluster.start();
    const b = await cluster.start();
    a.addPeer(b.url);
    b.addPeer(a.url);
    await waitFor(
      () => a.counters().handshakesCompleted === 2 && b.counters().handshakesCompleted === 2,
      'both dials to authenticate',
    );
    await waitFor(() => connected(a, b), 'the surviving connection');
    const lower = a.id < b.id ? a : b;
    const higher = lower === a ? b : a;
    expect(lower.peers()).toMatchObject([{ id: higher.id, direction: 'outbound' }]);
    expect(higher.peers()).toMatchObject([{ id: lower.id, direction: 'inbound' }]);
    expect(a.counters().duplicateConnections).toBe(1);
    expect(b.counters().duplicateConnections).toBe(1);
  });

  it('drops a peer that stops answering pings', async () => {
    const node = await cluster.start(newKey(), { limits: { pingIntervalMs: 100 } });
    const key = newKey();
    cluster.admission.admit(key);
    const raw = await RawPeer.open(node.url, key);
    await raw.handshake();
    await waitFor(() => node.peers().length === 1, 'the raw peer to join');
    const lost = nextEvent<[PeerInfo, CloseInfo]>(node, 'peerDisconnected');
    raw.socket.pause(); // reads nothing more, so never answers a ping
    expect((await lost)[1]).toMatchObject({ code: CloseCode.PING_TIMEOUT, local: true });
    raw.close();
  });

  it('drops peers no longer admitted when asked to revalidate', async () => {
    const a = await cluster.start();
    const bKey = newKey();
    const b = await cluster.start(bKey);
    a.addPeer(b.url);
    await waitFor(() => connected(a, b), 'a and b');
    expect(a.revalidatePeers()).toBe(0);
    cluster.admission.ids.delete(bKey.id);
    expect(a.revalidatePeers()).toBe(1);
    expect(a.peers()).toEqual([]);
    const refused = nextEvent(a, 'handshakeRejected');
    await refused; // a's redial is now refused at the handshake
    expect(connected(a, b)).toBe(false);
  });
});
