import { describe, expect, it } from 'vitest';
import { nobleVerifier, type SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import {
  acceptHandOff,
  acceptHeader,
  verifyStateValue,
  type LightClientState,
} from '../../../shared/core/light/index.ts';
import { validatorSetHash, type BlockHeader } from '../../../shared/core/types/index.ts';
import { certify, chain, CHAIN_ID, genesisState, label, must, reasonOf, setOf, USERS } from './fixtures.ts';
import { accountKey } from '../../../shared/core/state/index.ts';

const c = chain();
const setA = setOf(c.setA);
const setB = setOf(c.setB);

const heightOf = (state: LightClientState): bigint => state.trusted.header.height;

/** A client that has followed the chain up to `height` (one header per round plus each hand-off). */
function stateAt(height: number): LightClientState {
  let state = genesisState();
  const handOffs: [number, typeof setA][] = [
    [4, setA],
    [8, setB],
    [15, setB],
  ];
  for (const [at, next] of handOffs) {
    if (at > height) break;
    state = must(acceptHandOff(state, { ...c.at(at), nextValidatorSet: next }));
  }
  return heightOf(state) === BigInt(height) ? state : must(acceptHeader(state, c.at(height)));
}

describe('light client: the happy path', () => {
  it('follows genesis → round 0 → hand-off → round 1 → hand-off to a changed set → headers of the new set', () => {
    let state = genesisState();
    state = must(acceptHeader(state, c.at(2))); // jump inside round 0
    state = must(acceptHeader(state, c.at(3)));
    state = must(acceptHandOff(state, { ...c.at(4), nextValidatorSet: setA })); // round 0 → 1, set re-elected
    expect(state.trusted.nextValidatorSet).toEqual(setA);
    state = must(acceptHeader(state, c.at(7))); // straight into round 1
    expect(state.trusted).toEqual({ header: c.at(7).header, validatorSet: setA });
    state = must(acceptHandOff(state, { ...c.at(8), nextValidatorSet: setB })); // round 1 → 2: 4 → 7 validators
    state = must(acceptHeader(state, c.at(12)));
    expect(state.trusted).toEqual({ header: c.at(12).header, validatorSet: setB });
    state = must(acceptHeader(state, c.at(15)));
    state = must(acceptHandOff(state, { ...c.at(15), nextValidatorSet: setB })); // the trusted header, now as a hand-off
    state = must(acceptHeader(state, c.at(22)));
    expect(state).toEqual({ chainId: CHAIN_ID, trusted: { header: c.at(22).header, validatorSet: setB } });
  });

  it('follows every header one by one, taking each hand-off at its round’s end', () => {
    let state = genesisState();
    const nextSets = new Map([
      [4, setA],
      [8, setB],
      [15, setB],
    ]);
    for (const block of c.blocks) {
      const next = nextSets.get(Number(block.header.height));
      state = must(next ? acceptHandOff(state, { ...block, nextValidatorSet: next }) : acceptHeader(state, block));
    }
    expect(heightOf(state)).toBe(22n);
  });

  it('reads a balance against the header it reached', () => {
    const state = stateAt(12);
    const claim = {
      header: state.trusted.header,
      key: accountKey(USERS[0]!),
      value: c.accountBytes(12, 0),
      proof: c.prove(12, 0),
    };
    expect(verifyStateValue(claim)).toEqual({ ok: true });
  });

  it('uses the verifier it is given', () => {
    let calls = 0;
    const counting: SignatureVerifier = { verify: (...args) => (calls++, nobleVerifier.verify(...args)) };
    must(acceptHeader(stateAt(9), c.at(13), { verifier: counting }));
    expect(calls).toBe(7);
  });
});

describe('light client: never skips a hand-off', () => {
  it('rejects a jump across a round boundary', () => {
    expect(reasonOf(acceptHeader(genesisState(), c.at(6)))).toBe(
      'header 6 is in round 1, but the client knows the sets only up to round 0: the hand-off at the end of round 0 is missing',
    );
  });

  it('rejects the next round’s first header without the hand-off, even when adjacent', () => {
    const atLastOfRound1 = must(acceptHeader(stateAt(7), c.at(8))); // accepted as a plain header, set B not taken
    expect(reasonOf(acceptHeader(atLastOfRound1, c.at(9)))).toMatch(/the hand-off at the end of round 1 is missing$/);
  });

  it('rejects a jump over a whole round after a hand-off', () => {
    expect(reasonOf(acceptHeader(stateAt(4), c.at(10)))).toMatch(/the hand-off at the end of round 1 is missing$/);
  });

  it('rejects a hand-off whose new set does not match the announced hash', () => {
    expect(reasonOf(acceptHandOff(stateAt(7), { ...c.at(8), nextValidatorSet: setA }))).toMatch(
      /^the new set [0-9a-f]{8}… is not the set [0-9a-f]{8}… that header 8 announced for round 2$/,
    );
  });

  it('rejects a hand-off from a round the client has not reached', () => {
    expect(reasonOf(acceptHandOff(stateAt(3), { ...c.at(8), nextValidatorSet: setB }))).toMatch(
      /the hand-off at the end of round 0 is missing$/,
    );
  });

  it('rejects a header certified by the outgoing set after the hand-off', () => {
    // Round 2 belongs to set B; set A signs a rival header 12 that names itself.
    const rival: BlockHeader = {
      ...c.at(12).header,
      validatorSetHash: validatorSetHash(setA),
      stateRoot: label('rival'),
    };
    const result = acceptHeader(stateAt(9), { header: rival, certificate: certify(rival, c.setA) });
    expect(reasonOf(result)).toMatch(/^header 12 names set [0-9a-f]{8}…, but round 2's set is [0-9a-f]{8}…/);
  });

  it('recovers when an earlier header was passed off as the hand-off', () => {
    // Header 6 is mid-round: it "announces" set A again, so the client wrongly expects A in round 2.
    let state = must(acceptHandOff(stateAt(5), { ...c.at(6), nextValidatorSet: setA }));
    expect(reasonOf(acceptHeader(state, c.at(10)))).toMatch(
      /^header 10 names set [0-9a-f]{8}… for round 2, but the hand-off at the end of round 1 announced/,
    );
    state = must(acceptHeader(state, c.at(8))); // a later header of round 1 drops the claim
    expect(state.trusted.nextValidatorSet).toBeUndefined();
    state = must(acceptHandOff(state, { ...c.at(8), nextValidatorSet: setB }));
    expect(heightOf(must(acceptHeader(state, c.at(10))))).toBe(10n);
  });
});

describe('light client: rejects bad headers and never moves backwards', () => {
  it('rejects older headers and the same height', () => {
    const state = stateAt(6);
    expect(reasonOf(acceptHeader(state, c.at(5)))).toBe('header 5 is not newer than the trusted header 6');
    expect(reasonOf(acceptHeader(state, c.at(6)))).toBe('header 6 is not newer than the trusted header 6');
  });

  it('rejects a conflicting header at the trusted height offered as a hand-off', () => {
    const rival = { ...c.at(8).header, stateRoot: label('rival') };
    const result = acceptHandOff(stateAt(8), {
      header: rival,
      certificate: certify(rival, c.setA),
      nextValidatorSet: setB,
    });
    expect(reasonOf(result)).toBe(
      'header 8 is not the trusted header at that height: the server offers a conflicting block',
    );
  });

  it('rejects an altered header carrying the real certificate', () => {
    const altered = { ...c.at(6).header, stateRoot: label('alice is rich') };
    expect(reasonOf(acceptHeader(stateAt(5), { header: altered, certificate: c.at(6).certificate }))).toMatch(
      /^the certificate signs block/,
    );
  });

  it('rejects a certified child that does not build on the trusted header', () => {
    const orphan = { ...c.at(6).header, previousHash: label('elsewhere') };
    expect(reasonOf(acceptHeader(stateAt(5), { header: orphan, certificate: certify(orphan, c.setA) }))).toMatch(
      /^header 6 builds on/,
    );
  });

  it('rejects too few signers, forged signatures and another chain id', () => {
    const state = stateAt(9);
    const target = c.at(12).header;
    expect(
      reasonOf(
        acceptHeader(state, { header: target, certificate: certify(target, c.setB, { indexes: [0, 1, 2, 3] }) }),
      ),
    ).toBe('only 4 of 7 validators signed; 5 needed');
    const forged = c.at(12).certificate;
    const signatures = forged.signatures.map((s) =>
      s.validatorIndex === 3 ? { ...s, signature: c.at(11).certificate.signatures[3]!.signature } : s,
    );
    expect(reasonOf(acceptHeader(state, { header: target, certificate: { ...forged, signatures } }))).toMatch(
      /^validator 3's signature is not a valid precommit/,
    );
    expect(reasonOf(acceptHeader({ ...state, chainId: 'another-chain' }, c.at(12)))).toMatch(
      /on chain "another-chain"$/,
    );
  });

  it('leaves the state it was given untouched', () => {
    const state = stateAt(9);
    const before = structuredClone(state);
    acceptHeader(state, c.at(3));
    acceptHeader(state, c.at(12));
    acceptHandOff(state, { ...c.at(15), nextValidatorSet: setB });
    expect(state).toEqual(before);
  });
});
