/**
 * Pushes network.status whenever it changes, at most four times a second. Changes are signalled by
 * the light node's events; a slow poll catches the rest (an endpoint's connection problem, the end
 * of a sync), and a status equal to the last one pushed is not pushed again.
 */
import type { NetworkStatus } from './status.ts';

const MIN_GAP_MS = 250;
const POLL_MS = 1_000;

export class StatusPusher {
  private lastJson = '';
  private lastAt = 0;
  private pending: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly current: () => NetworkStatus | undefined,
    private readonly push: (status: NetworkStatus) => void,
  ) {}

  start(): void {
    if (this.poll || this.stopped) return;
    this.poll = setInterval(() => this.changed(), POLL_MS);
    this.poll.unref();
    this.changed();
  }

  changed(): void {
    if (this.pending || this.stopped) return;
    this.pending = setTimeout(() => this.flush(), Math.max(0, this.lastAt + MIN_GAP_MS - Date.now()));
    this.pending.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.pending);
  }

  private flush(): void {
    this.pending = undefined;
    try {
      const status = this.current();
      if (!status) return;
      const json = JSON.stringify(status);
      if (json === this.lastJson) return;
      this.lastJson = json;
      this.lastAt = Date.now();
      this.push(status);
    } catch {
      // A status the contract refuses is a bug that the network.status channel reports (INTERNAL) when asked;
      // a timer has no one to tell, and the next change tries again.
    }
  }
}
