/**
 * The light node's own disconnects: a call still waiting on a socket the light node dropped itself
 * (after catching a lie, after a timeout) fails with SelfClosedError, which the endpoint pool never
 * records as the endpoint's fault ("closed (1005)"). A silent WebSocket server keeps the call waiting.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { Connection, SelfClosedError } from '../../../electron/services/light/connection.ts';
import { EndpointPool } from '../../../electron/services/light/endpoints.ts';
import { LightStore } from '../../../electron/services/light/store.ts';
import { dataFile, eventually } from './helpers.ts';

describe('a socket the light node drops itself', () => {
  let server: WebSocketServer;
  let url: string;
  let received = 0;

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket) => socket.on('message', () => received++)); // never answers
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails the waiting call with SelfClosedError, not a connection fault', async () => {
    const connection = new Connection(url, 30_000);
    const before = received;
    const waiting = connection.call('chain.info', {});
    await eventually('the request to reach the server', () => received > before, 10_000);
    connection.reset();
    await expect(waiting).rejects.toBeInstanceOf(SelfClosedError);
    await connection.close();
  });

  it('is not recorded as the endpoint’s problem by the pool', async () => {
    const store = LightStore.open(dataFile());
    const pool = new EndpointPool(
      [url],
      store,
      { now: () => Date.now() },
      { requestTimeoutMs: 30_000, retryMs: 1_000 },
      { vet: async () => undefined, untrusted: () => undefined, activeChanged: () => undefined },
    );
    const endpoint = pool.endpoints[0]!;
    const before = received;
    const outcome = pool.attempt(endpoint, (e) => e.connection.call('chain.info', {}));
    await eventually('the request to reach the server', () => received > before, 10_000);
    endpoint.connection.reset();
    expect(await outcome).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } }); // not a lie
    expect(endpoint.problem).toBeUndefined();
    expect(endpoint.retryAt).toBe(0); // not set aside as unreachable either
    expect(pool.status()[0]!.problem).toBeUndefined();
    await pool.close();
    store.close();
  });
});
