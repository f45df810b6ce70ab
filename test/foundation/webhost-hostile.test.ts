import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawExchange, statusOf } from '../chain/security/raw-http.ts';

/**
 * The web host as `npm run web` runs it (electron/webhost/main.ts in its own process), fed the requests that
 * crashed it in issue 11. "Stays up" means the process did not exit and still serves the page.
 */
describe('web host process against malformed requests', () => {
  let host: ChildProcess;
  let port = 0;
  let stderr = '';
  let exited: string | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'consortia-hostile-web-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'consortia-hostile-renderer-'));

  beforeAll(async () => {
    // As an older version left it: readable by everyone. The host must tighten it.
    chmodSync(dataDir, 0o755);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Consortia</title><div id="root"></div>\n');
    host = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/webhost/main.ts',
        '--port',
        '0',
        '--network',
        'none',
        '--data-dir',
        dataDir,
        '--renderer-dir',
        rendererDir,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    host.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    host.once('exit', (code, signal) => (exited = `${code ?? signal}`));
    port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`web host not listening after 60 s; stderr: ${stderr}`)), 60_000);
      host.stdout!.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        const match = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      host.once('exit', () => reject(new Error(`web host exited before listening; stderr: ${stderr}`)));
    });
  });
  afterAll(() => {
    host?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const url = () => `http://127.0.0.1:${port}/`;
  const get = (target: string, extra = '') =>
    rawExchange(url(), `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${extra}\r\n`);

  async function stillServing(): Promise<void> {
    const page = await get('/');
    expect(statusOf(page.text), stderr).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expect(exited, stderr).toBeNull();
  }

  it('answers GET /% (a malformed percent-escape) with 400 and keeps serving', async () => {
    for (const target of ['/%', '/%E0%A4%A', '/assets/%zz.js']) {
      const reply = await get(target);
      expect(statusOf(reply.text), target).toBe(400);
    }
    await stillServing();
  });

  it('answers an upgrade to //[ (no valid URL) with 400 and keeps serving', async () => {
    const upgrade =
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const reply = await rawExchange(url(), `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${upgrade}\r\n`);
    expect(statusOf(reply.text)).toBe(400);
    // A plain GET of the same target too.
    expect(statusOf((await get('//[')).text)).toBe(400);
    await stillServing();
  });

  it('keeps the data folder private: the folder 0700, every SQLite file and its -wal/-shm 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir).filter((name) => name.includes('.sqlite'));
    expect(files).toEqual(expect.arrayContaining(['vault.sqlite', 'wallet.sqlite', 'producer-alerts.sqlite']));
    expect(files.some((name) => name.endsWith('-wal'))).toBe(true);
    for (const name of files) expect(statSync(join(dataDir, name)).mode & 0o777, name).toBe(0o600);
  });
});
