import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createServices, type Services, type ServicesOptions } from '../../electron/services/index.ts';
import { startWebHost, type WebHost } from '../../electron/webhost/server.ts';

export interface RunningHost {
  host: WebHost;
  services: Services;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A web host over fresh services; no network unless asked for (the foundation tests need none). A vault created without
 * an auto-lock choice never locks by itself here (a long browser test on a loaded machine outlasts 5 idle minutes); a
 * test of auto-lock sets its own.
 */
export async function startTestHost(options: Partial<Omit<ServicesOptions, 'host'>> = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'consortia-host-'));
  const services = createServices({
    network: 'none',
    heartbeatMs: 200,
    vaultAutoLockMs: 0,
    ...options,
    dataDir,
    host: 'web',
  });
  const host = await startWebHost({ services, rendererDir: 'out/renderer' });
  return {
    host,
    services,
    dataDir,
    async close() {
      await host.close();
      await services.close();
    },
  };
}

/** Opens the bridge socket with the given headers; resolves with the socket, or the HTTP status it was refused with. */
export function openBridge(
  port: number,
  opts: { token?: string | null; origin?: string | null; host?: string },
): Promise<{ socket: WebSocket } | { refused: number }> {
  const query = opts.token === null ? '' : `?token=${encodeURIComponent(opts.token ?? '')}`;
  const headers: Record<string, string> = {};
  if (opts.origin !== null) headers.origin = opts.origin ?? `http://127.0.0.1:${port}`;
  if (opts.host) headers.host = opts.host;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/bridge${query}`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    socket.once('error', reject);
  });
}

/** Sends one raw frame and waits for the first result frame. */
export function rawCall(
  socket: WebSocket,
  frame: string,
): Promise<{ type: string; id: number | null; result: { ok: boolean; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString());
      if (parsed.type === 'result') {
        socket.off('message', onMessage);
        resolve(parsed);
      }
    };
    socket.on('message', onMessage);
    socket.send(frame);
  });
}
