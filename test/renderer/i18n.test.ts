import { describe, expect, it } from 'vitest';
import { catalogues, locales, translate } from '../../renderer/src/i18n/catalogue.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
  const english = catalogues.en;
  it.each(locales)('%s has exactly the English keys, none empty, with the same placeholders', (locale) => {
    const messages = catalogues[locale];
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim(), `${locale} ${key}`).not.toBe('');
      expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english[key as keyof typeof english]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'balance.verifiedAt', { height: '1,200' })).toBe('Verified at final height 1,200');
    expect(translate('zh-CN', 'balance.verifiedAt', { height: '1,200' })).toBe('已在最终高度 1,200 验证');
  });
});
