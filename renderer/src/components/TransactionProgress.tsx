import { useEffect, useRef } from 'react';
import { useLatest } from '../data/useLatest.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { useBridge } from '../data/BridgeContext.tsx';
import { unwrap } from '../data/contract.ts';
import { queryKeys } from '../data/queries.ts';
import { ErrorNotice } from '../errors/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Loading } from './Loading.tsx';
import './TransactionFlow.css';

export type FollowedTx = MethodOutput<'wallet.transaction'>;

const SETTLED = new Set<FollowedTx['state']>(['final', 'rejected', 'expired']);

export const isSettled = (state: FollowedTx['state']): boolean => SETTLED.has(state);

/**
 * A submitted transaction followed until it settles: the wallet.transaction event moves it on at once, and each
 * new verified head asks again (it sits under the wallet key that LiveUpdates refreshes after a head), so no poll
 * runs while events flow. `initial` is what submitting answered, when the caller has it (a broadcast answers only
 * the id, so the first state is asked for).
 */
const followedKey = (txId: string) => [...queryKeys.wallet, 'transaction', txId] as const;

export function useFollowedTransaction(txId: string, initial?: FollowedTx) {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(
    () =>
      bridge.onWalletTransaction((tx) => {
        if (tx.txId === txId) client.setQueryData(followedKey(txId), tx);
      }),
    [bridge, client, txId],
  );
  return useQuery({
    queryKey: followedKey(txId),
    queryFn: () => unwrap(bridge.walletTransaction({ txId })),
    ...(initial ? { initialData: initial } : {}),
  });
}

/**
 * Where a submitted transaction stands: submitted → pending → final (with its proof checked), or rejected
 * or expired with the reason. Used by the shared TransactionFlow and by offline signing's broadcast.
 */
export function TransactionProgress({
  txId,
  initial,
  onSettled,
}: {
  txId: string;
  initial?: FollowedTx;
  onSettled?(tx: FollowedTx): void;
}) {
  const { t, locale } = useI18n();
  const followed = useFollowedTransaction(txId, initial);
  const tx = followed.data;
  const settled = tx !== undefined && isSettled(tx.state);
  const latestOnSettled = useLatest(onSettled);
  const reportedFor = useRef<string | null>(null);
  // Once per transaction, when it settles (later updates of a settled transaction are not a second settling).
  useEffect(() => {
    if (!settled || !tx || reportedFor.current === tx.txId) return;
    reportedFor.current = tx.txId;
    latestOnSettled.current?.(tx);
  }, [settled, tx, latestOnSettled]);
  if (!tx)
    return followed.isError ? (
      <ErrorNotice error={followed.error} onRetry={() => void followed.refetch()} />
    ) : (
      <Loading />
    );
  // A transaction the wallet had to send again shows that as a step of its own between submitted and pending.
  const steps: (FollowedTx['state'] | 'resent')[] = [
    'submitted',
    ...(tx.resent ? (['resent'] as const) : []),
    'pending',
    tx.state === 'rejected' || tx.state === 'expired' ? tx.state : 'final',
  ];
  const reached = steps.indexOf(tx.state === 'submitted' && tx.resent ? 'resent' : tx.state);
  return (
    <div className="tx-progress">
      <ol className="tx-steps" aria-label={t('tx.followTitle')}>
        {steps.map((step, index) => (
          <li
            key={step}
            className={index < reached ? 'done' : index === reached ? `now ${step}` : 'later'}
            aria-current={index === reached ? 'step' : undefined}
          >
            {t(`tx.state.${step}`)}
          </li>
        ))}
      </ol>
      <p className="muted">
        {t('tx.txId')}:{' '}
        <span className="mono" translate="no" data-testid="tx-id">
          {tx.txId}
        </span>
      </p>
      <div role="status" data-testid="tx-state" data-state={tx.state}>
        {tx.state === 'final' && tx.verifiedAt && (
          <p className="verified" title={tx.verifiedAt.blockHash}>
            <span aria-hidden="true">✓ </span>
            {t('tx.finalAt', { height: tx.verifiedAt.height.toLocaleString(locale) })}
          </p>
        )}
        {!settled && <p className="muted">{t('tx.waiting')}</p>}
        {tx.resent !== undefined && tx.state !== 'final' && (
          <p className="muted" data-testid="tx-resent">
            {t('tx.resent', { count: tx.resent.toLocaleString(locale) })}
          </p>
        )}
        {tx.state === 'expired' && (
          <div className="notice notice-error">
            <p className="notice-title">{t('tx.expiredNothingSpent')}</p>
            {tx.reason && <p lang="en">{tx.reason}</p>}
          </div>
        )}
        {tx.state === 'rejected' && (
          <div className="notice notice-error">
            <p className="notice-title">
              {t(`tx.state.${tx.state}`)}: {t('tx.notIncluded')}
            </p>
            {tx.reason && <p lang="en">{tx.reason}</p>}
          </div>
        )}
      </div>
      {followed.isError && <ErrorNotice error={followed.error} onRetry={() => void followed.refetch()} />}
    </div>
  );
}
