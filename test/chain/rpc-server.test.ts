import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import WebSocket from 'ws';
import { method, RpcDispatcher, RpcError, RpcErrorCode } from '../../chain/rpc/jsonrpc.ts';
import { startRpcServer, type RpcServer } from '../../chain/rpc/server.ts';
import { TokenBucket } from '../../chain/rpc/limits.ts';

const dispatcher = new RpcDispatcher({
  echo: method(z.object({ text: z.string().max(10) }), ({ text }) => ({ text })),
  missing: method(z.object({}), () => {
    throw new RpcError(RpcErrorCode.NOT_FOUND, 'No block at height 99.');
  }),
  broken: method(z.object({}), () => {
    throw new Error('disk on fire');
  }),
  subscribe: method(z.object({ topic: z.string() }), ({ topic }, session) => {
    if (!session.subscribe) throw new RpcError(RpcErrorCode.INVALID_REQUEST, 'Subscriptions need a WebSocket.');
    return session.subscribe(topic, null);
  }),
});

async function post(server: RpcServer, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function connect(server: RpcServer): Promise<{ socket: WebSocket; next: () => Promise<any> }> {
  const socket = new WebSocket(server.wsUrl);
  const queue: unknown[] = [];
  const waiters: ((v: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const json = JSON.parse(data.toString());
    const waiter = waiters.shift();
    if (waiter) waiter(json);
    else queue.push(json);
  });
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiters.push(resolve)));
  return new Promise((resolve) => socket.once('open', () => resolve({ socket, next })));
}

describe('JSON-RPC server', () => {
  let server: RpcServer;
  beforeAll(async () => {
    server = await startRpcServer({
      dispatcher,
      topics: ['newHeads'],
      limits: { maxRequestBytes: 4096, maxSubscriptionsPerConnection: 2, burst: 400, requestsPerSecond: 400 },
    });
  });
  afterAll(() => server.close());

  it('answers calls over HTTP POST with JSON-RPC 2.0 shapes and error codes', async () => {
    expect(
      (await post(server, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'echo', params: { text: 'hi' } }))).json,
    ).toEqual({ jsonrpc: '2.0', id: 1, result: { text: 'hi' } });
    expect((await post(server, '{oops')).json).toMatchObject({ id: null, error: { code: -32700 } });
    expect((await post(server, JSON.stringify({ id: 2, method: 'echo' }))).json).toMatchObject({
      id: 2,
      error: { code: -32600 },
    });
    expect((await post(server, JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'nope' }))).json).toMatchObject({
      id: 3,
      error: { code: -32601 },
    });
    const invalid = (
      await post(
        server,
        JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'echo', params: { text: 'far too long text' } }),
      )
    ).json as any;
    expect(invalid.error.code).toBe(-32602);
    expect(invalid.error.message).toMatch(/text/);
    expect((await post(server, JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'missing' }))).json).toMatchObject({
      error: { code: -32001, message: 'No block at height 99.' },
    });
    expect((await post(server, JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'broken' }))).json).toMatchObject({
      error: { code: -32603 },
    });
  });

  it('handles batches and notifications, and bounds batch and body size', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'echo', params: { text: 'a' } },
      { jsonrpc: '2.0', method: 'echo', params: { text: 'notification' } },
      { jsonrpc: '2.0', id: 2, method: 'nope' },
    ];
    const response = (await post(server, JSON.stringify(batch))).json as any[];
    expect(response).toHaveLength(2);
    expect(response[0]).toMatchObject({ id: 1, result: { text: 'a' } });
    expect(response[1]).toMatchObject({ id: 2, error: { code: -32601 } });
    const big = await post(
      server,
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'echo', params: { text: 'x'.repeat(5000) } }),
    );
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: { code: -32006 } });
    const many = Array.from({ length: 51 }, (_, i) => ({
      jsonrpc: '2.0',
      id: i,
      method: 'echo',
      params: { text: 'a' },
    }));
    expect((await post(server, JSON.stringify(many))).json).toMatchObject({ error: { code: -32006 } });
  });

  it('carries subscriptions over WebSocket, bounded per connection, and publishes to subscribers only', async () => {
    const { socket, next } = await connect(server);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'subscribe', params: { topic: 'newHeads' } }));
    const subscribed = await next();
    expect(subscribed.result).toMatch(/^0x[0-9a-f]{16}$/);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'subscribe', params: { topic: 'unknownTopic' } }));
    expect((await next()).error.code).toBe(-32602);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'subscribe', params: { topic: 'newHeads' } }));
    await next();
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'subscribe', params: { topic: 'newHeads' } }));
    expect((await next()).error.code).toBe(-32007);

    server.publish('newHeads', { height: 7 });
    const first = await next();
    const second = await next();
    expect([first.params.result, second.params.result]).toEqual([{ height: 7 }, { height: 7 }]);
    expect(first.params.subscription).toBe(subscribed.result);
    socket.close();
  });

  it('closes a WebSocket that sends an oversized frame, and keeps serving', async () => {
    const { socket } = await connect(server);
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send('x'.repeat(5000));
    expect(await closed).toBe(1009);
    expect(
      (await post(server, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'echo', params: { text: 'ok' } }))).json,
    ).toMatchObject({ result: { text: 'ok' } });
  });

  it('rate-limits a connection that floods', async () => {
    const strict = await startRpcServer({ dispatcher, topics: [], limits: { requestsPerSecond: 1, burst: 3 } });
    const { socket, next } = await connect(strict);
    for (let i = 0; i < 5; i++)
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'echo', params: { text: 'a' } }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => next()));
    const limited = answers.filter((a) => a.error?.code === -32005);
    expect(limited).toHaveLength(2);
    // Each refusal names the request it refuses, so the client's call fails at once instead of timing out.
    expect(limited.map((a) => a.id).sort()).toEqual([3, 4]);
    socket.close();
    await strict.close();
  });

  it('token bucket refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now = 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });
});
