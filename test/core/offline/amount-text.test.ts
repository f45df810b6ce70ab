import { describe, expect, it } from 'vitest';
import { MAX_U64 } from '../../../shared/core/encoding/index.ts';
import {
  checkDisplay,
  describeAmount,
  escapeText,
  formatAmount,
  parseAmount,
  parseBaseUnits,
  quoted,
} from '../../../shared/core/offline/index.ts';

describe('amounts for people', () => {
  it('formats base units as tokens exactly, without rounding or trailing zeros', () => {
    expect(formatAmount(12_500_000n)).toBe('12.5 CNS');
    expect(formatAmount(0n)).toBe('0 CNS');
    expect(formatAmount(1n)).toBe('0.000001 CNS');
    expect(formatAmount(1000n, { decimals: 0, symbol: 'U' })).toBe('1000 U');
    expect(formatAmount(MAX_U64, { decimals: 18, symbol: 'X' })).toBe('18.446744073709551615 X');
    expect(describeAmount(1000n)).toBe('0.001 CNS (1000 base units)');
  });

  it('parses typed amounts exactly and refuses what it cannot represent', () => {
    expect(parseAmount('12.5')).toEqual({ ok: true, value: 12_500_000n });
    expect(parseAmount('0.000001')).toEqual({ ok: true, value: 1n });
    expect(parseAmount('7', 0)).toEqual({ ok: true, value: 7n });
    expect(parseBaseUnits('1000')).toEqual({ ok: true, value: 1000n });
    const refused = [
      parseAmount('0.0000001'),
      parseAmount('1e5'),
      parseAmount('-1'),
      parseAmount('1,5'),
      parseAmount(''),
      parseAmount('18446744073709.551616'),
      parseBaseUnits('1.5'),
      parseBaseUnits(`${MAX_U64 + 1n}`),
    ];
    for (const r of refused) expect(r.ok).toBe(false);
    expect(parseAmount('0.0000001')).toMatchObject({ reason: expect.stringMatching(/smallest unit is 0\.000001/) });
    expect(parseAmount('18446744073709.551616')).toMatchObject({
      reason: expect.stringMatching(/largest possible amount/),
    });
  });

  it('checks display settings', () => {
    expect(checkDisplay({ decimals: 6, symbol: 'CNS' }).ok).toBe(true);
    expect(checkDisplay({ decimals: 19, symbol: 'CNS' }).ok).toBe(false);
    expect(checkDisplay({ decimals: 6, symbol: 'C\u202eNS' }).ok).toBe(false);
  });
});

describe('free text in summaries', () => {
  it('makes control, bidi and zero-width characters visible', () => {
    expect(escapeText('rent\u202Efdp.exe')).toBe('rent\\u{202E}fdp.exe');
    expect(escapeText('a\nb\u200Bc\u0000')).toBe('a\\u{A}b\\u{200B}c\\u{0}');
    expect(escapeText('back\\slash')).toBe('back\\\\slash');
    expect(escapeText('Grüße, 東京')).toBe('Grüße, 東京');
  });

  it('quotes so that a memo cannot close its own quotes', () => {
    expect(quoted("rent' to csa1evil")).toBe("'rent\\' to csa1evil'");
  });
});
