import { formatTokens } from '../../format/amount.ts';
import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { MAX_ALLOCATIONS, type AllocationCheck, type AllocationRow } from './allocations.ts';

/** The account's allocations as editable rows, with the stake left unallocated updating as amounts change. */
export function AllocationEditor({
  rows,
  check,
  staked,
  onChange,
  onRemove,
}: {
  rows: readonly AllocationRow[];
  check: AllocationCheck;
  staked: string;
  onChange(candidate: string, text: string): void;
  onRemove(candidate: string): void;
}) {
  const { t, locale } = useI18n();
  const unallocated = check.unallocated < 0n ? '0' : check.unallocated.toString();
  return (
    <>
      <dl className="facts">
        <dt>{t('vote.staked')}</dt>
        <dd data-testid="staked">{formatTokens(staked, locale)}</dd>
        <dt>{t('vote.unallocated')}</dt>
        <dd data-testid="unallocated" aria-live="polite">
          {formatTokens(unallocated, locale)}
        </dd>
      </dl>
      {rows.length === 0 ? (
        <p className="muted">{t('vote.noAllocations')}</p>
      ) : (
        <ul className="plain allocation-rows">
          {rows.map((row) => {
            const inputId = `allocation-${row.candidate}`;
            const invalid = check.invalid.has(row.candidate);
            return (
              <li key={row.candidate} className="allocation-row">
                <label htmlFor={inputId}>
                  <span translate="no">{row.name}</span>{' '}
                  <span className="mono muted" translate="no">
                    {shortAddress(row.candidate)}
                  </span>
                </label>
                <input
                  id={inputId}
                  inputMode="decimal"
                  value={row.text}
                  onChange={(event) => onChange(row.candidate, event.target.value)}
                  aria-invalid={invalid || check.overStake}
                  aria-describedby={invalid ? `${inputId}-error` : undefined}
                />
                <button type="button" onClick={() => onRemove(row.candidate)} aria-label={t('vote.removeAllocation', { name: row.name })}>
                  {t('vote.remove')}
                </button>
                {invalid && (
                  <p id={`${inputId}-error`} className="field-error">
                    {t('vote.notAnAmount')}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {check.overStake && (
        <p className="field-error" role="alert">
          {t('vote.overStake', { over: formatTokens((-check.unallocated).toString(), locale) })}
        </p>
      )}
      {rows.length >= MAX_ALLOCATIONS && (
        <p className="notice notice-calm" role="status">
          {t('vote.maxCandidates', { max: MAX_ALLOCATIONS })}
        </p>
      )}
    </>
  );
}
