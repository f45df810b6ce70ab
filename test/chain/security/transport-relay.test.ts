// Issue 11, impersonation: an attacker between two honest nodes relays the handshake. Over TLS with pinned
// consensus-key certificates it is only ever seen as itself, and gets no session that carries their gossip.
import { connect as tlsConnect, createServer as createTlsServer, type Server, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CloseCode,
  TLS_VERSIONS,
  tlsIdentity,
  type HandshakeRejection,
  type P2PNode,
} from '../../../chain/p2p/index.ts';
import { Cluster, newKey, sleep, utf8, waitFor, type Key } from '../p2p/helpers.ts';

const TX = 1;
const cluster = new Cluster();
const servers: Server[] = [];
afterEach(async () => {
  await cluster.closeAll();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/**
 * Mallory terminates TLS on both sides with her own key: V dials her thinking she is X, she dials X, and passes
 * every byte of the WebSocket upgrade and hellos across, the old relay attack one layer down. She records the
 * plaintext she sees.
 */
async function tlsRelay(
  mallory: Key,
  target: P2PNode,
): Promise<{ url: string; plaintext: Buffer[]; sockets: TLSSocket[] }> {
  const identity = tlsIdentity(mallory.secretKey);
  const plaintext: Buffer[] = [];
  const sockets: TLSSocket[] = [];
  const server = createTlsServer(
    { ...identity, ...TLS_VERSIONS, requestCert: true, rejectUnauthorized: false },
    (fromVictim) => {
      const toTarget = tlsConnect({
        host: '127.0.0.1',
        port: target.port,
        ...identity,
        ...TLS_VERSIONS,
        rejectUnauthorized: false,
      });
      for (const socket of [fromVictim, toTarget]) {
        sockets.push(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          fromVictim.destroy();
          toTarget.destroy();
        });
      }
      fromVictim.on('data', (data: Buffer) => (plaintext.push(data), toTarget.write(data)));
      toTarget.on('data', (data: Buffer) => (plaintext.push(data), fromVictim.write(data)));
    },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `wss://127.0.0.1:${(server.address() as AddressInfo).port}/p2p`, plaintext, sockets };
}

async function honestNode(): Promise<{ node: P2PNode; received: string[] }> {
  const node = await cluster.start();
  const received: string[] = [];
  node.registerTopic(TX, {
    maxBytes: 1024,
    gossip: true,
    handle: (payload) => (received.push(Buffer.from(payload).toString()), 'accept'),
  });
  return { node, received };
}

describe('a relaying attacker between two honest nodes', () => {
  it('is refused by both as itself when its key is not admitted, and sees no gossip', async () => {
    const { node: v } = await honestNode();
    const { node: x, received } = await honestNode();
    const mallory = newKey();
    const relay = await tlsRelay(mallory, x);
    const refusedByV = new Promise<HandshakeRejection>((resolve) =>
      v.on('handshakeRejected', (r) => r.local && resolve(r)),
    );
    const refusedByX = new Promise<HandshakeRejection>((resolve) =>
      x.on('handshakeRejected', (r) => r.local && resolve(r)),
    );
    v.addPeer(relay.url); // V believes this URL is X's

    expect(await refusedByV).toMatchObject({
      code: CloseCode.NOT_ADMITTED,
      publicKey: mallory.id,
      direction: 'outbound',
    });
    expect(await refusedByX).toMatchObject({
      code: CloseCode.NOT_ADMITTED,
      publicKey: mallory.id,
      direction: 'inbound',
    });
    v.broadcast(TX, utf8('vote the relay must not see'));
    await sleep(300);
    expect(v.peers()).toEqual([]);
    expect(x.peers()).toEqual([]);
    expect(v.counters().handshakesCompleted + x.counters().handshakesCompleted).toBe(0);
    expect(received).toEqual([]);
    expect(Buffer.concat(relay.plaintext).includes('vote the relay must not see')).toBe(false);
    // She did relay (V's upgrade reached X and X's answer came back), yet each node saw her key, not the other's,
    // and refused it before saying hello.
    expect(Buffer.concat(relay.plaintext).toString()).toContain('GET /p2p HTTP/1.1');
    expect(Buffer.concat(relay.plaintext).toString()).toContain('HTTP/1.1 101 Switching Protocols');
  });

  it('is admitted by each only under its own key when that key is admitted, never as the other node', async () => {
    const { node: v } = await honestNode();
    const { node: x } = await honestNode();
    const mallory = newKey();
    cluster.admission.admit(mallory);
    const relay = await tlsRelay(mallory, x);
    v.addPeer(relay.url);
    // Both ends complete a handshake through her — each with her, and each knows it.
    await waitFor(() => v.peers().length === 1 && x.peers().length === 1, 'the relayed handshakes');
    expect(v.peers().map((p) => p.id)).toEqual([mallory.id]);
    expect(x.peers().map((p) => p.id)).toEqual([mallory.id]);
    expect(v.peers().some((p) => p.id === x.id) || x.peers().some((p) => p.id === v.id)).toBe(false);
  });
});
