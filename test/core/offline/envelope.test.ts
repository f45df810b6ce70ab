import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  addressBytes,
  addressFromPublicKey,
  encodeAddress,
  publicKeyFromSecret,
  SigningDomain,
  signDomain,
} from '../../../shared/core/crypto/index.ts';
import {
  buildEnvelope,
  buildReply,
  DEFAULT_DISPLAY,
  parseEnvelope,
  parseReply,
  signEnvelope,
  summarise,
  type OfflineEnvelope,
} from '../../../shared/core/offline/index.ts';
import { transactionCodec, transactionId, type Payload, type Transaction } from '../../../shared/core/types/index.ts';

const secret = new Uint8Array(32).fill(1);
const sender = publicKeyFromSecret(secret);
const recipient = addressBytes(publicKeyFromSecret(new Uint8Array(32).fill(2)));
const prefix = 'cdev';
const chainId = 'consortia-test';
const requestId = '00112233445566778899aabbccddeeff';
const to = encodeAddress(prefix, recipient);

const tx = (payload: Payload, nonce = 4n): Transaction => ({
  senderPublicKey: sender,
  nonce,
  fee: 1000n,
  expiryHeight: 1200n,
  payload,
});
const transfer = tx({ type: 'transfer', to: recipient, amount: 12_500_000n, memo: 'rent' });

function envelope(t: Transaction = transfer, id = requestId): OfflineEnvelope {
  const built = buildEnvelope(
    { chainId, addressPrefix: prefix, requestId: id, tx: t, createdAt: '2025-01-02T03:04:05.000Z' },
    DEFAULT_DISPLAY,
  );
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}
const open = (e: unknown) => parseEnvelope(JSON.stringify(e), DEFAULT_DISPLAY);
const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? 'accepted' : r.reason);

describe('plain-words summaries', () => {
  it('describes a transfer with amounts in tokens and base units', () => {
    expect(summarise(transfer, { ...DEFAULT_DISPLAY, prefix, chainId })).toEqual([
      "Network: 'consortia-test'",
      `From ${addressFromPublicKey(prefix, sender)}`,
      `Send 12.5 CNS (12500000 base units) to ${to} with memo 'rent'`,
      'Fee: 0.001 CNS (1000 base units)',
      'Nonce 4, valid until height 1200',
    ]);
  });

  it('escapes a memo that tries to reorder or hide text', () => {
    const lines = summarise(tx({ type: 'transfer', to: recipient, amount: 1n, memo: "x'\u202e\n" }), {
      ...DEFAULT_DISPLAY,
      prefix,
    });
    expect(lines[1]).toBe(`Send 0.000001 CNS (1 base units) to ${to} with memo 'x\\'\\u{202E}\\u{A}'`);
  });

  it('has words for every payload type', () => {
    const key = new Uint8Array(32).fill(9);
    const vote = (round: number) => ({
      vote: { type: 'prevote' as const, height: 5n, round, validator: key },
      signature: new Uint8Array(64),
    });
    const proposal = (round: number) => ({
      proposal: { height: 5n, round, blockHash: new Uint8Array(32), proposer: key },
      signature: new Uint8Array(64),
    });
    const payloads: [Payload, RegExp][] = [
      [
        { type: 'member.apply', name: 'Acme', info: 'https://acme.example' },
        /Apply for consortium membership as 'Acme'/,
      ],
      [
        { type: 'member.vote', proposalId: new Uint8Array(32).fill(0xab), approve: false },
        /Vote NO on membership proposal abab/,
      ],
      [
        { type: 'member.propose', action: { type: 'removeMember', member: recipient } },
        new RegExp(`removing member ${to}`),
      ],
      [
        { type: 'member.propose', action: { type: 'changeParameter', name: 'minFee', value: 2000n } },
        /minFee to 0.002 CNS \(2000 base units\)/,
      ],
      [
        { type: 'member.propose', action: { type: 'changeParameter', name: 'missLimit', value: 5n } },
        /missLimit to 5\n/,
      ],
      [{ type: 'stake', amount: 3_000_000n }, /Stake 3 CNS/],
      [{ type: 'unstake', amount: 1n }, /Unstake 0.000001 CNS/],
      [{ type: 'withdraw' }, /Withdraw all released/],
      [
        { type: 'vote', changes: [{ candidate: recipient, increase: true, amount: 5_000_000n }] },
        new RegExp(`allocate 5 CNS .* to candidate ${to}`),
      ],
      [{ type: 'vote', changes: [{ candidate: recipient, increase: false, amount: 5_000_000n }] }, /take back 5 CNS/],
      [
        { type: 'candidate.register', name: 'node-a', consensusKey: key, endpoint: 'wss://a.example:7070' },
        /candidate 'node-a'/,
      ],
      [{ type: 'candidate.update', endpoint: 'wss://b.example:7070' }, /New node endpoint 'wss:\/\/b.example:7070'/],
      [{ type: 'candidate.resign' }, /Resign/],
      [{ type: 'candidate.unjail' }, /return from jail/],
      [
        { type: 'evidence.doubleSign', voteA: vote(0), voteB: vote(1) },
        /two conflicting prevotes .* at height 5, round 0/,
      ],
      [{ type: 'evidence.doubleProposal', proposalA: proposal(0), proposalB: proposal(1) }, /double-proposing/],
    ];
    for (const [payload, pattern] of payloads)
      expect(summarise(tx(payload), { ...DEFAULT_DISPLAY, prefix }).join('\n')).toMatch(pattern);
  });
});

