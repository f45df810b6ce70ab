import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createServices } from '../electron/services/index.ts';
import { startWebHost } from '../electron/webhost/server.ts';
import { medianMs, type Figure } from './harness.ts';

/** The cost the web host's WebSocket adds to a contract call, against calling the registry in-process. */
export default async function ipcBench(): Promise<Figure[]> {
  const services = createServices({
    dataDir: mkdtempSync(join(tmpdir(), 'bench-')),
    host: 'web',
    heartbeatMs: 60_000,
    network: 'none',
  });
  const host = await startWebHost({ services, rendererDir: 'out/renderer' });
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, {
    headers: { origin: `http://127.0.0.1:${host.port}` },
  });
  await new Promise((resolve) => socket.once('open', resolve));
  let nextId = 0;
  const viaSocket = () =>
    new Promise<void>((resolve) => {
      const id = ++nextId;
      const onMessage = (data: WebSocket.RawData) => {
        if ((JSON.parse(data.toString()) as { id: number }).id === id) {
          socket.off('message', onMessage);
          resolve();
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ type: 'call', id, method: 'app.echo', input: { text: 'ping' } }));
    });
  const direct = () => services.registry.call('app.echo', { text: 'ping' });

  for (let i = 0; i < 200; i++) await viaSocket(); // warm-up
  const batch = 200;
  const socketMs = await medianMs(15, async () => {
    for (let i = 0; i < batch; i++) await viaSocket();
  });
  const directMs = await medianMs(15, async () => {
    for (let i = 0; i < batch; i++) await direct();
  });
  socket.close();
  await host.close();
  await services.close();
  return [
    { name: 'web host call round trip (app.echo)', value: (socketMs / batch) * 1000, unit: 'µs/call' },
    { name: 'in-process registry call (app.echo)', value: (directMs / batch) * 1000, unit: 'µs/call' },
    {
      name: 'web host / in-process',
      value: socketMs / directMs,
      unit: 'ratio',
      note: 'same run, medians of 15 batches of 200',
    },
  ];
}
