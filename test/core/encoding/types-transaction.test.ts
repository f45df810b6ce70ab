import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../../../shared/core/types/index.ts';
import * as A from './arbitraries.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
const transfer = (memo: string): T.SignedTransaction => ({
  tx: {
    senderPublicKey: fill(32, 0x11),
    nonce: 1n,
    fee: 1000n,
    expiryHeight: 500n,
    payload: { type: 'transfer', to: fill(20, 0x22), amount: 5n, memo },
  },
  signature: fill(64, 0x33),
});
const minimal: { [K in T.PayloadType]: Extract<T.Payload, { type: K }> } = {
  transfer: { type: 'transfer', to: fill(20, 1), amount: 0n, memo: '' },
  'member.apply': { type: 'member.apply', name: 'Acme', info: '' },
  'member.vote': { type: 'member.vote', proposalId: fill(32, 1), approve: true },
  'member.propose': { type: 'member.propose', action: { type: 'removeMember', member: fill(20, 1) } },
  stake: { type: 'stake', amount: 1n },
  unstake: { type: 'unstake', amount: 1n },
  withdraw: { type: 'withdraw' },
  vote: { type: 'vote', changes: [] },
  'candidate.register': { type: 'candidate.register', name: 'n', consensusKey: fill(32, 1), endpoint: 'e' },
  'candidate.update': { type: 'candidate.update' },
  'candidate.resign': { type: 'candidate.resign' },
  'candidate.unjail': { type: 'candidate.unjail' },
  'evidence.doubleSign': {
    type: 'evidence.doubleSign',
    voteA: { vote: { type: 'prevote', height: 1n, round: 0, validator: fill(32, 1) }, signature: fill(64, 1) },
    voteB: {
      vote: { type: 'prevote', height: 1n, round: 0, blockHash: fill(32, 2), validator: fill(32, 1) },
      signature: fill(64, 1),
    },
  },
  'evidence.doubleProposal': {
    type: 'evidence.doubleProposal',
    proposalA: {
      proposal: { height: 1n, round: 0, blockHash: fill(32, 1), proposer: fill(32, 1) },
      signature: fill(64, 1),
    },
    proposalB: {
      proposal: { height: 1n, round: 0, blockHash: fill(32, 2), proposer: fill(32, 1) },
      signature: fill(64, 1),
    },
  },
};

