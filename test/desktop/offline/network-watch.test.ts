import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { watchNetwork } from './network-watch.ts';

// The offline-mode test asserts the watch saw nothing; this shows it would have seen something.
describe('the network watch used by the offline-mode test', () => {
  it('sees a listening port and a connection, by hook and in the kernel tables', async () => {
    const watch = watchNetwork();
    const server = net.createServer((socket) => socket.end());
    try {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as net.AddressInfo;
      const client = net.connect(port, '127.0.0.1');
      await once(client, 'connect');
      expect(watch.openSockets().filter((line) => line.startsWith('tcp')).length).toBeGreaterThanOrEqual(2);
      client.destroy();
      expect(watch.calls.some((call) => call.startsWith('listen'))).toBe(true);
      expect(watch.calls.some((call) => call.startsWith('connect'))).toBe(true);
    } finally {
      watch.stop();
      server.close();
    }
  });
});
