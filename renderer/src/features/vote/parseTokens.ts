import { TOKEN } from '../../format/amount.ts';

/**
 * Tokens typed by a person ("12.5") as base units, exact (bigint, never floats); null when the text
 * is not an amount of at most TOKEN.decimals places. Grouping commas and spaces are allowed.
 */
export function parseTokens(text: string, decimals: number = TOKEN.decimals): bigint | null {
  const cleaned = text.replace(/[,\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || cleaned === '' || cleaned === '.') return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) return null;
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** Base units as a plain decimal token string for an input field (no grouping, so it parses back). */
export function tokensForInput(baseUnits: string, decimals: number = TOKEN.decimals): string {
  const units = BigInt(baseUnits);
  const scale = 10n ** BigInt(decimals);
  const fraction = (units % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction ? `${units / scale}.${fraction}` : `${units / scale}`;
}
