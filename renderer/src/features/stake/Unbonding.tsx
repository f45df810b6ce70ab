import { useCountdown } from '../../errors/useCountdown.ts';
import type { AccountView } from '../../data/queries.ts';
import { formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Entry = AccountView['unbonding'][number];

/** Seconds as hours, minutes and seconds, with the units written by the browser's Intl for the locale. */
function duration(seconds: number, locale: string): string {
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h > 0 ? unit(h, 'hour') : '', h > 0 || m > 0 ? unit(m, 'minute') : '', unit(s, 'second')]
    .filter(Boolean)
    .join(' ');
}

function UnbondingRow({ entry, matured }: { entry: Entry; matured: boolean }) {
  const { t, locale } = useI18n();
  // releaseAt is an estimate from the block time; the proven height decides when it has matured.
  const seconds = useCountdown(matured ? null : entry.releaseAt);
  return (
    <tr data-testid="unbonding-entry">
      <td>{formatTokens(entry.amount, locale)}</td>
      <td>{entry.releaseHeight.toLocaleString(locale)}</td>
      <td data-testid="unbonding-countdown" title={new Date(entry.releaseAt).toLocaleString(locale)}>
        {matured ? t('stake.matured') : seconds > 0 ? duration(seconds, locale) : t('stake.soon')}
      </td>
    </tr>
  );
}

/**
 * Each unbonding entry with its release height and a live countdown to its estimated release time.
 * An entry releasing in the next block counts as matured, as in the wallet's `withdrawable`: a withdraw
 * signed now is applied there.
 */
export function UnbondingTable({ entries, verifiedHeight }: { entries: readonly Entry[]; verifiedHeight: number }) {
  const { t } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('stake.noUnbonding')}</p>;
  return (
    <table className="unbonding-table">
      <thead>
        <tr>
          <th scope="col">{t('stake.amount')}</th>
          <th scope="col">{t('stake.releaseHeight')}</th>
          <th scope="col">{t('stake.releaseIn')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, index) => (
          <UnbondingRow
            key={`${entry.releaseHeight}:${index}`}
            entry={entry}
            matured={entry.releaseHeight <= verifiedHeight + 1}
          />
        ))}
      </tbody>
    </table>
  );
}
