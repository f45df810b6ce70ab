import { useI18n } from '../i18n/I18nProvider.tsx';

/** Says which final header the shown values were proven against. */
export function VerifiedMark({ height, blockHash }: { height: number; blockHash: string }) {
  const { t, locale } = useI18n();
  return (
    <p className="verified" title={blockHash} data-testid="verified-mark">
      <span aria-hidden="true">✓ </span>
      {t('balance.verifiedAt', { height: height.toLocaleString(locale) })}
    </p>
  );
}
