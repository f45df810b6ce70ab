import type { ContractError } from '../../../shared/contract/result.ts';
import { catalogues, type Locale } from '../i18n/catalogue.ts';

/**
 * An error's detail in the person's language when the main process sent a key the catalogue knows
 * (`error.detail.<key>`), with its params filled in; null otherwise (the English sentence is shown).
 */
export function translatedDetail(
  locale: Locale,
  { key, params }: Pick<ContractError, 'key' | 'params'>,
): { text: string; values: string[] } | null {
  if (!key) return null;
  const messages: Readonly<Record<string, string>> = catalogues[locale];
  const text = messages[`error.detail.${key}`];
  if (text === undefined) return null;
  const values = params ?? {};
  return {
    text: text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)),
    // Values such as a URL or a file path stay as they are: the page marks them not for translation.
    values: Object.values(values).map(String),
  };
}
