import { useEffect, useRef } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { formatTokens } from '../../format/amount.ts';
import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { StoredName } from '../../i18n/names.tsx';
import { MAX_ALLOCATIONS, type AllocationCheck, type AllocationRow } from './allocations.ts';

/**
 * The vote cart: the chosen candidates with their amounts, the stake left over updating as they are
 * typed, Max per row and an even split. A newly chosen candidate's amount takes focus; an empty row
 * shows no error until something is typed into it.
 */
export function AllocationEditor({
  rows,
  check,
  staked,
  focusCandidate,
  onChange,
  onMax,
  onSplit,
  onRemove,
}: {
  rows: readonly AllocationRow[];
  check: AllocationCheck;
  staked: string;
  focusCandidate: string | null;
  onChange(candidate: string, text: string): void;
  onMax(candidate: string): void;
  onSplit(): void;
  onRemove(candidate: string): void;
}) {
  const { t, locale } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusCandidate) return;
    const input = list.current?.querySelector<HTMLInputElement>(
      `input[data-candidate="${CSS.escape(focusCandidate)}"]`,
    );
    input?.focus();
    // Not every DOM has scrollIntoView (jsdom in the component tests lacks it).
    input?.scrollIntoView?.({ block: 'nearest' });
  }, [focusCandidate]);
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
        <ul className="plain allocation-rows" ref={list}>
          {rows.map((row) => {
            const inputId = `allocation-${row.candidate}`;
            const invalid = check.invalid.has(row.candidate);
            return (
              <li key={row.candidate} className="allocation-row" data-testid="cart-row">
                <label htmlFor={inputId} className="allocation-name">
                  <StoredName label={row.name} />{' '}
                  <span className="mono muted" translate="no" title={row.candidate}>
                    {shortAddress(row.candidate)}
                  </span>
                </label>
                <CopyButton value={row.candidate} />
                <input
                  id={inputId}
                  data-candidate={row.candidate}
                  inputMode="decimal"
                  placeholder="0"
                  value={row.text}
                  onChange={(event) => onChange(row.candidate, event.target.value)}
                  aria-invalid={invalid || (check.overStake && row.text.trim() !== '')}
                  aria-describedby={invalid ? `${inputId}-error` : undefined}
                />
                <button
                  type="button"
                  onClick={() => onMax(row.candidate)}
                  aria-label={t('vote.maxFor', { name: row.name })}
                >
                  {t('stake.max')}
                </button>
                <button
                  type="button"
                  onClick={() => onRemove(row.candidate)}
                  aria-label={t('vote.removeAllocation', { name: row.name })}
                >
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
      {check.empty.size > 0 && <p className="hint">{t('vote.cartHint')}</p>}
      {rows.length > 1 && (
        <button type="button" className="split-button" onClick={onSplit}>
          {t('vote.split')}
        </button>
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
