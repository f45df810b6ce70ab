import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { TransactionFlow } from './useTransactionFlow.ts';

/**
 * The review, submit and follow steps of a transaction the screen prepared with `flow.prepare`:
 * the draft's plain-words summary (written by the main process, so marked English), the fee, then
 * the followed state until final. Nothing is shown while the flow is idle.
 */
export function TransactionPanel({ flow, onDone }: { flow: TransactionFlow; onDone?: () => void }) {
  const { t, locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const { stage, error, tx, settled } = flow;
  useEffect(() => {
    // Moving between steps moves focus with it, so keyboard users are not left on a vanished button.
    if (stage.step === 'review' || stage.step === 'following') heading.current?.focus();
  }, [stage.step]);
  if (stage.step === 'idle') return error ? <ErrorNotice error={error} /> : null;
  if (stage.step === 'preparing') return <p className="muted" role="status">{t('vote.tx.preparing')}</p>;
  if (stage.step === 'review' || stage.step === 'submitting') {
    const { draft } = stage;
    return (
      <section className="card tx-panel" aria-labelledby="tx-review-title">
        <h3 id="tx-review-title" ref={heading} tabIndex={-1}>
          {t('vote.tx.review')}
        </h3>
        <dl className="facts" data-testid="tx-summary">
          {draft.summary.map((line) => (
            <div key={line.label} className="tx-line" lang="en">
              <dt>{line.label}</dt>
              <dd>{line.value}</dd>
            </div>
          ))}
          <div className="tx-line">
            <dt>{t('vote.tx.fee')}</dt>
            <dd>{formatTokens(draft.fee, locale)}</dd>
          </div>
        </dl>
        <p className="muted">{t('vote.tx.verifiedAt', { height: draft.verifiedAt.height.toLocaleString(locale) })}</p>
        {error !== null && <ErrorNotice error={error} />}
        <div className="actions">
          <button type="button" className="primary" onClick={() => void flow.submit()} disabled={stage.step === 'submitting'}>
            {stage.step === 'submitting' ? t('vote.tx.submitting') : t('vote.tx.confirm')}
          </button>
          <button type="button" onClick={flow.reset} disabled={stage.step === 'submitting'}>
            {t('vote.tx.back')}
          </button>
        </div>
      </section>
    );
  }
  const state = tx?.state ?? 'submitted';
  const tone = state === 'final' ? 'ok' : settled ? 'error' : 'calm';
  return (
    <section className="card tx-panel" aria-labelledby="tx-follow-title">
      <h3 id="tx-follow-title" ref={heading} tabIndex={-1}>
        {t('vote.tx.following')}
      </h3>
      <p className={`notice notice-${tone === 'ok' ? 'calm' : tone}`} role={settled ? 'alert' : 'status'} data-testid="tx-state" data-state={state}>
        <span aria-hidden="true">{state === 'final' ? '✓ ' : settled ? '✕ ' : '… '}</span>
        {t(`vote.tx.state.${state}`)}
        {tx?.verifiedAt && ` ${t('vote.tx.finalAt', { height: tx.verifiedAt.height.toLocaleString(locale) })}`}
      </p>
      {tx?.reason && <p lang="en">{tx.reason}</p>}
      {tx && (
        <p className="muted mono" translate="no" title={tx.txId}>
          {tx.txId.slice(0, 16)}…
        </p>
      )}
      {settled && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              flow.reset();
              onDone?.();
            }}
          >
            {t('vote.tx.done')}
          </button>
        </div>
      )}
    </section>
  );
}
