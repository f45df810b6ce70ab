// Issue 11, chain halt: no session can get an honest peer banned — not by tampering on the path, not by
// misbehaving from the same loopback address, not even by misbehaving with the same key from another address.
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, type P2PNode } from '../../../chain/p2p/index.ts';
import { Cluster, connected, newKey, utf8, waitFor, type Key } from '../p2p/helpers.ts';
import { RawPeer } from '../p2p/raw-peer.ts';
import { RecordingProxy } from './transport-helpers.ts';

const TX = 1;
const cluster = new Cluster();
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await cluster.closeAll();
  await proxy?.close();
});

async function node(received: string[] = []): Promise<P2PNode> {
  const started = await cluster.start(newKey(), { limits: { scoreRecoveryPerSecond: 0 } });
  started.registerTopic(TX, {
    maxBytes: 1024,
    gossip: true,
    handle: (payload) => (received.push(Buffer.from(payload).toString()), 'accept'),
  });
  return started;
}

/** Two malformed frames: enough for a ban (malformed costs 50, the ban is at −100). */
async function misbehave(target: P2PNode, key: Key, localAddress?: string): Promise<void> {
  const raw = await RawPeer.open(target.url, key, localAddress);
  await raw.handshake();
  await waitFor(() => target.peers().some((p) => p.id === key.id), 'the misbehaving session to be admitted');
  raw.sendBinary(Buffer.from([0xf5]));
  raw.sendBinary(Buffer.from([0xf5]));
  expect(await raw.closed).toMatchObject({ code: CloseCode.MISBEHAVIOUR });
}

describe('bans', () => {
  it('tampering on the path cuts the connection but charges no one, and the pair reconnects', async () => {
    const xReceived: string[] = [];
    const x = await node(xReceived);
    const v = await node();
    let tamper = false;
    let tampered = 0;
    proxy = await RecordingProxy.start(x.port, {
      tamper(chunk, direction) {
        if (!tamper || direction !== 'toServer') return chunk;
        tampered++;
        const copy = Buffer.from(chunk);
        copy[copy.length - 1]! ^= 0xff; // what injecting "malformed frames" into the session now amounts to
        return copy;
      },
    });
    v.addPeer(proxy.url);
    for (let round = 0; round < 3; round++) {
      await waitFor(() => connected(v, x), 'v and x (again)');
      tamper = true;
      v.broadcast(TX, utf8(`tampered ${round}`));
      await waitFor(() => v.peers().length === 0 && x.peers().length === 0, 'the tampered connection to drop');
      tamper = false;
    }
    expect(tampered).toBeGreaterThanOrEqual(3);
    expect(xReceived.filter((text) => text.startsWith('tampered'))).toEqual([]);
    expect(x.isBanned(v.id) || v.isBanned(x.id)).toBe(false);
    expect(x.counters().penalties + v.counters().penalties).toBe(0);
    await waitFor(() => connected(v, x), 'v and x to reconnect');
    v.broadcast(TX, utf8('after the tampering'));
    await waitFor(() => xReceived.includes('after the tampering'), 'gossip after the tampering');
  });

  it('a peer banned on loopback does not lock out the honest peers on the same address', async () => {
    const a = await node();
    const honest = await node();
    const mallory = newKey();
    cluster.admission.admit(mallory);
    await misbehave(a, mallory);
    expect(a.isBanned(mallory.id)).toBe(true);
    honest.addPeer(a.url);
    await waitFor(() => connected(a, honest), 'the honest peer on 127.0.0.1 to connect');
    const again = await RawPeer.open(a.url, mallory);
    expect(await again.closed).toMatchObject({ code: CloseCode.BANNED });
  });

  it('a session misbehaving with a copied key from another address does not get the key holder banned', async () => {
    const a = await node();
    const holderKey = newKey();
    cluster.admission.admit(holderKey);
    await misbehave(a, holderKey, '127.0.0.2'); // e.g. a leaked key, or a second machine misconfigured with it
    expect(a.isBannedFrom(holderKey.id, '127.0.0.2')).toBe(true);
    expect(a.isBannedFrom(holderKey.id, '127.0.0.1')).toBe(false);
    const holder = await cluster.start(holderKey);
    holder.addPeer(a.url);
    await waitFor(() => connected(a, holder), 'the key holder on 127.0.0.1 to connect');
    const fromBanned = await RawPeer.open(a.url, holderKey, '127.0.0.2');
    expect(await fromBanned.closed).toMatchObject({ code: CloseCode.BANNED });
  });
});
