// Issue 11, confidentiality: a passive recording of the traffic between two nodes does not contain what they gossip.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, connected, waitFor } from '../p2p/helpers.ts';
import { RecordingProxy } from './transport-helpers.ts';

const TX = 1;
const cluster = new Cluster();
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await cluster.closeAll();
  await proxy?.close();
});

describe('a passive capture between two nodes', () => {
  it('holds none of the bytes of a transaction that went through it', async () => {
    const a = await cluster.start();
    const b = await cluster.start();
    const received: Buffer[] = [];
    b.registerTopic(TX, {
      maxBytes: 4096,
      gossip: true,
      handle: (payload) => (received.push(Buffer.from(payload)), 'accept'),
    });
    a.registerTopic(TX, { maxBytes: 4096, gossip: true, handle: () => 'accept' });
    proxy = await RecordingProxy.start(b.port);
    a.addPeer(proxy.url); // every byte between a and b goes through the recorder
    await waitFor(() => connected(a, b), 'a and b to connect through the recorder');

    const transaction = randomBytes(512);
    expect(a.broadcast(TX, transaction)).toBe(1);
    await waitFor(() => received.some((payload) => payload.equals(transaction)), 'b to receive the transaction');

    const captured = proxy.bytes();
    expect(captured.length).toBeGreaterThan(transaction.length); // the transaction did cross the recorder…
    expect(captured.includes(transaction)).toBe(false); // …but not in the clear,
    for (let at = 0; at + 16 <= transaction.length; at += 16)
      expect(captured.includes(transaction.subarray(at, at + 16))).toBe(false); // nor any 16 bytes of it
  });
});
