import { Loading } from '../../../components/Loading.tsx';
import { ErrorNotice } from '../../../errors/ErrorNotice.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { TransactionFlow } from './useTransactionFlow.ts';
import { TransactionProgress } from './TransactionProgress.tsx';

/** The plain-words lines of a transaction, as the main process wrote them (so marked English). */
export function SummaryList({ lines }: { lines: readonly { label: string; value: string }[] }) {
  return (
    <dl className="facts summary" lang="en" data-testid="tx-summary">
      {lines.map((line) => (
        <div key={`${line.label}:${line.value}`} className="summary-line">
          <dt>{line.label}</dt>
          <dd translate="no">{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The review step (summary, fee, expiry), then submission and the transaction followed to final. */
export function TransactionReview({ flow, title }: { flow: TransactionFlow; title: string }) {
  const { t } = useI18n();
  const { prepare, submit, txId } = flow;
  if (!flow.active) return null;
  return (
    <section className="card review" aria-labelledby="review-title" aria-live="polite">
      <h2 id="review-title">{title}</h2>
      {prepare.isPending && <Loading />}
      {prepare.isError && (
        <>
          <ErrorNotice error={prepare.error} />
          <div className="actions">
            <button type="button" onClick={flow.reset}>
              {t('membership.tx.close')}
            </button>
          </div>
        </>
      )}
      {prepare.data && !txId && (
        <>
          <SummaryList lines={prepare.data.summary} />
          {submit.isError && <ErrorNotice error={submit.error} />}
          <div className="actions">
            <button type="button" onClick={flow.reset} disabled={submit.isPending}>
              {t('membership.tx.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => submit.mutate(prepare.data)} disabled={submit.isPending}>
              {submit.isPending ? t('membership.tx.signing') : t('membership.tx.confirm')}
            </button>
          </div>
        </>
      )}
      {txId && (
        <>
          <TransactionProgress txId={txId} />
          {!flow.busy && (
            <div className="actions">
              <button type="button" onClick={flow.reset}>
                {t('membership.tx.close')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
