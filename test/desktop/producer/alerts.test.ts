import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertLog, type ProducerAlert } from '../../../electron/services/producer/alerts.ts';

const alert = (height: number): ProducerAlert => ({
  id: `missed:cdev1example:${height}`,
  kind: 'missed',
  address: 'cdev1example',
  name: 'producer-0',
  message: `producer-0 missed its slot at block ${height}.`,
  at: 1_700_000_000_000 + height,
  round: Math.floor(height / 4),
  height,
});

describe('the producer alert log', () => {
  it('stores each event once, lists newest first, and keeps both across a reopen of its file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'consortia-alerts-')), 'producer-alerts.sqlite');
    const log = new AlertLog(file);
    expect(log.add(alert(5))).toBe(true);
    expect(log.add(alert(9))).toBe(true);
    expect(log.add({ ...alert(5), at: 1 })).toBe(false); // seen again: not news
    expect(log.list().map((a) => a.height)).toEqual([9, 5]);
    expect(log.list(1)).toEqual([alert(9)]);
    log.close();

    const reopened = new AlertLog(file);
    expect(reopened.list()).toEqual([alert(9), alert(5)]);
    expect(reopened.add(alert(9))).toBe(false);
    const {
      round: _round,
      height: _height,
      ...withoutPlace
    } = { ...alert(12), id: 'jailed:cdev1example:22', kind: 'jailed' as const };
    expect(reopened.add(withoutPlace)).toBe(true);
    reopened.close();
    const last = new AlertLog(file);
    expect(last.list(1)).toEqual([withoutPlace]);
    last.close();
  });
});
