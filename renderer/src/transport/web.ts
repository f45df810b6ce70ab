import type { Transport } from '../../../shared/contract/bridge.ts';
import type { EventName, MethodName } from '../../../shared/contract/channels.ts';
import type { Result } from '../../../shared/contract/result.ts';

type ServerFrame =
  | { type: 'result'; id: number | null; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

/** The token arrives in the URL fragment (never sent to a server), then lives in sessionStorage. */
export function takeToken(location: Location, storage: Storage): string | null {
  const match = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem('consortia.token', match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem('consortia.token');
}

/** The web host's carrier for the contract: a WebSocket to the same origin, reconnecting when dropped. */
export function webSocketTransport(token: string): Transport {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let opened: Promise<void>;

  const connect = () => {
    socket = new WebSocket(url);
    opened = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
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
        settle({ ok: false, error: { code: 'UNAVAILABLE', message: 'Lost the connection to the Consortia host. Retrying…' } });
      }
      pending.clear();
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    async call(method: MethodName, input: unknown) {
      await opened;
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, method, input }));
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
