import { Placeholder } from '../../app/Placeholder.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export function OfflineScreen() {
  const { t } = useI18n();
  return <Placeholder screen={t('nav.offline')} />;
}
