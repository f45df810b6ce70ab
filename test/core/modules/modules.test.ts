import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  buildPayload,
  CANDIDATE_REFUSALS,
  EVIDENCE_REFUSALS,
  GOVERNANCE_REFUSALS,
  IntentError,
  MAX_MEMO_BYTES,
  PAYLOAD_RULES,
  REFUSAL_CODES,
  STAKING_REFUSALS,
  TOKEN_REFUSALS,
  type IntentContext,
} from '../../../shared/core/modules/index.ts';
import {
  applyTransaction,
  ENVELOPE_REFUSALS,
  preflightTransaction,
  signaturesCheckedElsewhere,
} from '../../../shared/core/state/index.ts';
import { payloadCodec } from '../../../shared/core/types/index.ts';
import { Harness, outsider } from '../state/helpers.ts';
import * as contractLimits from '../../../shared/contract/limits.ts';
import { intent as intentSchema } from '../../../shared/contract/schemas/wallet.ts';

describe('modules: refusal codes', () => {
  it('collects every module code once, and the rules answer with the code of each refusal', () => {
    for (const list of [
      ENVELOPE_REFUSALS,
      TOKEN_REFUSALS,
      GOVERNANCE_REFUSALS,
      STAKING_REFUSALS,
      CANDIDATE_REFUSALS,
      EVIDENCE_REFUSALS,
    ])
      for (const code of list) expect(REFUSAL_CODES).toContain(code);
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);

    const h = new Harness();
    const [a] = h.producers;
    const stranger = outsider(7);
    const refusal = (result: ReturnType<typeof h.apply>) => (result.ok ? 'accepted' : result.code);
    expect(refusal(h.apply(h.tx(a!, { type: 'transfer', to: stranger.address, amount: 0n, memo: '' })))).toBe(
      'ZERO_AMOUNT',
    );
    expect(refusal(h.apply(h.tx(stranger, { type: 'withdraw' })))).toBe('INSUFFICIENT_BALANCE');
    expect(refusal(h.apply(h.tx(a!, { type: 'candidate.unjail' })))).toBe('NOT_JAILED');
    expect(refusal(h.apply(h.tx(a!, { type: 'member.apply', name: 'again', info: '' })))).toBe('ALREADY_MEMBER');
    const used = h.tx(a!, { type: 'withdraw' });
    expect(refusal(h.apply(used))).toBe('NOTHING_TO_WITHDRAW');
    expect(refusal(h.apply(h.tx(a!, { type: 'stake', amount: 1n }, { nonce: 5n })))).toBe('WRONG_NONCE');
  });

  it('has one rule for every payload type of the union, in the wire order of before the move', () => {
    expect(payloadCodec.encode({ type: 'withdraw' })).toEqual(Uint8Array.of(0x22));
    // The union names its variants in an unknown-tag error: the modules' tables must cover exactly those.
    const decoded = payloadCodec.decode(Uint8Array.of(0xff));
    const listed = decoded.ok ? '' : /expected one of ([^)]*)\)/.exec(decoded.error.reason)![1]!;
    expect(listed).toBe(
      'transfer, member.apply, member.vote, member.propose, stake, unstake, withdraw, vote, candidate.register, ' +
        'candidate.update, candidate.resign, candidate.unjail, evidence.doubleSign, evidence.doubleProposal',
    );
    expect(Object.keys(PAYLOAD_RULES).sort()).toEqual(listed.split(', ').sort());
  });
});

describe('modules: the one intent builder', () => {
  const one = new Uint8Array(20).fill(1);
  const ctx: IntentContext = {
    address: (text) => {
      if (text !== 'one') throw new IntentError(`not an address: ${text}`);
      return one;
    },
    amount: (text) => BigInt(text),
    label: (field) => `[${field}]`,
  };

  it('builds payloads from intents, normalising text to NFC', () => {
    expect(buildPayload({ type: 'transfer', to: 'one', amount: '5', memo: 'e\u0301' }, ctx)).toEqual({
      type: 'transfer',
      to: one,
      amount: 5n,
      memo: '\u00e9',
    });
    expect(
      buildPayload({ type: 'vote', allocations: [{ candidate: 'one', amount: '3' }] }, { ...ctx, votes: [] }),
    ).toEqual({ type: 'vote', changes: [{ candidate: one, increase: true, amount: 3n }] });
    expect(buildPayload({ type: 'vote', changes: [{ candidate: 'one', increase: false, amount: '2' }] }, ctx)).toEqual({
      type: 'vote',
      changes: [{ candidate: one, increase: false, amount: 2n }],
    });
  });

  it('refuses with a message that names the field the way the caller does', () => {
    expect(() => buildPayload({ type: 'member.vote', proposalId: 'xyz', approve: true }, ctx)).toThrow(
      /^\[proposalId\] must be 64 hex digits, got "xyz"\.$/,
    );
    expect(() => buildPayload({ type: 'member.proposeParameter', name: 'minfee', value: '1' }, ctx)).toThrow(
      /Unknown parameter "minfee"/,
    );
    expect(() => buildPayload({ type: 'candidate.update' }, ctx)).toThrow(IntentError);
    expect(() =>
      buildPayload({ type: 'candidate.register', name: 'n', consensusKey: { keyId: 'k' }, endpoint: 'e' }, ctx),
    ).toThrow(/no keys are kept here/);
  });
});

describe('modules: limits reach the contract', () => {
  it('the contract re-exports the modules limits and its intent schema counts memo bytes as the chain does', () => {
    expect(contractLimits.MAX_MEMO_BYTES).toBe(MAX_MEMO_BYTES);
    const memo = (text: string) =>
      intentSchema.safeParse({ type: 'transfer', to: 'cdev1x', amount: '1', memo: text }).success;
    expect(memo('a'.repeat(MAX_MEMO_BYTES))).toBe(true);
    expect(memo('a'.repeat(MAX_MEMO_BYTES + 1))).toBe(false);
    // 33 two-byte letters: 33 characters, 66 bytes; the chain would refuse it, so the contract does.
    expect(memo('é'.repeat(33))).toBe(false);
    expect(
      payloadCodec.encode({ type: 'transfer', to: new Uint8Array(20), amount: 1n, memo: 'a'.repeat(64) }),
    ).toBeTruthy();
  });
});

describe('modules: preflight over records read on demand', () => {
  it('runs the chain rules over records fetched one at a time, with the chain’s code and reason', async () => {
    const h = new Harness();
    const [a] = h.producers;
    const stranger = outsider(3);
    const reads: string[] = [];
    const read = async (key: Uint8Array) => {
      reads.push(bytesToHex(key));
      return h.state.get(key);
    };
    const ctx = { chainId: 'consortia-test', height: 1n, verifier: signaturesCheckedElsewhere };
    const good = h.tx(a!, { type: 'transfer', to: stranger.address, amount: 1n, memo: '' });
    expect(await preflightTransaction(read, ctx, [], good)).toEqual({ ok: true });
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads).size).toBe(reads.length); // each record read once

    const unjail = h.tx(a!, { type: 'candidate.unjail' });
    const expected = applyTransaction(h.view(), unjail, { ...ctx, params: h.params });
    expect(await preflightTransaction(read, ctx, [], unjail)).toEqual({ ...expected, earlier: false });
    expect(await preflightTransaction(read, ctx, [unjail], good)).toMatchObject({ code: 'NOT_JAILED', earlier: true });
  });
});
