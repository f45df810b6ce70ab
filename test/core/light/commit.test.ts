import { describe, expect, it } from 'vitest';
import { nobleVerifier, type SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import {
  verifyCertificateTarget,
  verifyCommit,
  verifyNamedSet,
  verifyPrecommitSignatures,
  verifyQuorum,
  verifySignerIndexes,
} from '../../../shared/core/light/index.ts';
import type { CommitCertificate } from '../../../shared/core/types/index.ts';
import { certify, chain, CHAIN_ID, label, makeSigners, setOf } from './fixtures.ts';

const c = chain();
const block3 = c.at(3); // round 0, set A (4 validators): quorum 3
const block10 = c.at(10); // round 2, set B (7 validators): quorum 5
const setA = setOf(c.setA);
const setB = setOf(c.setB);

function reasonOf(verdict: { ok: boolean; reason?: string }): string | undefined {
  return verdict.ok ? undefined : verdict.reason;
}

describe('verifyCertificateTarget', () => {
  it('accepts the certificate of this header', () => {
    expect(verifyCertificateTarget(block3.header, block3.certificate)).toEqual({ ok: true });
  });

  it('rejects a certificate for another height', () => {
    expect(reasonOf(verifyCertificateTarget(block3.header, c.at(2).certificate))).toBe(
      'the certificate is for height 2, not for header 3',
    );
  });

  it('rejects a certificate for another block at the same height', () => {
    const other = { ...block3.header, stateRoot: label('another state') };
    expect(reasonOf(verifyCertificateTarget(other, block3.certificate))).toMatch(
      /^the certificate signs block [0-9a-f]{8}…, not header 3 \([0-9a-f]{8}…\)$/,
    );
  });
});

describe('verifyNamedSet', () => {
  it('accepts the set the header names', () => {
    expect(verifyNamedSet(block3.header, setA)).toEqual({ ok: true });
    expect(verifyNamedSet(block10.header, setB)).toEqual({ ok: true });
  });

  it('rejects a set the header does not name, including the same members in another order', () => {
    expect(reasonOf(verifyNamedSet(block3.header, setB))).toMatch(
      /^header 3 names validator set [0-9a-f]{8}…, not the given set [0-9a-f]{8}…$/,
    );
    expect(verifyNamedSet(block3.header, [...setA].reverse()).ok).toBe(false);
  });

  it('rejects a set that is no set at all', () => {
    expect(reasonOf(verifyNamedSet(block3.header, []))).toMatch(/^the validator set is not valid: .*empty/);
    expect(reasonOf(verifyNamedSet(block3.header, [setA[0]!, setA[0]!]))).toMatch(
      /^the validator set is not valid: .*repeats/,
    );
  });
});

describe('verifySignerIndexes', () => {
  const sigs = (...indexes: number[]): CommitCertificate => ({
    ...block3.certificate,
    signatures: indexes.map((validatorIndex) => ({ validatorIndex, signature: new Uint8Array(64) })),
  });

  it('accepts distinct, increasing indexes inside the set', () => {
    expect(verifySignerIndexes(sigs(0, 2, 3), 4)).toEqual({ ok: true });
  });

  it('rejects an index outside the set', () => {
    expect(reasonOf(verifySignerIndexes(sigs(0, 1, 4), 4))).toBe('signer index 4 is outside the set of 4 validators');
    expect(reasonOf(verifySignerIndexes(sigs(-1, 0, 1), 4))).toBe('signer index -1 is outside the set of 4 validators');
  });

  it('rejects a duplicate signer', () => {
    expect(reasonOf(verifySignerIndexes(sigs(0, 1, 1, 2), 4))).toBe('validator 1 is listed twice');
  });

  it('rejects indexes out of order', () => {
    expect(reasonOf(verifySignerIndexes(sigs(0, 2, 1), 4))).toBe('signer indexes must increase: 1 comes after 2');
  });
});

describe('verifyQuorum', () => {
  it('accepts ⌊2N/3⌋+1 signers', () => {
    expect(verifyQuorum(certify(block3.header, c.setA, { indexes: [0, 1, 3] }), 4)).toEqual({ ok: true });
    expect(verifyQuorum(certify(block10.header, c.setB, { indexes: [0, 1, 2, 5, 6] }), 7)).toEqual({ ok: true });
  });

  it('rejects one signer fewer', () => {
    expect(reasonOf(verifyQuorum(certify(block3.header, c.setA, { indexes: [1, 2] }), 4))).toBe(
      'only 2 of 4 validators signed; 3 needed',
    );
    expect(reasonOf(verifyQuorum(certify(block10.header, c.setB, { indexes: [0, 1, 2, 3] }), 7))).toBe(
      'only 4 of 7 validators signed; 5 needed',
    );
  });

  it('counts a repeated signer once', () => {
    const cert = certify(block3.header, c.setA, { indexes: [0, 1, 1] });
    expect(reasonOf(verifyQuorum(cert, 4))).toBe('only 2 of 4 validators signed; 3 needed');
  });
});

describe('verifyPrecommitSignatures', () => {
  it('accepts real precommits under the chain id', () => {
    expect(verifyPrecommitSignatures(block3.certificate, setA, CHAIN_ID)).toEqual({ ok: true });
    expect(verifyPrecommitSignatures(block10.certificate, setB, CHAIN_ID)).toEqual({ ok: true });
  });

  it('rejects a forged signature', () => {
    const signatures = block3.certificate.signatures.map((s, i) => {
      if (i !== 2) return s;
      const forged = s.signature.slice();
      forged[10]! ^= 1;
      return { ...s, signature: forged };
    });
    expect(reasonOf(verifyPrecommitSignatures({ ...block3.certificate, signatures }, setA, CHAIN_ID))).toMatch(
      /^validator 2's signature is not a valid precommit for block [0-9a-f]{8}… at height 3 on chain "consortia-light-test"$/,
    );
  });

  it('rejects a signature by a key outside the set, placed at a member index', () => {
    const outsider = makeSigners('outsider', 4);
    const fake = certify(block3.header, outsider, { indexes: [1] }).signatures[0]!;
    const signatures = block3.certificate.signatures.map((s) => (s.validatorIndex === 1 ? fake : s));
    expect(reasonOf(verifyPrecommitSignatures({ ...block3.certificate, signatures }, setA, CHAIN_ID))).toMatch(
      /^validator 1's signature/,
    );
  });

  it('rejects signatures made under another chain id', () => {
    const cert = certify(block3.header, c.setA, { chainId: 'another-chain' });
    expect(verifyPrecommitSignatures(cert, setA, 'another-chain')).toEqual({ ok: true });
    expect(reasonOf(verifyPrecommitSignatures(cert, setA, CHAIN_ID))).toMatch(
      /^validator 0's signature is not a valid precommit/,
    );
  });

  it('rejects signatures for another BFT round than the certificate states', () => {
    const cert = certify(block3.header, c.setA, { round: 1 });
    expect(verifyPrecommitSignatures({ ...cert, round: 0 }, setA, CHAIN_ID).ok).toBe(false);
  });

  it('rejects a certificate that cannot be a vote', () => {
    expect(reasonOf(verifyPrecommitSignatures({ ...block3.certificate, round: -1 }, setA, CHAIN_ID))).toMatch(
      /^the certificate cannot be a precommit/,
    );
  });
});

describe('verifyCommit', () => {
  const check = (over: Partial<Parameters<typeof verifyCommit>[0]> = {}) =>
    verifyCommit({
      header: block3.header,
      certificate: block3.certificate,
      validatorSet: setA,
      chainId: CHAIN_ID,
      ...over,
    });

  it('accepts a full certificate and a bare quorum, for 4 and 7 validators', () => {
    expect(check()).toEqual({ ok: true });
    expect(check({ certificate: certify(block3.header, c.setA, { indexes: [0, 2, 3] }) })).toEqual({ ok: true });
    expect(
      verifyCommit({ header: block10.header, certificate: block10.certificate, validatorSet: setB, chainId: CHAIN_ID }),
    ).toEqual({ ok: true });
    const bare = certify(block10.header, c.setB, { indexes: [1, 2, 3, 4, 6] });
    expect(verifyCommit({ header: block10.header, certificate: bare, validatorSet: setB, chainId: CHAIN_ID })).toEqual({
      ok: true,
    });
  });

  it('rejects each failure with its own reason', () => {
    const cases: [Partial<Parameters<typeof verifyCommit>[0]>, RegExp][] = [
      [{ certificate: c.at(2).certificate }, /^the certificate is for height 2/],
      [{ header: { ...block3.header, stateRoot: label('altered') } }, /^the certificate signs block/],
      [{ validatorSet: setB }, /^header 3 names validator set/],
      [
        { certificate: certify(block3.header, c.setA, { indexes: [0, 1] }) },
        /^only 2 of 4 validators signed; 3 needed$/,
      ],
      [{ certificate: certify(block3.header, c.setA, { indexes: [0, 1, 1, 2] }) }, /^validator 1 is listed twice$/],
      [
        { certificate: certify(block3.header, [...c.setA, ...makeSigners('x', 1)], { indexes: [0, 1, 2, 4] }) },
        /^signer index 4 is outside/,
      ],
      [{ chainId: 'another-chain' }, /^validator 0's signature is not a valid precommit .* on chain "another-chain"$/],
    ];
    for (const [over, reason] of cases) expect(reasonOf(check(over))).toMatch(reason);
  });

  it('checks no signature when the structure is already wrong', () => {
    let calls = 0;
    const counting: SignatureVerifier = { verify: (...args) => (calls++, nobleVerifier.verify(...args)) };
    expect(check({ certificate: certify(block3.header, c.setA, { indexes: [0, 1] }), verifier: counting }).ok).toBe(
      false,
    );
    expect(calls).toBe(0);
    expect(check({ verifier: counting })).toEqual({ ok: true });
    expect(calls).toBe(4);
  });
});
