import { afterEach, describe, expect, it } from 'vitest';
import { P2PError, type P2PNode } from '../../../chain/p2p/index.ts';
import { Cluster, connected, utf8, waitFor } from './helpers.ts';

const BLOCKS = 1;
const HANG = 2;
const FAIL = 3;
const SLOW = 4;

const cluster = new Cluster();
afterEach(() => cluster.closeAll());

/** a dials b; b answers BLOCKS with the payload reversed, SLOW after 300 ms, HANG never, and throws on FAIL. */
async function pair(limitsA = {}, limitsB = {}): Promise<{ a: P2PNode; b: P2PNode; askedBy: string[] }> {
  const a = await cluster.start(undefined, { limits: limitsA });
  const b = await cluster.start(undefined, { limits: limitsB });
  const askedBy: string[] = [];
  b.registerRequest(BLOCKS, {
    maxBytes: 16,
    handle(payload, peer) {
      askedBy.push(peer.id);
      return Uint8Array.from(payload).reverse();
    },
  });
  b.registerRequest(HANG, { maxBytes: 16, handle: () => new Promise<Uint8Array>(() => {}) });
  b.registerRequest(SLOW, {
    maxBytes: 16,
    handle: () => new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(utf8('late')), 300)),
  });
  b.registerRequest(FAIL, {
    maxBytes: 16,
    handle: async () => {
      throw new Error('no block at height 7');
    },
  });
  a.addPeer(b.url);
  await waitFor(() => connected(a, b), 'a and b');
  return { a, b, askedBy };
}

const failure = (promise: Promise<unknown>): Promise<P2PError> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(P2PError);
      return error as P2PError;
    },
  );

describe('P2P requests', () => {
  it('answers requests, many at once, each matched to its id', async () => {
    const { a, b, askedBy } = await pair();
    const answers = await Promise.all([1, 2, 3, 4].map((n) => a.request(b.id, BLOCKS, Uint8Array.of(n, 0, 9))));
    expect(answers.map((answer) => [...answer])).toEqual([1, 2, 3, 4].map((n) => [9, 0, n]));
    expect(askedBy).toEqual([a.id, a.id, a.id, a.id]);
    expect(b.counters().requestsIn).toBe(4);
    expect(a.counters().requestsOut).toBe(4);
  });

  it('times out cleanly when the peer does not answer, and ignores a late answer', async () => {
    const { a, b } = await pair();
    const error = await failure(a.request(b.id, HANG, utf8('?'), { timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect((await failure(a.request(b.id, SLOW, utf8('?'), { timeoutMs: 50 }))).code).toBe('timeout');
    expect(a.counters().requestTimeouts).toBe(2);
    await waitFor(() => a.counters().lateResponses === 1, 'the slow answer to arrive after its timeout');
    expect([...(await a.request(b.id, BLOCKS, Uint8Array.of(1, 2)))]).toEqual([2, 1]);
  });

  it('reports remote failures by kind', async () => {
    const { a, b } = await pair();
    expect(await failure(a.request(b.id, FAIL, utf8('7')))).toMatchObject({
      code: 'remote-error',
      message: 'no block at height 7',
    });
    expect((await failure(a.request(b.id, 9, utf8('?')))).code).toBe('unknown-topic');
    expect((await failure(a.request(b.id, BLOCKS, new Uint8Array(17)))).code).toBe('too-large');
    expect((await failure(a.request('ab'.repeat(32), BLOCKS, utf8('?')))).code).toBe('not-connected');
    // Asking for what was never offered, or too much, counts against the asker.
    await waitFor(() => b.counters().penalties === 2, 'b to penalise a');
    expect(b.peers()[0]!.score).toBeLessThan(0);
  });

  it('bounds requests in flight per peer on both sides', async () => {
    const { a, b } = await pair({ maxConcurrentRequests: 2 }, { maxConcurrentRequests: 1 });
    // Each failure is awaited later; wrapping at once keeps the rejection handled meanwhile.
    const first = failure(a.request(b.id, HANG, utf8('1'), { timeoutMs: 500 }));
    const second = failure(a.request(b.id, HANG, utf8('2'), { timeoutMs: 500 }));
    // b serves one at a time, so a's second is answered "busy"; a itself allows only two in flight.
    expect((await second).code).toBe('busy');
    const third = failure(a.request(b.id, HANG, utf8('3'), { timeoutMs: 500 }));
    expect((await failure(a.request(b.id, BLOCKS, utf8('4')))).code).toBe('too-many-requests');
    expect((await first).code).toBe('timeout');
    expect((await third).code).toBe('busy');
  });

  it('fails requests in flight when the peer goes away', async () => {
    const { a, b } = await pair();
    const pending = failure(a.request(b.id, HANG, utf8('?'), { timeoutMs: 20_000 }));
    await waitFor(() => b.counters().requestsIn === 1, 'the request to arrive');
    await b.close();
    expect((await pending).code).toBe('disconnected');
  });

  it('fails its own requests in flight when it shuts down', async () => {
    const { a, b } = await pair();
    const pending = failure(a.request(b.id, HANG, utf8('?'), { timeoutMs: 20_000 }));
    await a.close();
    expect((await pending).code).toBe('closed');
  });
});
