/**
 * "Behind" as a light client can honestly see it, from its own side: the verified head has not moved
 * for several block intervals while an endpoint announces higher blocks. Alerts computed from such a
 * stale view would be late or missing, so the person is told (once per stalled height).
 */
import type { LightNode } from '../light/index.ts';
import type { NewAlert } from './watch.ts';

/** Block intervals without a new verified head, with higher blocks announced, before it counts as behind. */
export const STALL_INTERVALS = 5;

export class ViewStall {
  private readonly timer: NodeJS.Timeout;
  private height: bigint;
  private since = Date.now();

  constructor(
    private readonly light: LightNode,
    private readonly intervalMs: number,
    private readonly raise: (make: (address: string, name: string) => NewAlert) => void,
  ) {
    this.height = light.verifiedHead().height;
    this.timer = setInterval(
      () => {
        try {
          this.check();
        } catch {
          // A light node closed under the timer (the network changed): the service attaches the next one.
        }
      },
      Math.max(intervalMs, 250),
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const verified = this.light.verifiedHead().height;
    if (verified !== this.height) {
      this.height = verified;
      this.since = Date.now();
      return;
    }
    const announced = this.light.announcedHead();
    if (Date.now() - this.since <= STALL_INTERVALS * this.intervalMs || announced <= verified) return;
    this.raise((address, name) => ({
      key: `behind:view:${address}:${verified}`,
      kind: 'behind',
      address,
      name,
      height: Number(verified),
      message: `This app's verified view of the chain is stuck at block ${verified} while endpoints announce block ${announced}, so alerts about ${name} may be late. Check network.status for the reason.`,
    }));
  }
}
