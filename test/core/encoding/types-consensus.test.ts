import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as T from '../../../shared/core/types/index.ts';
import * as A from './arbitraries.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);

describe('votes', () => {
  it('round-trip canonically', () => {
    checkCanonical(T.voteCodec, A.vote, 150);
    checkCanonical(T.signedVoteCodec, A.signedVote, 60);
  });

  it('encode a nil vote without a block hash', () => {
    const nil: T.Vote = { type: 'precommit', height: 2n, round: 1, validator: fill(32, 0xaa) };
    expect(hex(T.voteCodec.encode(nil))).toBe('02' + '0000000000000002' + '00000001' + '00' + 'aa'.repeat(32));
  });

  it('reject unknown vote types and bad optional flags', () => {
    const bytes = T.voteCodec.encode({ type: 'prevote', height: 1n, round: 0, validator: fill(32, 1) });
    bytes[0] = 3;
    expect(rejects(T.voteCodec, bytes)).toBe('type: unknown tag 0x03 (expected one of prevote, precommit) at offset 0');
    bytes[0] = 1;
    bytes[13] = 2;
    expect(rejects(T.voteCodec, bytes)).toBe(
      'blockHash: invalid optional flag 0x02 (expected 0x00 or 0x01) at offset 13',
    );
  });
});

describe('block proposals', () => {
  const base: T.BlockProposal = { height: 5n, round: 3, blockHash: fill(32, 1), proposer: fill(32, 2) };

  it('round-trip canonically, with or without a proof-of-lock round', () => {
    checkCanonical(T.blockProposalCodec, A.blockProposal, 150);
    checkCanonical(T.signedBlockProposalCodec, A.signedBlockProposal, 60);
    expect(T.blockProposalCodec.decodeOrThrow(T.blockProposalCodec.encode({ ...base, polRound: 2 }))).toEqual({
      ...base,
      polRound: 2,
    });
  });

  it('reject a polRound not below the round', () => {
    expect(() => T.blockProposalCodec.encode({ ...base, polRound: 3 })).toThrow('polRound 3 must be below round 3');
    const bytes = T.blockProposalCodec.encode({ ...base, polRound: 2 });
    bytes[16] = 9; // polRound's low byte: 8 height + 4 round + 1 flag + 3
    expect(rejects(T.blockProposalCodec, bytes)).toBe('polRound 9 must be below round 3 at offset 0');
  });
});

describe('commit certificates', () => {
  const sig = (i: number): T.CommitSignature => ({ validatorIndex: i, signature: fill(64, i) });
  const cert = (signatures: T.CommitSignature[]): T.CommitCertificate => ({
    height: 9n,
    round: 0,
    blockHash: fill(32, 7),
    signatures,
  });

  it('round-trip canonically', () => {
    checkCanonical(T.commitCertificateCodec, A.commitCertificate(), 100);
    expect(
      T.commitCertificateCodec.decodeOrThrow(T.commitCertificateCodec.encode(cert([sig(0), sig(2), sig(256)]))),
    ).toEqual(cert([sig(0), sig(2), sig(256)]));
  });

  it('require strictly increasing validator indexes', () => {
    expect(() => T.commitCertificateCodec.encode(cert([sig(2), sig(1)]))).toThrow(
      /^signatures: entry \[1\] does not sort after entry \[0\]/,
    );
    expect(() => T.commitCertificateCodec.encode(cert([sig(1), sig(1)]))).toThrow(/does not sort after/);
    const bytes = T.commitCertificateCodec.encode(cert([sig(1), sig(2)]));
    // Second index sits after height 8, round 4, hash 32, count 1, first entry 68: offset 113.
    bytes.set([0, 0, 0, 1], 113);
    expect(rejects(T.commitCertificateCodec, bytes)).toMatch(
      /^signatures: entry \[1\] does not sort after entry \[0\].* at offset 113$/,
    );
  });

  it('bound the number of signatures', () => {
    const many = Array.from({ length: T.MAX_VALIDATORS + 1 }, (_, i) => sig(i));
    expect(() => T.commitCertificateCodec.encode(cert(many))).toThrow(
      `signatures: 257 entries exceeds the maximum of 256`,
    );
  });
});

describe('validator sets', () => {
  const v = (a: number, k: number): T.Validator => ({ address: fill(20, a), consensusKey: fill(32, k) });

  it('round-trip canonically, keeping order', () => {
    checkCanonical(T.validatorSetCodec, A.validatorSet, 80);
    expect(T.validatorSetCodec.decodeOrThrow(T.validatorSetCodec.encode([v(2, 2), v(1, 1)]))).toEqual([
      v(2, 2),
      v(1, 1),
    ]);
  });

  it('hash as sha256 of the encoding; order changes the hash', () => {
    const set = [v(1, 1), v(2, 2)];
    const expected = createHash('sha256').update(T.validatorSetCodec.encode(set)).digest('hex');
    expect(hex(T.validatorSetHash(set))).toBe(expected);
    expect(hex(T.validatorSetHash([v(2, 2), v(1, 1)]))).not.toBe(expected);
  });

  it('reject empty sets and repeated addresses or keys', () => {
    expect(() => T.validatorSetCodec.encode([])).toThrow('a validator set must not be empty');
    expect(rejects(T.validatorSetCodec, fromHex('00'))).toBe('a validator set must not be empty at offset 0');
    expect(() => T.validatorSetCodec.encode([v(1, 1), v(1, 2)])).toThrow('validator set repeats an address');
    expect(() => T.validatorSetCodec.encode([v(1, 1), v(2, 1)])).toThrow('validator set repeats a consensus key');
    const dup = Uint8Array.from([2, ...fill(20, 1), ...fill(32, 1), ...fill(20, 1), ...fill(32, 2)]);
    expect(rejects(T.validatorSetCodec, dup)).toBe('validator set repeats an address at offset 0');
  });
});
