/**
 * Token display for the devnet: 10^6 base units per token, symbol CNS (the same convention as the
 * CLI's offline summaries). The contract does not carry decimals yet, so they are a constant here.
 */
export const TOKEN = { decimals: 6, symbol: 'CNS' } as const;

/** A decimal string of base units as tokens, grouped for the locale, exact (bigint, never floats). */
export function formatAmount(baseUnits: string, locale: string, decimals: number = TOKEN.decimals): string {
  if (!/^\d+$/.test(baseUnits)) throw new Error(`"${baseUnits}" is not an amount in base units.`);
  const units = BigInt(baseUnits);
  const scale = 10n ** BigInt(decimals);
  const whole = new Intl.NumberFormat(locale, { useGrouping: true }).format(units / scale);
  const fraction = (units % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  const point = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return fraction ? `${whole}${point}${fraction}` : whole;
}

export function formatTokens(baseUnits: string, locale: string): string {
  return `${formatAmount(baseUnits, locale)} ${TOKEN.symbol}`;
}

/** Sum of base-unit amounts, as a decimal string. */
export function sumAmounts(amounts: readonly string[]): string {
  return amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();
}
