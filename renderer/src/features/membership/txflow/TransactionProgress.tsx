import { Loading } from '../../../components/Loading.tsx';
import { ErrorNotice } from '../../../errors/ErrorNotice.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useFollowedTransaction } from './useTransactionFlow.ts';

/** Where a submitted transaction stands: sent, waiting for a block, final (with its proof checked), or why not. */
export function TransactionProgress({ txId }: { txId: string }) {
  const { t, locale } = useI18n();
  const followed = useFollowedTransaction(txId);
  if (followed.isPending) return <Loading />;
  if (followed.isError) return <ErrorNotice error={followed.error} onRetry={() => void followed.refetch()} />;
  const tx = followed.data;
  const settledBadly = tx.state === 'rejected' || tx.state === 'expired';
  return (
    <div className={settledBadly ? 'notice notice-error' : tx.state === 'final' ? 'notice tx-final' : 'notice notice-calm'} role="status" data-testid="tx-state" data-state={tx.state}>
      <p className="notice-title">{t(`membership.tx.state.${tx.state}`)}</p>
      {tx.state === 'final' && tx.verifiedAt && <p>{t('membership.tx.finalAt', { height: tx.verifiedAt.height.toLocaleString(locale) })}</p>}
      {tx.reason && (
        <p className="notice-detail" lang="en">
          {tx.reason}
        </p>
      )}
      <p className="notice-detail mono" translate="no" title={tx.txId}>
        {tx.txId.slice(0, 16)}…
      </p>
    </div>
  );
}
