import '../features/status/status.css';
import { formatAge, useFreshness } from '../features/status/useFreshness.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Says which final header the shown values were proven against, and how old the verified view is
 * (the newest verified header's certified time). Past the staleness threshold, or with no trusted
 * endpoint, it turns into a warning: the values were true then, and nothing newer has arrived.
 */
export function VerifiedMark({ height, blockHash }: { height: number; blockHash: string }) {
  const { t, locale } = useI18n();
  const freshness = useFreshness();
  const h = height.toLocaleString(locale);
  if (freshness.state === 'stale') {
    return (
      <p className="verified stale" title={blockHash} data-testid="verified-mark" data-state="stale" role="status">
        <span aria-hidden="true">⚠ </span>
        {t('truth.staleMark', { age: formatAge(freshness.ageMs, locale), height: h })}
      </p>
    );
  }
  return (
    <p className="verified" title={blockHash} data-testid="verified-mark" data-state={freshness.state}>
      <span aria-hidden="true">✓ </span>
      {freshness.state === 'fresh'
        ? t('truth.verifiedAge', { height: h, age: formatAge(freshness.ageMs, locale) })
        : t('balance.verifiedAt', { height: h })}
    </p>
  );
}
