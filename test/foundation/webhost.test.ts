import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { openBridge, rawCall, startTestHost, type RunningHost } from '../helpers/webhost.ts';
import { MAX_FRAME_BYTES } from '../../electron/webhost/server.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security.ts';

function httpGet(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  let running: RunningHost;
  beforeAll(async () => {
    running = await startTestHost();
  });
  afterAll(() => running.close());

  it('binds 127.0.0.1 only and prints a URL carrying the token in the fragment', () => {
    expect(running.host.url).toBe(`http://127.0.0.1:${running.host.port}/#token=${running.host.token}`);
    expect(running.host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the strict CSP, and refuses a foreign Host header (DNS rebinding)', async () => {
    const page = await httpGet(running.host.port, '/', `127.0.0.1:${running.host.port}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const rebound = await httpGet(running.host.port, '/', `attacker.example:${running.host.port}`);
    expect(rebound.status).toBe(421);
    const traversal = await httpGet(running.host.port, '/..%2f..%2fpackage.json', `127.0.0.1:${running.host.port}`);
    expect(traversal.body).not.toContain('"devDependencies"');
  });

  it('refuses a missing or wrong token, a foreign Origin and a foreign Host', async () => {
    const port = running.host.port;
    expect(await openBridge(port, { token: null })).toEqual({ refused: 401 });
    expect(await openBridge(port, { token: 'x'.repeat(running.host.token.length) })).toEqual({ refused: 401 });
    expect(await openBridge(port, { token: running.host.token, origin: 'http://evil.example' })).toEqual({
      refused: 403,
    });
    expect(await openBridge(port, { token: running.host.token, origin: null })).toEqual({ refused: 403 });
    expect(await openBridge(port, { token: running.host.token, host: `evil.example:${port}` })).toEqual({
      refused: 421,
    });
  });

  it('answers contract calls, refuses other channels, reports malformed input, and stays up', async () => {
    const opened = await openBridge(running.host.port, { token: running.host.token });
    if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
    const { socket } = opened;

    const info = await rawCall(socket, JSON.stringify({ type: 'call', id: 1, method: 'app.info', input: {} }));
    expect(info).toMatchObject({ id: 1, result: { ok: true, value: { host: 'web', dataDir: running.dataDir } } });

    const unknown = await rawCall(socket, JSON.stringify({ type: 'call', id: 2, method: 'shell.exec', input: {} }));
    expect(unknown).toMatchObject({ id: 2, result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });

    const invalid = await rawCall(
      socket,
      JSON.stringify({ type: 'call', id: 3, method: 'app.echo', input: { text: '' } }),
    );
    expect(invalid).toMatchObject({ id: 3, result: { ok: false, error: { code: 'VALIDATION' } } });

    const garbage = await rawCall(socket, '{not json');
    expect(garbage).toMatchObject({ id: null, result: { ok: false, error: { code: 'VALIDATION' } } });

    const wrongFrame = await rawCall(socket, JSON.stringify({ type: 'call', id: 4 }));
    expect(wrongFrame).toMatchObject({ id: 4, result: { ok: false, error: { code: 'VALIDATION' } } });

    // The same socket still works after all that.
    const echo = await rawCall(
      socket,
      JSON.stringify({ type: 'call', id: 5, method: 'app.echo', input: { text: 'still here' } }),
    );
    expect(echo).toMatchObject({ id: 5, result: { ok: true, value: { text: 'still here' } } });
    socket.close();
  });

  it('closes a socket that sends an oversized frame, and keeps serving others', async () => {
    const opened = await openBridge(running.host.port, { token: running.host.token });
    if (!('socket' in opened)) throw new Error('refused');
    const closed = new Promise<number>((resolve) => opened.socket.once('close', (code) => resolve(code)));
    opened.socket.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);

    const again = await openBridge(running.host.port, { token: running.host.token });
    if (!('socket' in again)) throw new Error('refused');
    const info = await rawCall(again.socket, JSON.stringify({ type: 'call', id: 1, method: 'app.info', input: {} }));
    expect(info.result.ok).toBe(true);
    again.socket.close();
  });

  it('pushes events to connected pages', async () => {
    const opened = await openBridge(running.host.port, { token: running.host.token });
    if (!('socket' in opened)) throw new Error('refused');
    const beats: number[] = [];
    await new Promise<void>((resolve) => {
      opened.socket.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'event' && frame.event === 'app.heartbeat') beats.push(frame.payload.seq);
        if (beats.length === 2) resolve();
      });
    });
    expect(beats[1]).toBe(beats[0]! + 1);
    opened.socket.close();
  });
});
