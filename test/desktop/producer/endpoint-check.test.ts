import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../../electron/services/producer/endpoint.ts';

/** A real HTTP server on 127.0.0.1 answering chain.info as a node does, and one answering something else. */
describe('producer.checkEndpoint', () => {
  let node: Server;
  let other: Server;
  const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  beforeAll(async () => {
    node = createServer((_req, res) =>
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { chainId: 'consortia-devnet', height: '742' } })),
    );
    other = createServer((_req, res) => res.end('<html>hello</html>'));
    await Promise.all([node, other].map((server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done))));
  });
  afterAll(() => {
    node.close();
    other.close();
  });

  it('reads the chain and height of a node, and whether it is the followed chain', async () => {
    expect(await checkEndpoint(url(node), 'consortia-devnet')).toEqual({
      reachable: true,
      chainId: 'consortia-devnet',
      height: 742,
      sameChain: true,
    });
    expect(await checkEndpoint(url(node), 'bank-consortium-1')).toMatchObject({ sameChain: false });
  });

  it('names what is wrong: not a node, nothing listening, not an http address', async () => {
    expect(await checkEndpoint(url(other), 'consortia-devnet')).toEqual({ reachable: true, problem: 'notANode' });
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const gone = url(closed);
    await new Promise<void>((done) => closed.close(() => done()));
    expect(await checkEndpoint(gone, undefined)).toEqual({ reachable: false, problem: 'unreachable' });
    expect(await checkEndpoint('ftp://example.org', undefined)).toEqual({ reachable: false, problem: 'badUrl' });
  });
});
