import { useEffect, useMemo, useRef } from 'react';
import { useLatest } from '../../data/useLatest.ts';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { PAYLOAD_KINDS, type PayloadKind } from '../../../../shared/contract/kinds.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { VerificationMark } from './VerificationMark.tsx';
import { useAddressNames } from '../../data/useAddressNames.ts';
import { plain, signedAmount, statementLine } from './statement.ts';
import { Statement } from './Statement.tsx';

export type HistoryEntry = MethodOutput<'wallet.history'>['entries'][number];

const ROW_HEIGHT_PX = 40;
/** Rows drawn beyond the visible ones, so a quick scroll does not show blank space. */
const OVERSCAN_ROWS = 12;
/** More is asked for when the visible window gets this close to the last loaded row. */
const LOAD_AHEAD_ROWS = 40;

/** Transaction kinds the catalogue names: the modules' payload kinds; another (from a newer chain) is shown as the chain spells it. */
const KNOWN_KINDS: ReadonlySet<string> = new Set<string>([...PAYLOAD_KINDS, 'unknown']);

// Every payload kind has a name in the catalogue (`kind.<type>`, with the screen that sends it; Chinese is typed
// to match English): a kind without one fails the type check here.
const everyKindNamed: `kind.${PayloadKind}` extends MessageKey ? true : never = true;
void everyKindNamed;

export function useTypeLabel(): (type: string) => string {
  const { t } = useI18n();
  return (type) => (KNOWN_KINDS.has(type) ? t(`kind.${type}` as 'kind.unknown') : type);
}

/**
 * The entries as a virtualized table: only the rows in view (plus a few) are in the DOM, so 100,000
 * rows scroll as smoothly as ten. `onNearEnd` is called when the person scrolls close to the last one.
 */
export function HistoryTable({
  entries,
  onNearEnd,
  onOpen,
}: {
  entries: readonly HistoryEntry[];
  onNearEnd?(): void;
  onOpen?(entry: HistoryEntry): void;
}) {
  const { t, locale } = useI18n();
  const typeLabel = useTypeLabel();
  const scroller = useRef<HTMLDivElement>(null);
  const names = useAddressNames();
  // The locale's long form ("December 6, 2026", "2026年12月6日"): never ambiguous as "12/6/26" is.
  const dates = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }), [locale]);
  const rows = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
  });
  const items = rows.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  const latestOnNearEnd = useLatest(onNearEnd);
  useEffect(() => {
    if (lastShown >= entries.length - LOAD_AHEAD_ROWS) latestOnNearEnd.current?.();
  }, [lastShown, entries.length, latestOnNearEnd]);
  return (
    <div className="history-table" role="table" aria-label={t('history.table')} aria-rowcount={entries.length + 1}>
      <div className="history-head" role="row" aria-rowindex={1}>
        <span role="columnheader">{t('history.col.time')}</span>
        <span role="columnheader">{t('history.col.what')}</span>
        <span role="columnheader" className="num">
          {t('history.col.amount')}
        </span>
        <span role="columnheader" className="num">
          {t('history.col.fee')}
        </span>
        <span role="columnheader">{t('history.col.state')}</span>
      </div>
      {/* Focusable so the arrow and page keys scroll it. */}
      <div className="history-scroll" ref={scroller} tabIndex={0} role="rowgroup" data-testid="history-scroll">
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = entries[item.index]!;
            const what = statementLine(t, locale, names, entry, typeLabel);
            return (
              <div
                key={item.key}
                className="history-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-testid="history-row"
                data-txid={entry.txId}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">{entry.time > 0 ? dates.format(entry.time) : '—'}</span>
                <span role="cell">
                  <button
                    type="button"
                    className="row-open"
                    onClick={() => onOpen?.(entry)}
                    aria-label={t('history.open', { what: plain(what) })}
                    title={plain(what)}
                    data-testid="history-what"
                  >
                    <Statement line={what} />
                  </button>
                </span>
                <span role="cell" className={`num ${entry.type === 'transfer' ? `dir-${entry.direction}` : ''}`}>
                  {signedAmount(locale, entry)}
                </span>
                <span role="cell" className="num muted">
                  {formatTokens(entry.fee, locale)}
                </span>
                <span role="cell">
                  <VerificationMark state={entry.verification} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