describe('transactions', () => {
  it('have the documented layout (golden vector)', () => {
    const expected = [
      '11'.repeat(32), // senderPublicKey
      '0000000000000001', // nonce
      '00000000000003e8', // fee 1000
      '00000000000001f4', // expiryHeight 500
      '01', // payload tag: transfer
      '22'.repeat(20), // to
      '0000000000000005', // amount
      '026869', // memo "hi"
      '33'.repeat(64), // signature
    ].join('');
    const signed = transfer('hi');
    expect(hex(T.signedTransactionCodec.encode(signed))).toBe(expected);
    expect(T.signedTransactionCodec.decodeOrThrow(fromHex(expected))).toEqual(signed);
    // The id is sha256 of the signed encoding, checked against an independent implementation.
    expect(hex(T.transactionId(signed))).toBe(createHash('sha256').update(fromHex(expected)).digest('hex'));
  });

  it('give every payload type its fixed tag', () => {
    const tags: Record<T.PayloadType, number> = {
      transfer: 0x01,
      'member.apply': 0x10,
      'member.vote': 0x11,
      'member.propose': 0x12,
      stake: 0x20,
      unstake: 0x21,
      withdraw: 0x22,
      vote: 0x30,
      'candidate.register': 0x40,
      'candidate.update': 0x41,
      'candidate.resign': 0x42,
      'candidate.unjail': 0x43,
      'evidence.doubleSign': 0x50,
      'evidence.doubleProposal': 0x51,
    };
    for (const [type, value] of Object.entries(minimal)) {
      const bytes = T.payloadCodec.encode(value);
      expect(bytes[0]).toBe(tags[type as T.PayloadType]);
      expect(T.payloadCodec.decodeOrThrow(bytes)).toEqual(value);
    }
  });

  it('round-trip canonically for arbitrary payloads', () => {
    checkCanonical(T.payloadCodec, A.payload, 150);
    checkCanonical(T.transactionCodec, A.transaction, 60);
    checkCanonical(T.signedTransactionCodec, A.signedTransaction, 60);
  });

  it('change id when any byte changes', () => {
    fc.assert(
      fc.property(A.signedTransaction, A.signedTransaction, (a, b) => {
        const same = hex(T.signedTransactionCodec.encode(a)) === hex(T.signedTransactionCodec.encode(b));
        expect(hex(T.transactionId(a)) === hex(T.transactionId(b))).toBe(same);
      }),
      { numRuns: 30 },
    );
  });

  it('reject unknown payload tags', () => {
    const valid = T.signedTransactionCodec.encode(transfer(''));
    for (const tag of [0x00, 0x02, 0x13, 0x44, 0x52, 0xff]) {
      const bad = Uint8Array.from(valid);
      bad[56] = tag;
      expect(rejects(T.signedTransactionCodec, bad)).toMatch(
        new RegExp(`^tx\\.payload: unknown tag 0x${tag.toString(16).padStart(2, '0')} .* at offset 56$`),
      );
    }
  });

  it('reject an oversize memo, naming the field', () => {
    const memo65 = 'x'.repeat(65);
    expect(() => T.signedTransactionCodec.encode(transfer(memo65))).toThrow(
      'tx.payload(transfer).memo: string of 65 bytes exceeds the maximum of 64',
    );
    const ok = T.signedTransactionCodec.encode(transfer('x'.repeat(64)));
    // Memo length sits at 85: key 32, three u64s 24, tag 1, address 20, amount 8.
    const grown = Uint8Array.from([...ok.subarray(0, 85), 65, ...ok.subarray(86, 150), 0x78, ...ok.subarray(150)]);
    expect(rejects(T.signedTransactionCodec, grown)).toBe(
      'tx.payload(transfer).memo: string of 65 bytes exceeds the maximum of 64 at offset 85',
    );
  });

  it('reject non-NFC member names and malformed text', () => {
    const apply = (name: string): T.Payload => ({ type: 'member.apply', name, info: '' });
    expect(() => T.payloadCodec.encode(apply('Cafe\u0301'))).toThrow(
      '(member.apply).name: string is not in Unicode NFC form',
    );
    expect(T.payloadCodec.decodeOrThrow(T.payloadCodec.encode(apply('Caf\u00e9')))).toEqual(apply('Caf\u00e9'));
    expect(rejects(T.payloadCodec, fromHex('10 02 c328 00'))).toBe('(member.apply).name: invalid UTF-8 at offset 2');
    expect(() => T.payloadCodec.encode({ type: 'member.apply', name: '', info: 'i'.repeat(257) })).toThrow(
      /info: string of 257 bytes/,
    );
  });

  it('restrict candidate names and endpoints to their charsets', () => {
    const register = (name: string, endpoint = 'wss://n1:7070'): T.Payload => ({
      type: 'candidate.register',
      name,
      consensusKey: fill(32, 1),
      endpoint,
    });
    expect(T.payloadCodec.decodeOrThrow(T.payloadCodec.encode(register('eu-west_1.node')))).toEqual(
      register('eu-west_1.node'),
    );
    for (const bad of ['', 'Upper', 'has space', 'ünï', 'a'.repeat(33)]) {
      expect(() => T.payloadCodec.encode(register(bad))).toThrow(/\(candidate\.register\)\.name: /);
    }
    expect(() => T.payloadCodec.encode(register('ok', 'has space'))).toThrow(/endpoint: invalid text/);
    expect(() => T.payloadCodec.encode(register('ok', ''))).toThrow(/endpoint: invalid text/);
    // The same rejection from the wire: name "A" is a valid UTF-8 string of the wrong charset.
    const bytes = T.payloadCodec.encode(register('a'));
    bytes[2] = 0x41;
    expect(rejects(T.payloadCodec, bytes)).toMatch(/^\(candidate\.register\)\.name: invalid text "A"/);
  });

  it('require vote changes sorted by candidate, unique, and at most 10', () => {
    const change = (b: number, increase = true): T.VoteChange => ({ candidate: fill(20, b), increase, amount: 1n });
    const vote = (changes: T.VoteChange[]): T.Payload => ({ type: 'vote', changes });
    expect(T.payloadCodec.decodeOrThrow(T.payloadCodec.encode(vote([change(1), change(2, false)])))).toEqual(
      vote([change(1), change(2, false)]),
    );
    expect(() => T.payloadCodec.encode(vote([change(2), change(1)]))).toThrow(
      /\(vote\)\.changes: entry \[1\] does not sort after entry \[0\]/,
    );
    // Same candidate twice, even with different directions, is a duplicate.
    expect(() => T.payloadCodec.encode(vote([change(1), change(1, false)]))).toThrow(/does not sort after/);
    expect(() => T.payloadCodec.encode(vote(Array.from({ length: 11 }, (_, i) => change(i))))).toThrow(
      '(vote).changes: 11 entries exceeds the maximum of 10',
    );
    const swapped = T.payloadCodec.encode(vote([change(1), change(2)]));
    swapped.set(fill(20, 3), 2);
    expect(rejects(T.payloadCodec, swapped)).toMatch(
      /^\(vote\)\.changes: entry \[1\] does not sort after entry \[0\].* at offset 31$/,
    );
  });

  it('require evidence pairs in canonical order and distinct', () => {
    const e = minimal['evidence.doubleSign'];
    expect(T.payloadCodec.decodeOrThrow(T.payloadCodec.encode(e))).toEqual(e);
    expect(() => T.payloadCodec.encode({ ...e, voteA: e.voteB, voteB: e.voteA })).toThrow(
      /voteA must sort before voteB/,
    );
    expect(() => T.payloadCodec.encode({ ...e, voteB: e.voteA })).toThrow(/voteA must sort before voteB/);
    const [a, b] = T.orderEvidence(T.signedVoteCodec, e.voteB, e.voteA);
    expect(T.payloadCodec.encode({ ...e, voteA: a, voteB: b })).toEqual(T.payloadCodec.encode(e));
    const p = minimal['evidence.doubleProposal'];
    expect(() => T.payloadCodec.encode({ ...p, proposalA: p.proposalB, proposalB: p.proposalA })).toThrow(
      /proposalA must sort before proposalB/,
    );
  });

  it('encode candidate.update optionals as flags', () => {
    const both: T.Payload = { type: 'candidate.update', consensusKey: fill(32, 9), endpoint: 'x' };
    expect(hex(T.payloadCodec.encode({ type: 'candidate.update' }))).toBe('410000');
    expect(T.payloadCodec.decodeOrThrow(T.payloadCodec.encode(both))).toEqual(both);
    expect(rejects(T.payloadCodec, fromHex('410200'))).toBe(
      '(candidate.update).consensusKey: invalid optional flag 0x02 (expected 0x00 or 0x01) at offset 1',
    );
  });

  it('carry parameter names as tags in proposals', () => {
    const propose: T.Payload = {
      type: 'member.propose',
      action: { type: 'changeParameter', name: 'minFee', value: 10n },
    };
    expect(hex(T.payloadCodec.encode(propose))).toBe('12' + '02' + '08' + '000000000000000a');
    expect(rejects(T.payloadCodec, fromHex('12 02 7f 000000000000000a'))).toMatch(
      /^\(member\.propose\)\.action\(changeParameter\)\.name: unknown tag 0x7f/,
    );
    expect(rejects(T.payloadCodec, fromHex('12 00'))).toMatch(/^\(member\.propose\)\.action: unknown tag 0x00/);
  });
});
