import type { EventHub } from './registry.ts';

/** Pushes `app.heartbeat` every interval; returns the function that stops it. */
export function startHeartbeat(hub: EventHub, intervalMs: number): () => void {
  let seq = 0;
  const timer = setInterval(() => hub.emit('app.heartbeat', { seq: seq++, at: Date.now() }), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
