import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import * as z from 'zod';
import { RPC_TOPICS } from '../../../shared/contract/rpc.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { rpcDispatcher } from '../../../chain/rpc/methods.ts';
import { method, RpcDispatcher } from '../../../chain/rpc/jsonrpc.ts';
import { startRpcServer, type RpcServer } from '../../../chain/rpc/server.ts';
import { makeDevnet, postRaw, sleep, startInProcess, waitUntil } from '../resilience/helpers.ts';
import { rawConnect, rawExchange, statusOf } from './raw-http.ts';

const batchOf = (count: number, name: string, params: unknown) =>
  JSON.stringify(Array.from({ length: count }, (_, id) => ({ jsonrpc: '2.0', id, method: name, params })));

/**
 * RPC cost, response size and slow clients, on real sockets against the node's real methods: a one-producer
 * node in this process, with a second RPC server over its methods whose limits are small enough to reach.
 */
describe('RPC cost and size limits on the real methods', () => {
  let node: ConsortiaNode;
  let dir: string;
  const servers: RpcServer[] = [];

  beforeAll(async () => {
    const made = makeDevnet(1, { seed: 112, blockIntervalMs: 200 });
    dir = made.dir;
    node = await startInProcess(made.devnet, dir, 0);
    // Each block ends a DPoS round here (one producer, one block per turn): a dozen hand-offs to answer.
    await waitUntil(() => node.chain.height() >= 14n, 60_000, 'the node to produce 14 blocks');
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const serve = async (limits: Parameters<typeof startRpcServer>[0]['limits']) => {
    const server = await startRpcServer({ dispatcher: rpcDispatcher(() => node), topics: RPC_TOPICS, limits });
    servers.push(server);
    return server;
  };

  it('charges every call of a batch its method cost, then refuses the rest and the next message', async () => {
    // Almost no refill: what a client may spend is the burst of 100, so the counts are exact.
    const server = await serve({ burst: 100, requestsPerSecond: 0.001 });
    const reply = await postRaw(server.url, batchOf(10, 'chain.handOffs', { fromRound: 0, limit: 5 }));
    const answers = reply.body as { id: number; result?: unknown; error?: { code: number } }[];
    // chain.handOffs costs 20: 100 units pay for exactly 5 calls.
    expect(answers.filter((a) => a.result).map((a) => a.id)).toEqual([0, 1, 2, 3, 4]);
    expect(answers.filter((a) => a.error).map((a) => [a.id, a.error!.code])).toEqual(
      [5, 6, 7, 8, 9].map((id) => [id, -32005]),
    );
    const next = await postRaw(server.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.info', params: {} }));
    expect(next.status).toBe(429);
    expect(next.body.error.code).toBe(-32005);
  });

  it('counts cheap calls as cheap: the same budget answers 100 node.metrics calls in two batches', async () => {
    const server = await serve({ burst: 100, requestsPerSecond: 0.001 });
    for (const _ of [1, 2]) {
      const answers = (await postRaw(server.url, batchOf(50, 'node.metrics', {}))).body as { result?: unknown }[];
      expect(answers.filter((a) => a.result)).toHaveLength(50);
    }
  });

  it('refuses an answer over the response cap with -32006, for a single call and for a batch', async () => {
    const server = await serve({ maxResponseBytes: 8 * 1024 });
    const small = await postRaw(
      server.url,
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.handOffs', params: { fromRound: 0, limit: 1 } }),
    );
    expect(small.body.result).toHaveLength(1);

    const single = await postRaw(
      server.url,
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'chain.handOffs', params: { fromRound: 0, limit: 100 } }),
    );
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ id: 2, error: { code: -32006 } });
    expect(single.body.error.message).toMatch(/8192 bytes.*smaller limit/);
    expect(single.text.length).toBeLessThan(1024);

    const batch = await postRaw(server.url, batchOf(20, 'chain.handOffs', { fromRound: 0, limit: 1 }));
    expect(batch.body).toMatchObject({ id: null, error: { code: -32006 } });
    expect(batch.body.error.message).toMatch(/batch's answer \(stopped at call \d+ of 20\)/);
  });

  it('cuts off slow-loris clients: headers or body that never finish get 408 and a closed socket', async () => {
    const server = await serve({ headersTimeoutMs: 400, requestTimeoutMs: 800 });
    const noHeadersEnd = await rawExchange(
      server.url,
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n',
    );
    expect(noHeadersEnd.closedByServer).toBe(true);
    expect(statusOf(noHeadersEnd.text)).toBe(408);
    const shortBody = await rawExchange(
      server.url,
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"jsonrpc"',
    );
    expect(shortBody.closedByServer).toBe(true);
    expect(statusOf(shortBody.text)).toBe(408);
    const fine = await postRaw(server.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.info', params: {} }));
    expect(fine.body.result.chainId).toBe(node.chain.chainId);
  });

  it('bounds open sockets: past the cap a new connection is closed at once; freed sockets serve again', async () => {
    const server = await serve({ maxSockets: 4 });
    const held = await Promise.all(Array.from({ length: 4 }, () => rawConnect(server.url)));
    for (const socket of held) socket.on('error', () => {});
    // Let the server count them before the next one arrives.
    await sleep(300);
    const refused = await rawExchange(server.url, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}');
    expect(refused.closedByServer).toBe(true);
    expect(refused.text).toBe('');
    for (const socket of held) socket.destroy();
    await waitUntil(
      async () =>
        (await postRaw(server.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'node.metrics', params: {} })))
          .status === 200,
      10_000,
      'a request after the sockets were freed',
    );
  });
});

describe('RPC dispatcher: internal errors and fairness', () => {
  it('answers an unexpected error with a generic -32603 and a reference; the detail goes to the log only', async () => {
    const logged: { method: string; error: unknown; reference: string }[] = [];
    const dispatcher = new RpcDispatcher(
      {
        broken: method(z.object({}), () => {
          throw new RangeError('The supplied bigint is too big for /var/lib/consortia/chain.sqlite');
        }),
        // A result JSON cannot carry (a forgotten bigint) is a bug, not a crash.
        unserialisable: method(z.object({}), () => ({ height: 5n })),
      },
      { onInternalError: (name, error, reference) => logged.push({ method: name, error, reference }) },
    );
    const server = await startRpcServer({ dispatcher, topics: [] });
    try {
      for (const name of ['broken', 'unserialisable']) {
        const reply = await postRaw(server.url, JSON.stringify({ jsonrpc: '2.0', id: 3, method: name, params: {} }));
        expect(reply.body.error.code).toBe(-32603);
        expect(reply.text).not.toMatch(/bigint|BigInt|sqlite|RangeError|serialize/);
        const reference = /reference ([0-9a-f]{8})/.exec(reply.body.error.message)?.[1];
        expect(logged.at(-1)!.reference).toBe(reference);
      }
      expect(String(logged[0]!.error)).toContain('bigint is too big');
      expect(logged.map((l) => l.method)).toEqual(['broken', 'serialising a result']);
    } finally {
      await server.close();
    }
  });

  it('runs batch calls one at a time and lets other work run between them', async () => {
    const order: string[] = [];
    const dispatcher = new RpcDispatcher({ work: method(z.object({}), () => order.push('call')) });
    const answering = dispatcher.handleText(batchOf(3, 'work', {}), {});
    // Queued after the batch started: it runs before the batch ends only if the batch yields.
    setImmediate(() => order.push('other work'));
    await answering;
    expect(order.indexOf('other work')).toBeGreaterThan(-1);
    expect(order.indexOf('other work')).toBeLessThan(order.lastIndexOf('call'));
  });
});
