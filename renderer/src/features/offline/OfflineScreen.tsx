import { QueryView } from '../../components/QueryView.tsx';
import { Page } from '../../components/Page.tsx';
import { useAppInfo } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OfflineSigner } from './OfflineSigner.tsx';
import { OnlineSigning } from './OnlineSigning.tsx';
import './offline.css';

/** Offline signing: the online window makes requests and broadcasts replies; the offline window signs. */
export function OfflineScreen() {
  const { t } = useI18n();
  const info = useAppInfo();
  const offline = info.data?.mode === 'offline';
  return (
    <Page title={offline ? t('offline.titleSigner') : t('offline.title')}>
      <QueryView query={info}>{() => (offline ? <OfflineSigner /> : <OnlineSigning />)}</QueryView>
    </Page>
  );
}
