import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useTypeLabel, type HistoryEntry } from './HistoryTable.tsx';

export interface Filter {
  type: string;
  direction: '' | HistoryEntry['direction'];
  text: string;
}
export const NO_FILTER: Filter = { type: '', direction: '', text: '' };

/** Whether an entry passes the filter; the text is looked for in the counterparty and the transaction id. */
export function matches(entry: HistoryEntry, filter: Filter): boolean {
  if (filter.type && entry.type !== filter.type) return false;
  if (filter.direction && entry.direction !== filter.direction) return false;
  const text = filter.text.trim().toLowerCase();
  return !text || entry.txId.includes(text) || (entry.counterparty?.toLowerCase().includes(text) ?? false);
}

/** Type (of those present), direction and text search, with room for an action (the export) at the end. */
export function HistoryFilters({
  entries,
  filter,
  onChange,
  children,
}: {
  entries: readonly HistoryEntry[];
  filter: Filter;
  onChange(filter: Filter): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const typeLabel = useTypeLabel();
  const types = [...new Set(entries.map((entry) => entry.type))].sort();
  return (
    <div className="history-filters card" role="search" aria-label={t('history.filters')}>
      <div className="field">
        <label htmlFor="history-type">{t('history.type')}</label>
        <select
          id="history-type"
          value={filter.type}
          onChange={(event) => onChange({ ...filter, type: event.target.value })}
        >
          <option value="">{t('history.allTypes')}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {typeLabel(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-direction">{t('history.direction')}</label>
        <select
          id="history-direction"
          value={filter.direction}
          onChange={(event) => onChange({ ...filter, direction: event.target.value as Filter['direction'] })}
        >
          <option value="">{t('history.allDirections')}</option>
          <option value="in">{t('history.dir.in')}</option>
          <option value="out">{t('history.dir.out')}</option>
          <option value="self">{t('history.dir.self')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-search">{t('history.search')}</label>
        <input
          id="history-search"
          type="search"
          value={filter.text}
          spellCheck={false}
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
        />
      </div>
      {children}
    </div>
  );
}
