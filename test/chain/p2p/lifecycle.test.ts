import { describe, expect, it } from 'vitest';
import { CloseCode, type CloseInfo, type PeerInfo } from '../../../chain/p2p/index.ts';
import { Cluster, connected, nextEvent, waitFor } from './helpers.ts';

/** Sockets, servers and timers still alive in this worker (vitest gives each test file its own). */
const liveResources = () => process.getActiveResourcesInfo().filter((kind) => /TCP|Timeout/.test(kind)).length;

describe('P2P shutdown', () => {
  it('closes every socket, server and timer, telling peers why', async () => {
    const before = liveResources();
    const cluster = new Cluster();
    const nodes = [await cluster.start(), await cluster.start(), await cluster.start()];
    const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
    a.addPeer(b.url);
    b.addPeer(c.url);
    c.addPeer(a.url);
    a.addPeer('ws://127.0.0.1:1/p2p'); // a dead address keeps a's dialer in backoff
    await waitFor(() => connected(a, b) && connected(b, c) && connected(c, a), 'the triangle');
    expect(liveResources()).toBeGreaterThan(before);

    const told = nextEvent<[PeerInfo, CloseInfo]>(b, 'peerDisconnected');
    await a.close();
    expect((await told)[1]).toMatchObject({ code: CloseCode.SHUTDOWN, reason: 'node shutting down', local: false });
    await Promise.all([a.close(), b.close(), c.close()]); // closing twice is harmless
    await waitFor(() => liveResources() <= before, 'every handle to be released');
    expect(a.peers()).toEqual([]);
  });
});
