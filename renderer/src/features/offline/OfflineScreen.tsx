import { Loading } from '../../components/Loading.tsx';
import { Page } from '../../components/Page.tsx';
import { useAppInfo } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
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
      {info.isPending ? (
        <Loading />
      ) : info.isError ? (
        <ErrorNotice error={info.error} onRetry={() => void info.refetch()} />
      ) : offline ? (
        <OfflineSigner />
      ) : (
        <OnlineSigning />
      )}
    </Page>
  );
}
