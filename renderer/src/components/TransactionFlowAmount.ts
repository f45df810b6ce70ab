import { TOKEN } from '../format/amount.ts';

/**
 * What the person typed in tokens ("12.5", "1,000") as base units, exact (bigint, never floats), or
 * null when it is not an amount of at most TOKEN.decimals decimals. Used by every form that feeds an
 * intent, so all of them accept the same writing.
 */
export function parseTokens(text: string, decimals: number = TOKEN.decimals): string | null {
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || cleaned === '' || cleaned === '.') return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) return null;
  const units = BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  return units.toString();
}

/** Base units as a plain token number for an input field ("12.5"), no grouping, so it parses back. */
export function tokensForInput(baseUnits: string, decimals: number = TOKEN.decimals): string {
  const units = BigInt(baseUnits);
  const scale = 10n ** BigInt(decimals);
  const fraction = (units % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction ? `${units / scale}.${fraction}` : `${units / scale}`;
}
