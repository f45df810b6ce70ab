import type { Command } from 'commander';
import { checkDisplay, DEFAULT_DISPLAY, escapeText, type AmountDisplay } from '../../shared/core/offline/index.ts';
import { CliError } from '../output.ts';

/** Decimals and symbol are how amounts are shown (and typed); the chain only knows base units. */
export function addDisplayOptions(command: Command): Command {
  return command
    .option(
      '--decimals <n>',
      'decimal places of one token, for showing and typing amounts',
      String(DEFAULT_DISPLAY.decimals),
    )
    .option('--symbol <text>', 'token symbol to show', DEFAULT_DISPLAY.symbol);
}

export function displayFrom(options: { decimals: string; symbol: string }): AmountDisplay {
  const decimals = /^\d{1,2}$/.test(options.decimals) ? Number(options.decimals) : Number.NaN;
  const checked = checkDisplay({ decimals, symbol: options.symbol });
  if (!checked.ok) throw new CliError(`--decimals/--symbol: ${checked.reason}.`);
  return checked.value;
}

/** Columns padded to line up; cells in `right` columns (numbers, amounts) are right-aligned. Cells come from a node, so hidden characters are made visible. */
export function table(headers: string[], cells: string[][], right: readonly number[] = []): string {
  if (cells.length === 0) return '(none)';
  const rows = cells.map((r) => r.map(escapeText));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
