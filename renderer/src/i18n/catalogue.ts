import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/**
 * A tiny typed catalogue instead of an i18n library: English is the source of the keys, every other
 * language is typed `Messages`, so a missing or misspelled key fails `tsc`; placeholders such as
 * `{height}` are read from the English text, so a call without its values fails too. Numbers and
 * dates go through the browser's own Intl, so a library would add bundle weight and no safety.
 */
export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** The names of `{placeholders}` in a message. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;
export type ParamsOf<K extends MessageKey> = PlaceholdersOf<(typeof en)[K]>;
export type TranslateArgs<K extends MessageKey> = [ParamsOf<K>] extends [never]
  ? []
  : [Record<ParamsOf<K>, string | number>];

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: TranslateArgs<K>): string {
  const text: string = catalogues[locale][key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
