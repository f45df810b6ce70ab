/** The freshness rule: the certified time of the newest verified header ages the whole view. */
import { describe, expect, it } from 'vitest';
import { freshness, type FreshnessInput } from '../../../electron/services/network/freshness.ts';
import { lieOf } from '../../../electron/services/light/index.ts';

const BLOCK_MS = 1_000;
const input = (over: Partial<FreshnessInput>): FreshnessInput => ({
  nowMs: 1_000_000,
  verifiedTimeMs: 1_000_000,
  blockIntervalMs: BLOCK_MS,
  staleAfterBlocks: 10,
  endpoints: [{ trusted: true }, { trusted: true }],
  ...over,
});

describe('freshness', () => {
  it('is fresh up to the threshold (staleAfterBlocks block intervals) and stale past it, with the age', () => {
    expect(freshness(input({ verifiedTimeMs: 1_000_000 - 10 * BLOCK_MS }))).toEqual({
      state: 'fresh',
      ageMs: 10_000,
      thresholdMs: 10_000,
      staleAfterBlocks: 10,
    });
    expect(freshness(input({ verifiedTimeMs: 1_000_000 - 10 * BLOCK_MS - 1 }))).toEqual({
      state: 'stale',
      ageMs: 10_001,
      thresholdMs: 10_000,
      staleAfterBlocks: 10,
      cause: 'behind',
    });
  });

  it('follows the setting: 30 blocks of 1 s leave a 20 s old view fresh', () => {
    expect(freshness(input({ verifiedTimeMs: 1_000_000 - 20_000, staleAfterBlocks: 30 })).state).toBe('fresh');
  });

  it('says why nothing newer arrives: no endpoint answers', () => {
    const endpoints = [{ trusted: true, problem: 'connection refused' }, { trusted: false }];
    expect(freshness(input({ verifiedTimeMs: 0, endpoints }))).toMatchObject({ state: 'stale', cause: 'noAnswer' });
    // Before the threshold the view is still fresh, but the cause is already known.
    expect(freshness(input({ endpoints }))).toMatchObject({ state: 'fresh', cause: 'noAnswer' });
  });

  it('is stale at once when every endpoint is untrusted: nothing newer can be verified', () => {
    expect(freshness(input({ endpoints: [{ trusted: false }] }))).toMatchObject({
      state: 'stale',
      ageMs: 0,
      cause: 'allUntrusted',
    });
    expect(freshness(input({ endpoints: [] }))).toMatchObject({ state: 'stale', cause: 'allUntrusted' });
  });

  it('never reports a negative age (a header timestamped ahead of this clock)', () => {
    expect(freshness(input({ verifiedTimeMs: 1_000_500 })).ageMs).toBe(0);
  });
});

describe('lieOf: what an endpoint did, from the verifier’s reason', () => {
  const cases: [string, string][] = [
    [
      'Its answer to state.account failed verification: the proof does not show key 1a2b3c4d… holding this value in the state of block 5 (root 00aa11bb…).',
      'alteredState',
    ],
    [
      'Its answer to chain.header failed verification: the certificate signs block 0badf00d…, not header 12 (12345678…).',
      'alteredHeader',
    ],
    ['Its answer to chain.header failed verification: only 2 of 4 validators signed; 3 needed.', 'missingSignatures'],
    [
      'Its answer to chain.header failed verification: validator 1\'s signature is not a valid precommit for block 0badf00d… at height 3 on chain "consortia-devnet".',
      'forgedSignature',
    ],
    ['Its answer to chain.header failed verification: asked for header 40, it sent header 12.', 'oldHeader'],
    [
      'Its answer to gov.proposals failed verification: the listing of open proposals leaves out one entry the proven list holds (0a0b0c0d…).',
      'hiddenEntry',
    ],
    [
      'Its answer to chain.header is malformed: the header does not decode (1 trailing bytes after the value at offset 9).',
      'malformed',
    ],
    ['It serves the network "other" (genesis 12345678…), not "consortia-devnet".', 'wrongNetwork'],
    ['Something nobody foresaw.', 'other'],
  ];
  it.each(cases)('%s → %s', (reason, kind) => expect(lieOf(reason)).toBe(kind));
});
