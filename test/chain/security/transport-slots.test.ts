// Issue 11, handshake slots: idle connections cannot keep an honest peer from connecting.
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { TLS_VERSIONS, tlsIdentity } from '../../../chain/p2p/index.ts';
import { Cluster, connected, newKey, waitFor } from '../p2p/helpers.ts';

const cluster = new Cluster();
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await cluster.closeAll();
});

function open(port: number, tls: boolean): Promise<Socket> {
  const socket = tls
    ? tlsConnect({
        host: '127.0.0.1',
        port,
        ...tlsIdentity(newKey().secretKey),
        ...TLS_VERSIONS,
        rejectUnauthorized: false,
      })
    : connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once(tls ? 'secureConnect' : 'connect', () => resolve(socket)));
}

describe('pending handshakes', () => {
  it.each([
    ['silent TCP sockets', false],
    ['TLS sessions that never say hello', true],
  ])('48 %s do not lock out an honest peer, and are cut after the timeout', async (_name, tls) => {
    const target = await cluster.start(newKey(), { limits: { handshakeTimeoutMs: 1_500 } });
    const idle: Socket[] = [];
    for (let i = 0; i < 48; i++) idle.push(await open(target.port, tls));
    expect(target.pendingHandshakes()).toBeLessThanOrEqual(target.limits.maxPendingPerAddress);

    const honest = await cluster.start();
    honest.addPeer(target.url);
    await waitFor(() => connected(target, honest), 'the honest peer to connect');
    await waitFor(
      () => idle.every((socket) => socket.destroyed || socket.readableEnded),
      'every idle socket to be cut',
    );
    expect(target.pendingHandshakes()).toBe(0);
  });
});
