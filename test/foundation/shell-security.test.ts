import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  hardenWebContents,
  isTrustedSender,
  windowOptions,
  type HardenableContents,
  type PermissionSession,
} from '../../electron/shell/security.ts';
import { EXTERNAL_URL_ALLOWLIST, isAllowedExternalUrl } from '../../shared/contract/security.ts';

/** Records the handlers the shell registers, so each can be fired as Electron would. */
function recordingContents() {
  const handlers = new Map<string, (event: { preventDefault(): void }, ...rest: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, handler: never) {
      handlers.set(name, handler);
      return contents;
    },
    setWindowOpenHandler(handler: never) {
      openHandler = handler;
    },
  };
  const fire = (name: string) => {
    let prevented = false;
    handlers.get(name)?.({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    return prevented;
  };
  return { contents: contents as unknown as HardenableContents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('Electron shell security', () => {
  it('turns DevTools off in packaged builds (and by default), keeps them for development builds', () => {
    expect(windowOptions('/p.cjs', { packaged: true }).webPreferences!.devTools).toBe(false);
    expect(windowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    expect(windowOptions('/p.cjs', { packaged: false }).webPreferences!.devTools).toBe(true);
    // The shell passes Electron's own answer, so an installed app never opens them.
    expect(readFileSync('electron/shell/main.ts', 'utf8')).toMatch(
      /new BrowserWindow\(windowOptions\([^)]*\), \{ packaged: app\.isPackaged \}\)\)/,
    );
  });

  it('creates windows sandboxed, context-isolated and without Node', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('has a strict CSP: nothing by default, no inline or eval script, no remote origins', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('denies every navigation, redirect and webview, and every new window', () => {
    const opened: string[] = [];
    const { contents, fire, open } = recordingContents();
    hardenWebContents(contents, (url) => opened.push(url));
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(fire(event), event).toBe(true);
    }
    expect(open('https://evil.example/phish')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
    // An allow-listed https link goes to the system browser, still never a new app window.
    expect(open('https://consortia.example/docs/')).toEqual({ action: 'deny' });
    expect(open('https://github.com/consortia')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://consortia.example/docs/']);
  });

  it('opens only the exact allow-listed https URLs externally, never a whole host or any GitHub repository', () => {
    for (const url of EXTERNAL_URL_ALLOWLIST) expect(isAllowedExternalUrl(url), url).toBe(true);
    expect(isAllowedExternalUrl('https://CONSORTIA.example:443/docs/')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/x')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com/attacker/consortia-wallet/releases')).toBe(false);
    expect(isAllowedExternalUrl('https://consortia.example/docs/../evil')).toBe(false);
    expect(isAllowedExternalUrl('https://consortia.example/docs/evil')).toBe(false);
    expect(isAllowedExternalUrl('https://consortia.example/docs/?next=https://evil.example')).toBe(false);
    expect(isAllowedExternalUrl('https://consortia.example/docs/#x')).toBe(false);
    expect(isAllowedExternalUrl('http://consortia.example/docs/')).toBe(false);
    expect(isAllowedExternalUrl('https://consortia.example.evil.example/docs/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@consortia.example/docs/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('denies every permission request and check', () => {
    let request: ((...args: never[]) => void) | undefined;
    let check: ((...args: never[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: never) => (request = handler),
      setPermissionCheckHandler: (handler: never) => (check = handler),
    } as unknown as PermissionSession;
    denyAllPermissions(session);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      (request as unknown as (c: unknown, p: string, cb: (g: boolean) => void) => void)(
        {},
        permission,
        (g) => (granted = g),
      );
      expect(granted, permission).toBe(false);
      expect((check as unknown as (c: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
  });

  it('answers IPC only from the app origin top frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///work/out/renderer/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} as never })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null })).toBe(false);
  });

  it('the shell really uses these objects: main.ts wires windowOptions, hardening, permissions and sender checks', () => {
    const main = readFileSync('electron/shell/main.ts', 'utf8');
    expect(main).toMatch(/new BrowserWindow\(windowOptions\(/);
    expect(main).toMatch(/web-contents-created[\s\S]*hardenWebContents\(contents/);
    expect(main).toMatch(/denyAllPermissions\(session\.defaultSession\)/);
    expect(main).toMatch(/isTrustedSender\(event\.senderFrame\)/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME/);
    expect(main).not.toMatch(/loadFile|file:\/\//);
    const preload = readFileSync('electron/shell/preload.ts', 'utf8');
    expect(preload).toMatch(/exposeInMainWorld\('consortia', bridge\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('sets the fuses and unpacks native modules in the electron-builder config', () => {
    const config = JSON.parse(readFileSync('build/electron-builder.json', 'utf8'));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asarUnpack).toContain('**/*.node');
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['linux', 'mac', 'win']));
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });
});
