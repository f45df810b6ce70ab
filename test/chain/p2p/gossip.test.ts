import { afterEach, describe, expect, it } from 'vitest';
import type { P2PNode, PeerRef, Verdict } from '../../../chain/p2p/index.ts';
import { Cluster, connected, hex, sleep, utf8, waitFor } from './helpers.ts';

const TX = 1;
const DIRECT = 2;

const cluster = new Cluster();
afterEach(() => cluster.closeAll());

/** Records every payload a node's handler saw, by payload hex. */
function recorder(
  node: P2PNode,
  topic: number,
  judge: (payload: Uint8Array) => Verdict | Promise<Verdict> = () => 'accept',
  gossip = true,
) {
  const calls = new Map<string, PeerRef[]>();
  node.registerTopic(topic, {
    maxBytes: 1024,
    gossip,
    handle(payload, peer) {
      calls.set(hex(payload), [...(calls.get(hex(payload)) ?? []), peer]);
      return judge(payload);
    },
  });
  return {
    count: (payload: Uint8Array) => calls.get(hex(payload))?.length ?? 0,
    from: (payload: Uint8Array) => calls.get(hex(payload)) ?? [],
  };
}

/** Frames still travelling show up as growing counters; wait until none have arrived for a while. */
async function quiet(nodes: P2PNode[]): Promise<void> {
  let last = -1;
  for (;;) {
    const total = nodes.reduce((sum, node) => sum + node.counters().framesIn, 0);
    if (total === last) return;
    last = total;
    await sleep(100);
  }
}

describe('P2P gossip', () => {
  it('delivers a broadcast around a ring to every node exactly once, without loops', async () => {
    const nodes = [await cluster.start(), await cluster.start(), await cluster.start(), await cluster.start()];
    const records = nodes.map((node) => recorder(node, TX));
    for (let i = 0; i < nodes.length; i++) nodes[i]!.addPeer(nodes[(i + 1) % nodes.length]!.url);
    for (let i = 0; i < nodes.length; i++)
      await waitFor(() => connected(nodes[i]!, nodes[(i + 1) % nodes.length]!), `ring link ${i}`);

    const messages = [utf8('first'), utf8('second'), utf8('third')];
    for (const [i, message] of messages.entries()) expect(nodes[i]!.broadcast(TX, message)).toBe(2);
    await waitFor(
      () => messages.every((m, i) => records.every((r, j) => i === j || r.count(m) === 1)),
      'every message everywhere',
    );
    await quiet(nodes);

    for (const [i, message] of messages.entries()) {
      records.forEach((record, j) => expect(record.count(message)).toBe(i === j ? 0 : 1));
    }
    for (const node of nodes) {
      const counters = node.counters();
      expect(counters.messagesAccepted).toBe(messages.length - (nodes.indexOf(node) < messages.length ? 1 : 0));
      // Each message reaches a node at most once per neighbour: two neighbours in a ring.
      expect(counters.messagesAccepted + counters.duplicates).toBeLessThanOrEqual(2 * messages.length);
      expect(counters.penalties).toBe(0);
    }
  });

  it('forwards only accepted messages of gossiping topics, and waits for asynchronous verdicts', async () => {
    const [a, b, c] = [await cluster.start(), await cluster.start(), await cluster.start()];
    recorder(a, TX);
    recorder(a, DIRECT, () => 'accept', false);
    const atB = recorder(b, TX, async (payload) => (payload[0] === 0x21 ? 'ignore' : 'accept'));
    const directAtB = recorder(b, DIRECT, () => 'accept', false);
    const atC = recorder(c, TX);
    const directAtC = recorder(c, DIRECT, () => 'accept', false);
    a.addPeer(b.url);
    b.addPeer(c.url);
    await waitFor(() => connected(a, b) && connected(b, c), 'the line a-b-c');

    const ignored = utf8('!stale');
    const local = utf8('for b only');
    const accepted = utf8('valid');
    a.broadcast(TX, ignored);
    a.broadcast(DIRECT, local);
    a.broadcast(TX, accepted);
    await waitFor(() => atC.count(accepted) === 1, 'the accepted message at c');
    // b→c is one ordered stream, so had b forwarded the earlier two they would have arrived first.
    expect(atB.count(ignored)).toBe(1);
    expect(directAtB.count(local)).toBe(1);
    expect(atC.count(ignored)).toBe(0);
    expect(directAtC.count(local)).toBe(0);
    expect(atC.from(accepted)[0]!.id).toBe(b.id);
    expect(b.counters()).toMatchObject({ messagesIgnored: 1, messagesAccepted: 2, forwarded: 1 });
  });

  it('sends a direct message to one peer only', async () => {
    const [a, b, c] = [await cluster.start(), await cluster.start(), await cluster.start()];
    recorder(a, DIRECT, () => 'accept', false);
    const atB = recorder(b, DIRECT, () => 'accept', false);
    const atC = recorder(c, DIRECT, () => 'accept', false);
    a.addPeer(b.url);
    a.addPeer(c.url);
    await waitFor(() => connected(a, b) && connected(a, c), 'a to reach b and c');
    expect(a.send(c.id, DIRECT, utf8('to c'))).toBe(true);
    expect(a.send(b.id, DIRECT, utf8('to b'))).toBe(true);
    expect(a.send('00'.repeat(32), DIRECT, utf8('to nobody'))).toBe(false);
    await waitFor(() => atB.count(utf8('to b')) === 1 && atC.count(utf8('to c')) === 1, 'both direct messages');
    expect(atB.count(utf8('to c'))).toBe(0);
    expect(atC.count(utf8('to b'))).toBe(0);
  });

  it('refuses to send on an unregistered topic or over the topic size', async () => {
    const node = await cluster.start();
    recorder(node, TX);
    expect(() => node.broadcast(9, utf8('x'))).toThrow(/not registered/);
    expect(() => node.broadcast(TX, new Uint8Array(1025))).toThrow(/exceeds/);
    expect(() => node.registerTopic(TX, { maxBytes: 1, gossip: true, handle: () => 'accept' })).toThrow(
      /already registered/,
    );
    expect(() => node.registerTopic(0xf0, { maxBytes: 1, gossip: true, handle: () => 'accept' })).toThrow(RangeError);
  });
});
