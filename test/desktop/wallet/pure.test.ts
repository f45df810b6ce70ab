import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { bytesToHex } from '@noble/hashes/utils.js';
import { historyCsv, neutralise } from '../../../electron/services/wallet/csv.ts';
import type { HistoryEntry } from '../../../electron/services/wallet/history.ts';
import { IntentError, voteChangesToward } from '../../../shared/core/modules/index.ts';

const candidate = (n: number) => new Uint8Array(20).fill(n);
const show = (a: Uint8Array) => bytesToHex(a);

describe('vote intent → payload changes', () => {
  it('raises, lowers and withdraws toward the wanted allocations, sorted by candidate', () => {
    const current = [
      { candidate: candidate(1), amount: 100n },
      { candidate: candidate(2), amount: 50n },
      { candidate: candidate(3), amount: 10n },
    ];
    const changes = voteChangesToward(
      current,
      [
        { candidate: candidate(4), amount: 5n },
        { candidate: candidate(2), amount: 80n },
        { candidate: candidate(1), amount: 100n },
      ],
      show,
    );
    expect(changes.map((c) => [show(c.candidate).slice(0, 2), c.increase, c.amount])).toEqual([
      ['02', true, 30n],
      ['03', false, 10n],
      ['04', true, 5n],
    ]);
  });

  it('refuses a repeated candidate, no change at all, and more than ten changes', () => {
    expect(() =>
      voteChangesToward(
        [],
        [
          { candidate: candidate(1), amount: 1n },
          { candidate: candidate(1), amount: 2n },
        ],
        show,
      ),
    ).toThrow(/listed twice/);
    expect(() =>
      voteChangesToward([{ candidate: candidate(1), amount: 5n }], [{ candidate: candidate(1), amount: 5n }], show),
    ).toThrow(IntentError);
    const many = Array.from({ length: 11 }, (_, i) => ({ candidate: candidate(i + 1), amount: 1n }));
    expect(() => voteChangesToward([], many, show)).toThrow(/at most 10/);
  });
});

describe('history CSV', () => {
  const entry = (memo: string, counterparty = 'cdev1example'): HistoryEntry => ({
    txId: 'ab'.repeat(32),
    height: 7,
    position: 0,
    type: 'transfer',
    direction: 'in',
    counterparty,
    amount: '5',
    fee: '1000',
    memo,
    time: Date.UTC(2026, 0, 2, 3, 4, 5),
    verification: 'verified',
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'plain', ''].map(neutralise)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'plain',
      '',
    ]);
  });

  it('quotes every field, doubles quotes, ends lines with CRLF, and parses back to the same cells', () => {
    const memos = ['say "hi", then leave', 'two\nlines', '=cmd|" /C calc"!A0', ''];
    const csv = historyCsv(memos.map((m) => entry(m)));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      `"2026-01-02T03:04:05.000Z","7","0","${'ab'.repeat(32)}","transfer","in","cdev1example","5","1000","say ""hi"", then leave","verified"`,
    );
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.memo)).toEqual(['say "hi", then leave', 'two\nlines', `'=cmd|" /C calc"!A0`, '']);
    expect(rows[0]).toMatchObject({
      time: '2026-01-02T03:04:05.000Z',
      height: '7',
      amount: '5',
      fee: '1000',
      verification: 'verified',
    });
  });
});
