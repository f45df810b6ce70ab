import { useI18n } from '../i18n/I18nProvider.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted loading" role="status" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}
