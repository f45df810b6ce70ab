import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { quorum, verifyCommitCertificate, type CommitCertificate } from '../../../shared/core/bft/index.ts';
import { A } from './fixture.ts';

const cert = (signers: number[]): CommitCertificate => ({ height: 9, round: 1, valueId: A, signers });
const allGood = (): boolean => true;

describe('commit certificate', () => {
  it('accepts a quorum of distinct, valid signers', () => {
    expect(verifyCommitCertificate(cert([0, 1, 2]), 4, allGood)).toEqual({ ok: true });
    expect(verifyCommitCertificate(cert([0, 1, 2, 3]), 4, allGood)).toEqual({ ok: true });
  });

  it.each([
    [[0, 2], 4, 'only 2 of 4 signed; 3 needed'],
    [[0, 1, 2], 5, 'only 3 of 5 signed; 4 needed'],
    [[0, 1, 2, 3], 7, 'only 4 of 7 signed; 5 needed'],
    [[0, 1, 5], 4, 'signer 5 is not in the set of 4'],
    [[-1, 0, 1, 2], 4, 'signer -1 is not in the set of 4'],
    [[0, 1.5, 2, 3], 4, 'signer 1.5 is not in the set of 4'],
    [[0, 2, 2, 3], 4, 'duplicate signer 2'],
    [[0, 2, 1, 3], 4, 'signers must be in increasing order: 1 after 2'],
    [[], 4, 'only 0 of 4 signed; 3 needed'],
  ])('rejects signers %j of %i: %s', (signers, n, reason) => {
    expect(verifyCommitCertificate(cert(signers), n, allGood)).toEqual({ ok: false, reason });
  });

  it('rejects a bad signature, naming the signer', () => {
    expect(verifyCommitCertificate(cert([0, 1, 2]), 4, (i) => i !== 1)).toEqual({
      ok: false,
      reason: 'bad signature from signer 1',
    });
  });

  it('checks every listed signature, even beyond the quorum', () => {
    expect(verifyCommitCertificate(cert([0, 1, 2, 3]), 4, (i) => i !== 3)).toEqual({
      ok: false,
      reason: 'bad signature from signer 3',
    });
  });

  it('spends no signature check on a malformed certificate', () => {
    const verify = vi.fn(allGood);
    verifyCommitCertificate(cert([0, 1]), 4, verify);
    verifyCommitCertificate(cert([0, 1, 1]), 4, verify);
    expect(verify).not.toHaveBeenCalled();
  });

  it('rejects malformed headers of the certificate', () => {
    expect(verifyCommitCertificate({ ...cert([0, 1, 2]), valueId: '' }, 4, allGood).ok).toBe(false);
    expect(verifyCommitCertificate({ ...cert([0, 1, 2]), round: -1 }, 4, allGood).ok).toBe(false);
    expect(verifyCommitCertificate({ ...cert([0, 1, 2]), height: 1.5 }, 4, allGood).ok).toBe(false);
    expect(verifyCommitCertificate(cert([0]), 0, allGood)).toEqual({ ok: false, reason: 'the validator set is empty' });
  });

  it('accepts exactly the sorted, distinct, valid signer sets of at least a quorum', () => {
    const arb = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        signers: fc.uniqueArray(fc.nat(n - 1), { maxLength: n }),
        bad: fc.option(fc.nat(n - 1)),
      }),
    );
    fc.assert(
      fc.property(arb, ({ n, signers, bad }) => {
        const sorted = [...signers].sort((a, b) => a - b);
        const result = verifyCommitCertificate(cert(sorted), n, (i) => i !== bad);
        const expected = sorted.length >= quorum(n) && (bad === null || !sorted.includes(bad));
        expect(result.ok).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
