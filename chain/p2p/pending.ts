import type { Socket } from 'node:net';

export interface PendingLimits {
  /** Connections not yet through the hello, from all addresses together. */
  maxTotal: number;
  /** …and from one source address. */
  maxPerAddress: number;
  /** A connection still pending after this is cut. */
  timeoutMs: number;
}

interface Entry {
  socket: Socket;
  address: string;
  timer: NodeJS.Timeout;
}

/**
 * Inbound TCP connections that have not finished TLS and the hello, counted from the moment of accept
 * (before any TLS work) so silent sockets use up nothing but their own slot. When the limit for an
 * address, or overall, is reached the OLDEST pending connection is cut rather than the new one refused:
 * an honest peer's handshake takes milliseconds, so a crowd of idle sockets cannot keep it out, and an
 * attacker who wants to push it out must open connections faster than it completes (several per few ms).
 */
export class PendingConnections {
  /** Insertion order is age order. */
  private readonly entries = new Map<string, Entry>();
  evicted = 0;
  timedOut = 0;

  constructor(private readonly limits: PendingLimits) {}

  get size(): number {
    return this.entries.size;
  }

  add(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const key = socketKey(socket.remoteAddress, socket.remotePort);
    if (this.countFrom(address) >= this.limits.maxPerAddress) this.evictOldest((entry) => entry.address === address);
    else if (this.entries.size >= this.limits.maxTotal) this.evictOldest(() => true);
    const timer = setTimeout(() => {
      this.timedOut++;
      this.cut(key);
    }, this.limits.timeoutMs);
    this.entries.set(key, { socket, address, timer });
    socket.once('close', () => this.settle(socket.remoteAddress, socket.remotePort, key));
  }

  /** The connection finished its handshake (or ended): it no longer holds a slot. */
  settle(address: string | undefined, port: number | undefined, key = socketKey(address, port)): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(key);
  }

  /** Cuts every pending connection (shutdown). */
  closeAll(): void {
    for (const key of [...this.entries.keys()]) this.cut(key);
  }

  private countFrom(address: string): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.address === address) count++;
    return count;
  }

  private evictOldest(match: (entry: Entry) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!match(entry)) continue;
      this.evicted++;
      this.cut(key);
      return;
    }
  }

  private cut(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(key);
    entry.socket.destroy();
  }
}

/** A TLS socket has the same remote address and port as the TCP socket under it, so this names both. */
export function socketKey(address: string | undefined, port: number | undefined): string {
  return `${address ?? 'unknown'}|${port ?? 0}`;
}
