// Electron's security checklist, as plain data and small functions, so tests can check the very objects
// the shell uses. Only types come from 'electron' here; the shell passes in the real instances.
import type {
  BrowserWindowConstructorOptions,
  Event,
  HandlerDetails,
  Session,
  WebContents,
  WebFrameMain,
} from 'electron';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from '../../shared/contract/security.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'consortia';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export { CONTENT_SECURITY_POLICY };

/**
 * `packaged`: a build a person installed (app.isPackaged). DevTools stay off there, so nobody talked into
 * "paste this in the console" can run script in the wallet's page; development builds keep them. Off unless told.
 */
export function windowOptions(
  preloadPath: string,
  build: { packaged: boolean } = { packaged: true },
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Consortia',
    backgroundColor: '#12161d',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !build.packaged,
    },
  };
}

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Denies every navigation away from the app, every new window and every webview; allow-listed https links go to the system browser. */
export function hardenWebContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  const deny = (event: Event) => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    if (isAllowedExternalUrl(details.url)) openExternal(details.url);
    return { action: 'deny' };
  });
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** No web permission (camera, notifications, geolocation, …) is granted to the page by default. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** IPC is answered only for the app's own top-level frame, served from app://consortia. */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || new URL(frame.url).href.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

/** Response headers for everything the app:// protocol serves. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
}
