import { describe, expect, it } from 'vitest';
import { formatAmount, formatTokens, sumAmounts } from '../../renderer/src/format/amount.ts';

describe('amount formatting', () => {
  it('shows base units as tokens exactly, far beyond a float’s precision', () => {
    expect(formatAmount('18446744073709551615', 'en')).toBe('18,446,744,073,709.551615');
    expect(formatAmount('9007199254740993', 'en')).toBe('9,007,199,254.740993');
  });
  it('drops trailing zeros of the fraction and keeps small amounts', () => {
    expect(formatAmount('0', 'en')).toBe('0');
    expect(formatAmount('1500000', 'en')).toBe('1.5');
    expect(formatAmount('1', 'en')).toBe('0.000001');
    expect(formatTokens('2000000', 'zh-CN')).toBe('2 CNS');
  });
  it('uses the locale’s separators', () => {
    expect(formatAmount('1234567500000', 'de')).toBe('1.234.567,5');
  });
  it('refuses what is not an amount', () => {
    expect(() => formatAmount('-5', 'en')).toThrow('is not an amount in base units');
    expect(() => formatAmount('1.5', 'en')).toThrow('is not an amount in base units');
  });
  it('sums exactly', () => {
    expect(sumAmounts(['18446744073709551615', '1'])).toBe('18446744073709551616');
    expect(sumAmounts([])).toBe('0');
  });
});
