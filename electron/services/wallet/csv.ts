/** History as RFC 4180 CSV, safe to open in a spreadsheet. */
import { stringify } from 'csv-stringify/sync';
import type { HistoryEntry } from './history.ts';

const COLUMNS = [
  'time',
  'height',
  'position',
  'txId',
  'type',
  'direction',
  'counterparty',
  'amount',
  'fee',
  'memo',
  'verification',
] as const;

/**
 * A cell a spreadsheet would read as a formula (= + - @, or tab and carriage return, which some
 * treat the same) gets a leading apostrophe, so a memo someone else wrote cannot run as one.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows = entries.map((e) => [
    e.time > 0 ? new Date(e.time).toISOString() : '',
    String(e.height),
    String(e.position),
    e.txId,
    e.type,
    e.direction,
    e.counterparty ?? '',
    e.amount ?? '',
    e.fee,
    e.memo ?? '',
    e.verification,
  ]);
  // Every field quoted and quotes doubled (RFC 4180), CRLF line ends.
  return stringify([[...COLUMNS], ...rows.map((row) => row.map(neutralise))], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
  });
}
