/** Time as the vault sees it; injected so back-off and auto-lock can be tested without waiting. */
export interface Clock {
  /** Milliseconds since the Unix epoch (persisted back-off deadlines are compared with it). */
  now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref(); // a pending auto-lock must not keep a Node process (the CLI, a test) alive
    return () => clearTimeout(timer);
  },
};

/** Doubling delays after wrong passwords: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const BACKOFF_START_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;

export function backoffDelay(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_START_MS * 2 ** Math.min(failures - 1, 20), BACKOFF_CAP_MS);
}

/** "1 second", "2 minutes 5 seconds": how long a person must wait, rounded up to the second. */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (total < 60) return unit(total, 'second');
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return seconds === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}

/**
 * Fires onIdle once `idleMs()` has passed without touch(). idle() is also asked on every call, because
 * timers do not run while a laptop sleeps; and a timer that fires early is re-armed for the rest.
 */
export class IdleTimer {
  private lastActivity = 0;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly idleMs: () => number,
    private readonly onIdle: () => void,
  ) {}

  touch(): void {
    this.lastActivity = this.clock.now();
    this.arm(this.idleMs());
  }

  idle(): boolean {
    const ms = this.idleMs();
    return ms > 0 && this.clock.now() - this.lastActivity >= ms;
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private arm(ms: number): void {
    this.stop();
    if (ms > 0) this.cancel = this.clock.setTimer(() => this.fire(), ms);
  }

  private fire(): void {
    this.cancel = null;
    if (this.idle()) return this.onIdle();
    const ms = this.idleMs();
    if (ms > 0) this.arm(Math.max(1, ms - (this.clock.now() - this.lastActivity)));
  }
}
