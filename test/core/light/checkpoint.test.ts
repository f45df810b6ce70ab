import { describe, expect, it } from 'vitest';
import { devnetGenesis, genesisHash, genesisHeader, genesisState } from '../../../shared/core/genesis/index.ts';
import {
  acceptHeader,
  formatDuration,
  trustFromCheckpoint,
  trustFromGenesis,
  trustFromGenesisDoc,
  unbondingPeriodMs,
  verifyCheckpointAge,
  verifyCheckpointSets,
  verifyGenesis,
  verifyNotFromFuture,
} from '../../../shared/core/light/index.ts';
import { headerHash } from '../../../shared/core/types/index.ts';
import { chain, CHAIN_ID, label, setOf } from './fixtures.ts';

const c = chain();
const setA = setOf(c.setA);
const setB = setOf(c.setB);
const DAY = 86_400_000;
/** 14 days of 1 s blocks. */
const params = { unbondingPeriodBlocks: 14n * 86_400n, blockIntervalMs: 1000 };
const checkpointAt = (height: number) => ({ header: c.at(height).header, validatorSet: height <= 8 ? setA : setB });
const timeOf = (height: number): number => Number(c.at(height).header.timestamp);

function reasonOf(verdict: { ok: boolean; reason?: string }): string | undefined {
  return verdict.ok ? undefined : verdict.reason;
}

describe('unbonding period and durations', () => {
  it('is unbondingPeriodBlocks × blockIntervalMs', () => {
    expect(unbondingPeriodMs(params)).toBe(14n * BigInt(DAY));
  });

  it('formats durations in their largest whole unit', () => {
    expect(formatDuration(23n * BigInt(DAY) + 5n)).toBe('23 days');
    expect(formatDuration(BigInt(DAY))).toBe('1 day');
    expect(formatDuration(2n * 3_600_000n)).toBe('2 hours');
    expect(formatDuration(61_000n)).toBe('1 minute');
    expect(formatDuration(999n)).toBe('0 seconds');
  });
});

describe('verifyCheckpointAge', () => {
  const header = c.at(10).header;

  it('accepts a checkpoint younger than the unbonding period', () => {
    expect(verifyCheckpointAge(header, params, timeOf(10) + 3 * DAY)).toEqual({ ok: true });
    expect(verifyCheckpointAge(header, params, timeOf(10) + 14 * DAY - 1)).toEqual({ ok: true });
  });

  it('rejects an expired checkpoint, saying what to do', () => {
    expect(reasonOf(verifyCheckpointAge(header, params, timeOf(10) + 23 * DAY))).toBe(
      'checkpoint is 23 days old; the unbonding period is 14 days — get a newer checkpoint',
    );
    expect(verifyCheckpointAge(header, params, timeOf(10) + 14 * DAY).ok).toBe(false);
  });
});

describe('verifyNotFromFuture', () => {
  const header = c.at(10).header;

  it('accepts a header a few seconds ahead of this clock', () => {
    expect(verifyNotFromFuture(header, timeOf(10) - 5_000)).toEqual({ ok: true });
  });

  it('rejects a header dated further ahead than the allowed drift', () => {
    expect(reasonOf(verifyNotFromFuture(header, timeOf(10) - 2 * 3_600_000))).toBe(
      "checkpoint is dated 2 hours in the future (allowed clock drift: 10 seconds); check this computer's clock",
    );
    expect(verifyNotFromFuture(header, timeOf(10) - 5_000, 1_000).ok).toBe(false);
  });
});

describe('verifyCheckpointSets', () => {
  it('accepts the named set, and the announced next set at a hand-off', () => {
    expect(verifyCheckpointSets(checkpointAt(10))).toEqual({ ok: true });
    expect(verifyCheckpointSets({ ...checkpointAt(8), nextSet: setB })).toEqual({ ok: true });
  });

  it('rejects a set the header does not name', () => {
    expect(reasonOf(verifyCheckpointSets({ header: c.at(10).header, validatorSet: setA }))).toMatch(
      /^header 10 names validator set/,
    );
  });

  it('rejects a next set the header does not announce', () => {
    expect(reasonOf(verifyCheckpointSets({ ...checkpointAt(8), nextSet: setA }))).toMatch(
      /^the checkpoint's next set [0-9a-f]{8}… is not the set [0-9a-f]{8}… its header announces$/,
    );
  });
});

