import { TOKEN } from '../../format/amount.ts';

/** Tokens typed by a person ("12.5") as base units ("12500000"), exactly; null when it is not a valid amount. */
export function parseTokens(text: string, decimals: number = TOKEN.decimals): string | null {
  const match = /^(\d{1,14})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  const units = BigInt(match[1]!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  return units > 0n ? units.toString() : null;
}
