export interface DialOutcome {
  /** Who answered: the authenticated key, or the key a refused hello claimed (itself, a banned peer). */
  peerId?: string;
  /** The handshake completed, so the next failure starts the backoff afresh. */
  authenticated: boolean;
}

export interface DialerHost {
  /** Opens a connection and resolves when it has ended, however it ended. */
  connect(url: string): Promise<DialOutcome>;
  /** How long to hold off dialing a known peer: 0 to dial now, Infinity while it is connected (until woken). */
  holdMs(peerId: string): number;
}

export interface DialerOptions {
  minDelayMs: number;
  maxDelayMs: number;
}

interface Target {
  url: string;
  peerId?: string;
  attempt: number;
  wake?: () => void;
}

/** setTimeout's largest delay; longer holds are re-checked after it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Keeps one connection attempt loop per configured peer URL, with jittered exponential backoff. */
export class Dialer {
  private readonly targets = new Map<string, Target>();
  private readonly loops: Promise<void>[] = [];
  private closed = false;

  constructor(
    private readonly host: DialerHost,
    private readonly options: DialerOptions,
  ) {}

  add(url: string): void {
    if (this.closed || this.targets.has(url)) return;
    const target: Target = { url, attempt: 0 };
    this.targets.set(url, target);
    this.loops.push(this.run(target));
  }

  /** The peer left (or its ban ended): its URLs are dialed again now rather than at the next check. */
  wake(peerId: string): void {
    for (const target of this.targets.values()) if (target.peerId === peerId) target.wake?.();
  }

  /** Stops every loop; resolves once each has returned (the host must end open connections for that). */
  async close(): Promise<void> {
    this.closed = true;
    for (const target of this.targets.values()) target.wake?.();
    await Promise.all(this.loops);
  }

  private async run(target: Target): Promise<void> {
    while (!this.closed) {
      const hold = target.peerId === undefined ? 0 : this.host.holdMs(target.peerId);
      if (hold > 0) {
        await this.sleep(target, hold);
        continue;
      }
      const outcome = await this.host.connect(target.url);
      if (outcome.peerId !== undefined) target.peerId = outcome.peerId;
      target.attempt = outcome.authenticated ? 0 : target.attempt + 1;
      if (!this.closed) await this.sleep(target, this.backoff(target.attempt));
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.options.maxDelayMs, this.options.minDelayMs * 2 ** Math.min(attempt, 30));
    // Jitter keeps nodes that lost each other at the same moment from redialing in lockstep.
    return base * (0.5 + Math.random() / 2);
  }

  private sleep(target: Target, ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.min(ms, MAX_TIMER_MS)) : undefined;
      function done(): void {
        clearTimeout(timer);
        target.wake = undefined;
        resolve();
      }
      target.wake = done;
    });
  }
}