describe('trustFromCheckpoint', () => {
  const trust = (over = {}) =>
    trustFromCheckpoint({ chainId: CHAIN_ID, checkpoint: checkpointAt(10), params, nowMs: timeOf(10) + DAY, ...over });

  it('starts a client from a fresh checkpoint, which then follows the chain', () => {
    const started = trust();
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.state.trusted).toEqual({ header: c.at(10).header, validatorSet: setB });
    const next = acceptHeader(started.state, c.at(14));
    expect(next.ok && next.state.trusted.header.height).toBe(14n);
  });

  it('carries a hand-off checkpoint’s next set into the state', () => {
    const started = trust({ checkpoint: { ...checkpointAt(8), nextSet: setB }, nowMs: timeOf(8) });
    expect(started.ok && started.state.trusted.nextValidatorSet).toEqual(setB);
  });

  it('rejects an expired checkpoint, one from the future, a bad chain id and a bad clock', () => {
    expect(reasonOf(trust({ nowMs: timeOf(10) + 23 * DAY }))).toBe(
      'checkpoint is 23 days old; the unbonding period is 14 days — get a newer checkpoint',
    );
    expect(reasonOf(trust({ nowMs: timeOf(10) - DAY }))).toMatch(/^checkpoint is dated 1 day in the future/);
    expect(reasonOf(trust({ chainId: 'has space' }))).toBe('"has space" is not a valid chain id');
    expect(reasonOf(trust({ nowMs: Number.NaN }))).toBe('the current time NaN is not a whole number of milliseconds');
  });
});

describe('trust from genesis', () => {
  const trust = {
    chainId: CHAIN_ID,
    genesisHash: headerHash(c.genesis),
    header: c.genesis,
    validatorSet: c.genesisSet,
  };

  it('accepts the genesis header with the network’s hash and its first set', () => {
    expect(verifyGenesis(trust)).toEqual({ ok: true });
    const started = trustFromGenesis(trust);
    expect(started.ok && started.state).toEqual({
      chainId: CHAIN_ID,
      trusted: { header: c.genesis, validatorSet: c.genesisSet },
    });
  });

  it('rejects another genesis header, a later header and a set the genesis does not name', () => {
    expect(reasonOf(verifyGenesis({ ...trust, header: { ...c.genesis, stateRoot: label('rich') } }))).toMatch(
      /^the genesis header hashes to [0-9a-f]{8}…, not the network's [0-9a-f]{8}…$/,
    );
    expect(reasonOf(verifyGenesis({ ...trust, header: c.at(1).header }))).toBe(
      'a genesis header has height 0 in round 0, not height 1 in round 0',
    );
    expect(reasonOf(verifyGenesis({ ...trust, validatorSet: setB }))).toMatch(/^header 0 names validator set/);
    expect(trustFromGenesis({ ...trust, chainId: '' }).ok).toBe(false);
  });

  it('computes the genesis header and set from a genesis document with the expected hash', () => {
    const { doc } = devnetGenesis({ producers: 4, seed: label('light devnet') });
    const started = trustFromGenesisDoc(doc, genesisHash(doc));
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.state.chainId).toBe(doc.chainId);
    expect(started.state.trusted.header).toEqual(genesisHeader(doc));
    expect(started.state.trusted.validatorSet).toEqual(genesisState(doc).validators);
  });

  it('rejects a genesis document that is not the network’s, or not valid', () => {
    const { doc } = devnetGenesis({ producers: 4, seed: label('light devnet') });
    expect(reasonOf(trustFromGenesisDoc(doc, label('another network')))).toMatch(
      /^the genesis document hashes to [0-9a-f]{8}…, not the network's/,
    );
    const broken = { ...doc, initialProducers: [] };
    expect(reasonOf(trustFromGenesisDoc(broken, genesisHash(broken)))).toMatch(/^the genesis document is not valid/);
  });
});
