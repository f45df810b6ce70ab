import type { Transport } from '../../../shared/contract/bridge.ts';
import type { EventName, MethodName } from '../../../shared/contract/channels.ts';
import type { ClientFrame, ServerFrame } from '../../../shared/contract/frames.ts';
import type { Result } from '../../../shared/contract/result.ts';

const TOKEN_IN_FRAGMENT = /(?:^#|&)token=([\w-]+)/;

/** Whether a fragment carries an access token (a newly pasted link does, a screen's #/send does not). */
export const fragmentHasToken = (hash: string) => TOKEN_IN_FRAGMENT.test(hash);

/** The token arrives in the URL fragment (never sent to a server), then lives in sessionStorage. */
export function takeToken(location: Location, storage: Storage): string | null {
  const match = TOKEN_IN_FRAGMENT.exec(location.hash);
  if (match?.[1]) {
    storage.setItem('consortia.token', match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem('consortia.token');
}

/** Why the socket cannot open: the host refuses this tab's token, or no host answers at this address. */
export type LinkProblem = 'refused' | 'down';

/**
 * A browser does not tell a page why a WebSocket upgrade failed. If the same origin still serves the
 * page, the host is up and refused the socket, which for a page it served means the token: the tab
 * holds one from an earlier launch. If nothing answers, the host is not running.
 */
async function diagnose(): Promise<LinkProblem> {
  try {
    const response = await fetch(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' });
    return response.ok ? 'refused' : 'down';
  } catch {
    return 'down';
  }
}

/** The web host's carrier for the contract: a WebSocket to the same origin, reconnecting when dropped. */
export function webSocketTransport(
  token: string,
  onProblem: (problem: LinkProblem | null) => void = () => undefined,
): Transport {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  // Calls wait for the socket; a socket that drops after opening makes them wait for the next one.
  let resolveOpened: () => void = () => undefined;
  let opened = new Promise<void>((resolve) => (resolveOpened = resolve));

  const connect = () => {
    socket = new WebSocket(url);
    let openedThisTime = false;
    socket.addEventListener(
      'open',
      () => {
        openedThisTime = true;
        onProblem(null);
        resolveOpened();
      },
      { once: true },
    );
    socket.addEventListener('message', (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.type === 'result' && frame.id !== null) {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) {
        settle({
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'Lost the connection to the Consortia host. Retrying…' },
        });
      }
      pending.clear();
      if (openedThisTime) opened = new Promise((resolve) => (resolveOpened = resolve));
      if (openedThisTime) return void setTimeout(connect, 1000);
      void diagnose().then((problem) => {
        onProblem(problem);
        // A refused token stays refused: only a new link (a reload) helps. A host that is down may come back.
        if (problem === 'down') setTimeout(connect, 2000);
      });
    });
  };
  connect();

  return {
    async call(method: MethodName, input: unknown) {
      await opened;
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, method, input } satisfies ClientFrame));
      });
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