describe('signing request', () => {
  it('round-trips through JSON and recomputes the same summary', () => {
    const e = envelope();
    expect(e.transaction).toBe(bytesToHex(transactionCodec.encode(transfer)));
    const opened = open(e);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.value.tx).toEqual(transfer);
    expect(opened.value.summaryMatches).toBe(true);
    expect(opened.value.summary).toEqual(e.summary);
  });

  it('shows what changed bytes really do, and flags an edited summary', () => {
    const e = envelope();
    const amountHex = 12_500_000n.toString(16).padStart(16, '0');
    expect(e.transaction).toContain(amountHex);
    const tampered = open({
      ...e,
      transaction: e.transaction.replace(amountHex, 13_000_000n.toString(16).padStart(16, '0')),
    });
    if (!tampered.ok) throw new Error(tampered.reason);
    expect(tampered.value.summaryMatches).toBe(false);
    expect(tampered.value.summary.join('\n')).toMatch(/Send 13 CNS/);

    const edited = open({ ...e, summary: e.summary.map((l) => l.replace('12.5 CNS', '1.25 CNS')) });
    expect(edited.ok && edited.value.summaryMatches).toBe(false);
    // Another display convention reads the same bytes differently: never a silent match.
    const other = parseEnvelope(JSON.stringify(e), { decimals: 3, symbol: 'CNS' });
    expect(other.ok && other.value.summaryMatches).toBe(false);
  });

  it('refuses malformed or unexpected requests with a reason', () => {
    const e = envelope();
    const cases: [unknown, RegExp][] = [
      [{ ...e, extra: 1 }, /unknown field "extra"/],
      [{ ...e, version: 2 }, /version 2 is not supported/],
      [{ ...e, requestId: 'abc' }, /requestId/],
      [{ ...e, chainId: 'bad chain' }, /chainId/],
      [{ ...e, addressPrefix: 'Bad' }, /addressPrefix/],
      [{ ...e, transaction: `${e.transaction}00` }, /not validly encoded: 1 trailing bytes/],
      [{ ...e, transaction: e.transaction.toUpperCase() }, /lowercase hex/],
      [{ ...e, summary: 'Send 1 CNS' }, /summary/],
      [{ ...e, createdAt: 'yesterday' }, /createdAt/],
      [{ version: 1, chainId, requestId, signedTransaction: '00' }, /signed reply, not a signing request/],
      [[e], /not a JSON object/],
    ];
    for (const [value, pattern] of cases) expect(reason(open(value))).toMatch(pattern);
    expect(reason(parseEnvelope('{"version":1,', DEFAULT_DISPLAY))).toMatch(/not JSON/);
    expect(
      reason(buildEnvelope({ chainId: '', addressPrefix: prefix, requestId, tx: transfer }, DEFAULT_DISPLAY)),
    ).toMatch(/chainId/);
    expect(
      reason(
        buildEnvelope(
          {
            chainId,
            addressPrefix: prefix,
            requestId,
            tx: tx({ type: 'transfer', to: recipient, amount: 1n, memo: 'x'.repeat(65) }),
          },
          DEFAULT_DISPLAY,
        ),
      ),
    ).toMatch(/exceeds the maximum of 64/);
  });
});

describe('signed reply', () => {
  const opened = () => {
    const o = open(envelope());
    if (!o.ok) throw new Error(o.reason);
    return o.value;
  };

  it('is signed by the sender and checks out against its request', () => {
    const reply = signEnvelope(opened(), secret, sender);
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.value).toMatchObject({ version: 1, chainId, requestId });
    const checked = parseReply(JSON.stringify(reply.value), envelope());
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.value.signed.tx).toEqual(transfer);
    expect(checked.value.id).toBe(bytesToHex(transactionId(checked.value.signed)));
  });

  it('refuses another key, a bad signature, and replies to other requests', () => {
    const other = new Uint8Array(32).fill(3);
    expect(reason(signEnvelope(opened(), other, publicKeyFromSecret(other)))).toMatch(
      /not the key of the transaction's sender/,
    );
    expect(reason(buildReply(opened(), new Uint8Array(64)))).toMatch(/does not verify/);

    const reply = signEnvelope(opened(), secret, sender);
    if (!reply.ok) throw new Error(reply.reason);
    const text = JSON.stringify(reply.value);
    expect(reason(parseReply(text, envelope(transfer, 'ff'.repeat(16))))).toMatch(
      /answers request 0011.*not request ffff/,
    );
    expect(reason(parseReply(text, envelope(tx(transfer.payload, 5n))))).toMatch(
      /not the transaction that was requested/,
    );
    expect(reason(parseReply(JSON.stringify({ ...reply.value, chainId: 'other-chain' })))).toMatch(
      /signature does not verify .*"other-chain"/,
    );
    const flipped =
      reply.value.signedTransaction.slice(0, -2) + (reply.value.signedTransaction.endsWith('00') ? '01' : '00');
    expect(reason(parseReply(JSON.stringify({ ...reply.value, signedTransaction: flipped })))).toMatch(
      /does not verify|not validly encoded/,
    );
    expect(reason(parseReply(JSON.stringify(envelope())))).toMatch(/unsigned signing request, not a signed reply/);
  });

  it('accepts a signature made elsewhere over the same domain-separated bytes', () => {
    const signature = signDomain(SigningDomain.TRANSACTION, chainId, hexToBytes(envelope().transaction), secret);
    const reply = buildReply(opened(), signature);
    expect(reply.ok && parseReply(JSON.stringify(reply.value), envelope()).ok).toBe(true);
  });
});
