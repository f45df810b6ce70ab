// The Electron shell: thin by design. Everything it hosts lives in electron/services and runs under plain Node too.
import { app, BrowserWindow, ipcMain, net, Notification, protocol, session, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { methodNames } from '../../shared/contract/channels.ts';
import { fail } from '../../shared/contract/result.ts';
import { useNativeBinding } from '../../shared/node/db.ts';
import { installLastResort } from '../../shared/node/last-resort.ts';
import { createServices, type Services } from '../services/index.ts';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  appResponseHeaders,
  denyAllPermissions,
  hardenWebContents,
  isTrustedSender,
  windowOptions,
} from './security.ts';

// A fault in one request must not close the window a person is using; it is reported on stderr (docs/SECURITY.md).
installLastResort({ processName: 'consortia desktop', policy: 'keep-running' });

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response('Bad request: malformed path', { status: 400 });
    }
    const relative = normalize(decoded);
    let file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    if (!existsSync(file)) file = join(rendererDir, 'index.html');
    const body = await net.fetch(pathToFileURL(file).toString());
    const ext = file.slice(file.lastIndexOf('.'));
    return new Response(body.body, { headers: appResponseHeaders(MIME[ext] ?? 'application/octet-stream') });
  });
}

function wireIpc(services: Services, window: BrowserWindow): void {
  for (const method of methodNames) {
    ipcMain.handle(method, (event, input: unknown) =>
      isTrustedSender(event.senderFrame)
        ? services.registry.call(method, input)
        : fail('FORBIDDEN', 'This request did not come from the Consortia window.'),
    );
  }
  services.hub.listen((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(event, payload);
  });
}

async function start(): Promise<void> {
  // In development the Electron-ABI build of better-sqlite3 lives apart from the Node one (see scripts/start.mjs).
  const devBinding = join(app.getAppPath(), '.native/electron/better_sqlite3.node');
  if (!app.isPackaged && existsSync(devBinding)) useNativeBinding(devBinding);

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => void shell.openExternal(url)),
  );
  denyAllPermissions(session.defaultSession);
  serveRenderer();

  // `npm start -- --offline`: the air-gapped signer, vault only, with no network at all.
  const mode = process.argv.includes('--offline') ? 'offline' : 'online';
  const services = createServices({
    dataDir: app.getPath('userData'),
    host: 'electron',
    mode,
    // Producer alerts (missed block, jailed, out of the set, behind) reach the person even when the window is hidden.
    notify: (alert) => {
      if (Notification.isSupported())
        new Notification({ title: `Consortia: ${alert.name}`, body: alert.message }).show();
    },
  });
  const window = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs'), { packaged: app.isPackaged }));
  wireIpc(services, window);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('before-quit', () => void services.close());
}

app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
