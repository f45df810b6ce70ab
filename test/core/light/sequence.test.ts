import { describe, expect, it } from 'vitest';
import {
  verifyAdjacent,
  verifyAnnouncedSet,
  verifyHandOff,
  verifyHandOffRound,
  verifyHeightFollows,
  verifyLinked,
  verifyNewer,
  verifyRoundFollows,
  verifySetContinues,
  verifyWithinRound,
} from '../../../shared/core/light/index.ts';
import { validatorSetHash, type BlockHeader } from '../../../shared/core/types/index.ts';
import { chain, label, setOf } from './fixtures.ts';

const c = chain();
const h = (height: number): BlockHeader => c.at(height).header;
const setA = setOf(c.setA);
const setB = setOf(c.setB);

function reasonOf(verdict: { ok: boolean; reason?: string }): string | undefined {
  return verdict.ok ? undefined : verdict.reason;
}

describe('verifyNewer', () => {
  it('accepts a higher header', () => {
    expect(verifyNewer(h(3), h(9))).toEqual({ ok: true });
  });

  it('rejects the same height and older ones: the client never moves backwards', () => {
    expect(reasonOf(verifyNewer(h(5), h(5)))).toBe('header 5 is not newer than the trusted header 5');
    expect(reasonOf(verifyNewer(h(5), h(3)))).toBe('header 3 is not newer than the trusted header 5');
  });
});

describe('verifyAdjacent and its rules', () => {
  it('accepts every parent–child pair of the chain, across round boundaries too', () => {
    expect(verifyAdjacent(c.genesis, h(1))).toEqual({ ok: true });
    for (let height = 2; height <= c.blocks.length; height++)
      expect(verifyAdjacent(h(height - 1), h(height))).toEqual({ ok: true });
  });

  it('rejects a gap in height', () => {
    expect(verifyHeightFollows(h(3), h(4))).toEqual({ ok: true });
    expect(reasonOf(verifyHeightFollows(h(3), h(5)))).toBe('header 5 does not follow header 3');
    expect(reasonOf(verifyAdjacent(h(3), h(5)))).toBe('header 5 does not follow header 3');
  });

  it('rejects a child that builds on another parent', () => {
    expect(verifyLinked(h(3), h(4))).toEqual({ ok: true });
    const forked = { ...h(4), previousHash: label('another parent') };
    expect(reasonOf(verifyLinked(h(3), forked))).toMatch(
      /^header 4 builds on [0-9a-f]{8}…, not on the trusted header 3 \([0-9a-f]{8}…\)$/,
    );
    expect(verifyAdjacent(h(3), forked).ok).toBe(false);
  });

  it('rejects a child certified by a set its parent did not announce', () => {
    expect(verifySetContinues(h(8), h(9))).toEqual({ ok: true });
    const wrongSet = { ...h(9), validatorSetHash: validatorSetHash(setA) };
    expect(reasonOf(verifySetContinues(h(8), wrongSet))).toMatch(
      /^header 9 names set [0-9a-f]{8}…, but header 8 announced [0-9a-f]{8}…$/,
    );
    expect(verifyAdjacent(h(8), wrongSet).ok).toBe(false);
  });

  it('rejects a child more than one round after its parent', () => {
    expect(verifyRoundFollows(h(8), h(9))).toEqual({ ok: true });
    expect(reasonOf(verifyRoundFollows(h(8), { ...h(9), dposRound: 3n }))).toBe(
      'header 9 is in round 3, but its parent is in round 1',
    );
    expect(reasonOf(verifyRoundFollows(h(8), { ...h(9), dposRound: 0n }))).toBe(
      'header 9 is in round 0, but its parent is in round 1',
    );
  });
});

describe('verifyHandOff', () => {
  it('accepts the set a round’s last header announces, changed or re-elected', () => {
    expect(verifyHandOff(h(8), setB, 1n)).toEqual({ ok: true });
    expect(verifyHandOff(h(4), setA, 0n)).toEqual({ ok: true });
    expect(verifyHandOff(h(15), setB, 2n)).toEqual({ ok: true });
  });

  it('rejects a new set that does not match the announced hash', () => {
    expect(verifyAnnouncedSet(h(8), setB)).toEqual({ ok: true });
    expect(reasonOf(verifyAnnouncedSet(h(8), setA))).toMatch(
      /^the new set [0-9a-f]{8}… is not the set [0-9a-f]{8}… that header 8 announced for round 2$/,
    );
    expect(verifyHandOff(h(8), setA, 1n).ok).toBe(false);
    expect(reasonOf(verifyHandOff(h(8), [], 1n))).toMatch(/^the validator set is not valid/);
  });

  it('rejects a hand-off that skips a round', () => {
    expect(verifyHandOffRound(h(8), 1n)).toEqual({ ok: true });
    expect(reasonOf(verifyHandOff(h(15), setB, 1n))).toBe(
      'header 15 hands off round 2, but the client follows round 1: the hand-off at the end of round 1 comes first',
    );
  });

  it('rejects a hand-off out of a round the client has left', () => {
    expect(reasonOf(verifyHandOffRound(h(4), 1n))).toBe(
      'header 4 hands off round 0, which the client has already left (it follows round 1)',
    );
  });
});

describe('verifyWithinRound', () => {
  it('accepts a jump inside the trusted round', () => {
    expect(verifyWithinRound(c.genesis, h(4))).toEqual({ ok: true });
    expect(verifyWithinRound(h(9), h(15))).toEqual({ ok: true });
  });

  it('accepts the next round once the trusted header’s hand-off was followed', () => {
    expect(verifyWithinRound(h(8), h(13), true)).toEqual({ ok: true });
    expect(verifyWithinRound(h(4), h(7), true)).toEqual({ ok: true });
  });

  it('rejects a jump across a round boundary without the hand-off', () => {
    expect(reasonOf(verifyWithinRound(h(3), h(6)))).toBe(
      'header 6 is in round 1, but the client knows the sets only up to round 0: the hand-off at the end of round 0 is missing',
    );
    // Even a header that is in fact the round's last does not count as a followed hand-off by itself.
    expect(verifyWithinRound(h(8), h(9)).ok).toBe(false);
  });

  it('names every missing hand-off when several rounds are skipped', () => {
    expect(reasonOf(verifyWithinRound(h(4), h(10), true))).toBe(
      'header 10 is in round 2, but the client knows the sets only up to round 1: the hand-off at the end of round 1 is missing',
    );
    expect(reasonOf(verifyWithinRound(h(2), h(16)))).toBe(
      'header 16 is in round 3, but the client knows the sets only up to round 0: the hand-offs at the end of rounds 0 to 2 are missing',
    );
  });

  it('rejects a header whose set is not the one the client knows for its round', () => {
    expect(reasonOf(verifyWithinRound(h(9), { ...h(12), validatorSetHash: validatorSetHash(setA) }))).toMatch(
      /^header 12 names set [0-9a-f]{8}…, but round 2's set is [0-9a-f]{8}… and a round never changes its set$/,
    );
    expect(reasonOf(verifyWithinRound(h(8), { ...h(12), validatorSetHash: validatorSetHash(setA) }, true))).toMatch(
      /^header 12 names set [0-9a-f]{8}… for round 2, but the hand-off at the end of round 1 announced [0-9a-f]{8}…$/,
    );
  });

  it('rejects a header from an earlier round', () => {
    expect(reasonOf(verifyWithinRound(h(9), h(3)))).toBe('header 3 is from round 0, before the trusted round 2');
  });
});
