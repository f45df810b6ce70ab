/**
 * Skipping across rounds of an unchanged set (shared/core/light/skip.ts), one rule per block of
 * tests, on the fixture chain: rounds 0–1 set A (hand-off at 4 re-elects A, at 8 hands to B),
 * rounds 2–3 set B.
 */
import { describe, expect, it } from 'vitest';
import {
  acceptHandOff,
  acceptHeader,
  acceptSkip,
  followedSet,
  maySkipTo,
  verifyNamesFollowedSet,
  verifyStillBonded,
  type LightClientState,
  type SkipOptions,
} from '../../../shared/core/light/index.ts';
import { validatorSetHash, type BlockHeader } from '../../../shared/core/types/index.ts';
import { BLOCK_MS, certify, chain, GENESIS_TIME, genesisState, label, must, reasonOf, setOf } from './fixtures.ts';

const c = chain();
const setA = setOf(c.setA);
const setB = setOf(c.setB);
const params = { unbondingPeriodBlocks: 100n, blockIntervalMs: Number(BLOCK_MS) };
const PERIOD_MS = 100 * Number(BLOCK_MS);
/** A moment when every fixture header is younger than the unbonding period. */
const soon: SkipOptions = { params, nowMs: Number(GENESIS_TIME) + 30 * Number(BLOCK_MS) };

/** Trusting round 2 (set B) at header 9, through the hand-offs at 4 and 8. */
function atNine(): LightClientState {
  let state = must(acceptHandOff(genesisState(), { ...c.at(4), nextValidatorSet: setA }));
  state = must(acceptHandOff(state, { ...c.at(8), nextValidatorSet: setB }));
  return must(acceptHeader(state, c.at(9)));
}

describe('skip: accepts a later round of the same set', () => {
  it('jumps from genesis over the round-0 hand-off to the last header of round 1', () => {
    const state = must(acceptSkip(genesisState(), c.at(8), soon));
    expect(state.trusted).toEqual({ header: c.at(8).header, validatorSet: setA });
  });

  it('jumps from round 2 to the end of round 3 (set B re-elected at 15)', () => {
    const state = must(acceptSkip(atNine(), c.at(22), soon));
    expect(state.trusted).toEqual({ header: c.at(22).header, validatorSet: setB });
  });

  it('uses the next round’s set once a hand-off was followed', () => {
    const handedOver = must(acceptHandOff(atNine(), { ...c.at(15), nextValidatorSet: setB }));
    expect(followedSet(handedOver.trusted)).toMatchObject({ round: 3n, set: setB });
    expect(must(acceptSkip(handedOver, c.at(20), soon)).trusted.header.height).toBe(20n);
  });

  it('checks signatures with the verifier it is given', () => {
    let calls = 0;
    must(acceptSkip(genesisState(), c.at(7), { ...soon, verifier: { verify: () => (calls++, true) } }));
    expect(calls).toBe(4); // every signature the certificate carries
  });
});

describe('skip: never past a set change', () => {
  it('refuses a header of a round whose set changed (the hand-off at 8 must be followed)', () => {
    expect(reasonOf(acceptSkip(genesisState(), c.at(12), soon))).toMatch(
      /^header 12 names set [0-9a-f]{8}…, not set [0-9a-f]{8}… of round 0: the set changed since, so the hand-offs in between must be followed$/,
    );
    expect(maySkipTo(genesisState(), c.at(12).header, soon)).toBe(false);
  });

  it('refuses a header signed by the old set that claims a later round of the new set', () => {
    // Set A certifies a header 12 that names set B: the certificate is not by the set it names.
    const forged: BlockHeader = { ...c.at(12).header, stateRoot: label('forged') };
    const result = acceptSkip(genesisState(), { header: forged, certificate: certify(forged, c.setA) }, soon);
    expect(reasonOf(result)).toMatch(/^header 12 names set/);
  });

  it('verifyNamesFollowedSet compares with the followed set only', () => {
    expect(verifyNamesFollowedSet(atNine().trusted, c.at(20).header)).toEqual({ ok: true });
    expect(reasonOf(verifyNamesFollowedSet(atNine().trusted, c.at(7).header))).toMatch(/of round 2/);
  });
});

describe('skip: only while the trusted set is still bonded', () => {
  it('refuses once the trusted header is as old as the unbonding period', () => {
    const late = { ...soon, nowMs: Number(GENESIS_TIME) + PERIOD_MS };
    expect(reasonOf(acceptSkip(genesisState(), c.at(7), late))).toBe(
      'the trusted header 0 is 1 minute old and the unbonding period is 1 minute: its set may have withdrawn its stake, so every hand-off since must be followed',
    );
    expect(maySkipTo(genesisState(), c.at(7).header, late)).toBe(false);
  });

  it('accepts one millisecond before that', () => {
    expect(verifyStillBonded(c.genesis, params, Number(GENESIS_TIME) + PERIOD_MS - 1)).toEqual({ ok: true });
  });

  it('the old state still follows hand-offs in order when it may not skip', () => {
    const late = { ...soon, nowMs: Number(GENESIS_TIME) + PERIOD_MS * 10 };
    const state = must(acceptHandOff(genesisState(), { ...c.at(4), nextValidatorSet: setA }));
    expect(reasonOf(acceptSkip(state, c.at(7), late))).toMatch(/unbonding period/);
    expect(must(acceptHeader(state, c.at(7))).trusted.header.height).toBe(7n);
  });
});

describe('skip: certificate and order rules still apply', () => {
  it('refuses a forged signature', () => {
    const { header, certificate } = c.at(7);
    const signatures = certificate.signatures.map((s, i) =>
      i === 0 ? { ...s, signature: s.signature.map((b, j) => (j === 0 ? b ^ 1 : b)) } : s,
    );
    expect(reasonOf(acceptSkip(genesisState(), { header, certificate: { ...certificate, signatures } }, soon))).toMatch(
      /signature is not a valid precommit/,
    );
  });

  it('refuses too few signers', () => {
    const { header } = c.at(7);
    expect(
      reasonOf(acceptSkip(genesisState(), { header, certificate: certify(header, c.setA, { indexes: [0, 1] }) }, soon)),
    ).toMatch(/only 2 of 4 validators signed; 3 needed/);
  });

  it('refuses a header that is not newer', () => {
    const state = must(acceptSkip(genesisState(), c.at(7), soon));
    expect(reasonOf(acceptSkip(state, c.at(6), soon))).toMatch(/is not newer than the trusted header 7/);
  });

  it('refuses a rival header of the trusted set that names another set', () => {
    const rival: BlockHeader = { ...c.at(7).header, validatorSetHash: validatorSetHash(setB) };
    expect(reasonOf(acceptSkip(genesisState(), { header: rival, certificate: certify(rival, c.setA) }, soon))).toMatch(
      /names set .* not set .* of round 0/,
    );
  });
});
