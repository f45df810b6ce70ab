import { Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** A screen that is not built yet says so, rather than showing made-up data. */
export function Placeholder({ screen }: { screen: string }) {
  const { t } = useI18n();
  return (
    <Page title={t('placeholder.title', { screen })}>
      <p className="card muted">{t('placeholder.body')}</p>
    </Page>
  );
}
