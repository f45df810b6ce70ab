import { describe, expect, it } from 'vitest';
import { PENALTIES } from '../../../chain/p2p/index.ts';
import { Scoreboard } from '../../../chain/p2p/scoreboard.ts';
import { SeenCache } from '../../../chain/p2p/seen-cache.ts';

function board(recoveryPerSecond = 1) {
  let now = 1_000_000;
  const scores = new Scoreboard({ banScore: -100, banDurationMs: 60_000, recoveryPerSecond, now: () => now });
  return { scores, advance: (ms: number) => (now += ms) };
}

describe('P2P scoreboard', () => {
  it('bans at the threshold, for the ban period only', () => {
    const { scores, advance } = board(0);
    expect(scores.penalize('p', 'oversize')).toEqual({ score: -PENALTIES.oversize, banned: false });
    expect(scores.penalize('p', 'oversize')).toEqual({ score: -100, banned: true });
    expect(scores.isBanned('p')).toBe(true);
    expect(scores.penalize('p', 'reject').banned).toBe(false); // a ban is reported once
    advance(59_999);
    expect(scores.banRemainingMs('p')).toBe(1);
    advance(1);
    expect(scores.isBanned('p')).toBe(false);
    expect(scores.score('p')).toBe(0); // a served ban starts afresh
  });

  it('recovers scores towards zero over time, never above it', () => {
    const { scores, advance } = board(2);
    scores.penalize('p', 'reject');
    expect(scores.score('p')).toBe(-20);
    advance(5_000);
    expect(scores.score('p')).toBe(-10);
    advance(60_000);
    expect(scores.score('p')).toBe(0);
  });

  it('keeps the record of a departed peer until it has recovered', () => {
    const { scores, advance } = board(1);
    scores.penalize('p', 'reject');
    scores.prune('p');
    expect(scores.score('p')).toBe(-20);
    advance(20_000);
    scores.prune('p');
    expect(scores.score('p')).toBe(0);
  });

  it('keeps peers apart', () => {
    const { scores } = board(0);
    for (let i = 0; i < 5; i++) scores.penalize('bad', 'unknownTopic');
    scores.penalize('good', 'rateLimited');
    expect(scores.isBanned('bad')).toBe(true);
    expect(scores.isBanned('good')).toBe(false);
    expect(scores.score('good')).toBe(-PENALTIES.rateLimited);
  });
});

describe('P2P seen-cache', () => {
  it('forgets the oldest id once full', () => {
    const cache = new SeenCache(2);
    for (const id of ['a', 'b', 'c']) cache.add(id, { verdict: 'accept', holders: new Set() });
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.verdict).toBe('accept');
  });
});
