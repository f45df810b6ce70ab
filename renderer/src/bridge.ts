import { createBridge, type Bridge } from '../../shared/contract/bridge.ts';
import { takeToken, webSocketTransport, type LinkProblem } from './transport/web.ts';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent when the page is served by the web host. */
    consortia?: Bridge;
  }
}

export type { LinkProblem };

/**
 * The page's only way to the main process: the preload's bridge in Electron, or the web host's
 * WebSocket; null when this tab has no access token at all. `onProblem` hears when the host
 * refuses the tab's token or cannot be reached, and when that is over.
 */
export function connectBridge(onProblem: (problem: LinkProblem | null) => void): Bridge | null {
  if (window.consortia) return window.consortia;
  const token = takeToken(window.location, window.sessionStorage);
  if (!token) return null;
  return createBridge(webSocketTransport(token, onProblem));
}
