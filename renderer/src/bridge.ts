import { createBridge, type Bridge } from '../../shared/contract/bridge.ts';
import { takeToken, webSocketTransport } from './transport/web.ts';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent when the page is served by the web host. */
    consortia?: Bridge;
  }
}

export class NoHostError extends Error {}

/** The page's only way to the main process: the preload's bridge in Electron, or the web host's WebSocket. */
export function connectBridge(): Bridge {
  if (window.consortia) return window.consortia;
  const token = takeToken(window.location, window.sessionStorage);
  if (!token) {
    throw new NoHostError('This page needs its access token. Open the full URL that `npm run web` printed.');
  }
  return createBridge(webSocketTransport(token));
}
