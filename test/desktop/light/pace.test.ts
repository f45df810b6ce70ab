/**
 * The light node's request pace (electron/services/light/connection.ts). Cheap reads polled in a loop (a page
 * refreshing its view) must not starve a costly call: the light node's chain.handOffs at a round's end waits in
 * the pace while holding its lock, so a starved one stopped the verified chain at the round's last block.
 */
import { describe, expect, it } from 'vitest';
import { Pace } from '../../../electron/services/light/connection.ts';

describe('the request pace', () => {
  it('serves a costly call in turn while cheap calls keep the budget spent, and keeps to the rate', async () => {
    const pace = new Pace(50); // 50 units/s, bursts of 100
    let stop = false;
    let spent = 0;
    const start = Date.now();
    const poller = async () => {
      while (!stop) {
        await pace.take(2);
        spent += 2;
      }
    };
    const pollers = [poller(), poller(), poller(), poller()];
    await new Promise((resolve) => setTimeout(resolve, 300)); // the burst is used up; the bucket stays near empty
    const asked = Date.now();
    await Promise.race([
      pace.take(20),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the costly call starved')), 3000)),
    ]);
    const waited = Date.now() - asked;
    spent += 20;
    stop = true;
    await Promise.all(pollers);
    // In turn: behind at most the four cheap calls already waiting, i.e. 28 units at 50 units/s.
    expect(waited).toBeLessThan(1500);
    const elapsed = (Date.now() - start) / 1000;
    expect(spent).toBeLessThanOrEqual(100 + 50 * elapsed + 8);
  });
});
