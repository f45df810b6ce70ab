import { useState } from 'react';
import { shortAddress } from '../../format/address.ts';
import { formatAmount } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import {
  formatShare,
  visibleCandidates,
  type Candidate,
  type Filters,
  type Sort,
  type SortColumn,
} from './candidates.ts';

const COLUMNS: readonly SortColumn[] = [
  'rank',
  'name',
  'voteWeight',
  'share',
  'producedBlocks',
  'missedBlocks',
  'status',
  'inSet',
];
/** Columns a narrow table drops first (the card's container query), so it fits without scrolling sideways. */
const OPTIONAL: ReadonlySet<SortColumn> = new Set(['share', 'producedBlocks', 'missedBlocks']);
const STATUSES: readonly Candidate['status'][] = ['active', 'jailed', 'tombstoned', 'resigned'];

/**
 * Every candidate, searchable by name or address, filtered by status and set, sortable by any column
 * (the header buttons toggle the order and announce it through aria-sort).
 */
export function CandidateTable({
  candidates,
  chosen,
  onChoose,
  canChoose,
}: {
  candidates: readonly Candidate[];
  chosen: ReadonlySet<string>;
  onChoose(candidate: Candidate): void;
  canChoose: boolean;
}) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>({ search: '', status: 'all', inSet: 'all' });
  const [sort, setSort] = useState<Sort>({ column: 'rank', direction: 'ascending' });
  const rows = visibleCandidates(candidates, filters, sort);
  const toggle = (column: SortColumn) =>
    setSort((current) => ({
      column,
      direction: current.column === column && current.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const n = (value: string) => formatAmount(value, locale, 0);
  return (
    <>
      <div className="vote-filters">
        <div className="field">
          <label htmlFor="candidate-search">{t('vote.search')}</label>
          <input
            id="candidate-search"
            type="search"
            value={filters.search}
            onChange={(event) => setFilters({ ...filters, search: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="candidate-status">{t('vote.filterStatus')}</label>
          <select
            id="candidate-status"
            value={filters.status}
            onChange={(event) => setFilters({ ...filters, status: event.target.value as Filters['status'] })}
          >
            <option value="all">{t('vote.all')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`vote.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="candidate-set">{t('vote.filterSet')}</label>
          <select
            id="candidate-set"
            value={filters.inSet}
            onChange={(event) => setFilters({ ...filters, inSet: event.target.value as Filters['inSet'] })}
          >
            <option value="all">{t('vote.all')}</option>
            <option value="in">{t('vote.inSetOnly')}</option>
            <option value="out">{t('vote.outOfSetOnly')}</option>
          </select>
        </div>
      </div>
      <div className="table-scroll">
        <table className="candidates">
          <caption className="visually-hidden">{t('vote.tableCaption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column}
                  scope="col"
                  className={OPTIONAL.has(column) ? 'col-optional' : undefined}
                  aria-sort={sort.column === column ? sort.direction : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => toggle(column)}>
                    {t(`vote.column.${column}`)}
                    <span aria-hidden="true" className="sort-mark">
                      {sort.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('vote.column.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((candidate) => (
              <tr key={candidate.address} data-testid={`candidate-${candidate.address}`}>
                <td>{candidate.rank ?? '—'}</td>
                <td>
                  <span translate="no">{candidate.name}</span>
                  <br />
                  <span className="mono muted" translate="no" title={candidate.address}>
                    {shortAddress(candidate.address)}
                  </span>
                </td>
                <td className="num" data-testid="vote-weight">
                  {formatAmount(candidate.voteWeight, locale)}
                </td>
                <td className="num col-optional">{formatShare(candidate.share, locale)}</td>
                <td className="num col-optional">{n(candidate.producedBlocks)}</td>
                <td className="num col-optional">{n(candidate.missedBlocks)}</td>
                <td>
                  <span className={`tag ${candidate.status === 'active' ? 'ok' : 'warn'}`}>
                    {t(`vote.status.${candidate.status}`)}
                  </span>
                </td>
                <td>
                  {candidate.inSet ? (
                    <span className="tag ok">✓ {t('vote.inSet')}</span>
                  ) : (
                    <span className="muted">{t('vote.notInSet')}</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => onChoose(candidate)}
                    disabled={!canChoose || chosen.has(candidate.address) || candidate.status !== 'active'}
                    aria-label={t('vote.allocateTo', { name: candidate.name })}
                  >
                    {chosen.has(candidate.address) ? t('vote.chosen') : t('vote.allocate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">{t('vote.noMatch')}</p>}
    </>
  );
}
