/**
 * Amounts for people. The chain counts u64 base units; wallets show them as a decimal number of
 * tokens. Decimals and symbol are a display convention, not chain data, so they are always given
 * by the one displaying (never read from a file someone else wrote: a changed "decimals" would
 * make 12500 tokens read as 12.5). Parsing is exact: strings and bigint, never floats.
 */
import type { Checked } from '../crypto/index.ts';
import { MAX_U64 } from '../encoding/index.ts';

export interface AmountDisplay {
  /** Base units per token = 10^decimals. */
  decimals: number;
  symbol: string;
}

export const DEFAULT_DISPLAY: AmountDisplay = { decimals: 6, symbol: 'CNS' };
export const MAX_DECIMALS = 18;

export function checkDisplay(display: AmountDisplay): Checked<AmountDisplay> {
  if (!Number.isInteger(display.decimals) || display.decimals < 0 || display.decimals > MAX_DECIMALS) {
    return { ok: false, reason: `decimals must be an integer from 0 to ${MAX_DECIMALS}, got ${display.decimals}` };
  }
  if (!/^[A-Za-z0-9]{1,12}$/.test(display.symbol))
    return { ok: false, reason: `the symbol must be 1-12 letters or digits, got ${JSON.stringify(display.symbol)}` };
  return { ok: true, value: display };
}

/** "12.5 CNS": no trailing zeros, no rounding. */
export function formatAmount(units: bigint, display: AmountDisplay = DEFAULT_DISPLAY): string {
  const scale = 10n ** BigInt(display.decimals);
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(display.decimals, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} ${display.symbol}`;
}

/** "12.5 CNS (12500000 base units)": the exact figure next to the readable one. */
export function describeAmount(units: bigint, display: AmountDisplay = DEFAULT_DISPLAY): string {
  return `${formatAmount(units, display)} (${units} base units)`;
}

/** Tokens as typed by a person ("12.5", "0.001") to base units. */
export function parseAmount(text: string, decimals = DEFAULT_DISPLAY.decimals): Checked<bigint> {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return { ok: false, reason: `"${text}" is not an amount; write a plain number such as 12.5` };
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return {
      ok: false,
      reason: `"${text}" has ${fraction.length} decimal places; the smallest unit is ${decimals ? `0.${'1'.padStart(decimals, '0')}` : '1'}`,
    };
  }
  return inRange(BigInt(match[1]!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0'), text);
}

/** A whole number of base units. */
export function parseBaseUnits(text: string): Checked<bigint> {
  if (!/^\d+$/.test(text.trim())) return { ok: false, reason: `"${text}" is not a whole number of base units` };
  return inRange(BigInt(text.trim()), text);
}

function inRange(units: bigint, text: string): Checked<bigint> {
  return units <= MAX_U64
    ? { ok: true, value: units }
    : { ok: false, reason: `"${text}" is more than the largest possible amount (${MAX_U64} base units)` };
}
