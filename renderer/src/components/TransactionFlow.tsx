import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../shared/contract/ipc.ts';
import { useBridge } from '../data/BridgeContext.tsx';
import { asContractError, unwrap } from '../data/contract.ts';
import { translateRefusal } from '../format/chainReason.ts';
import { ErrorNotice } from '../errors/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Loading } from './Loading.tsx';
import { parseTokens, tokensForInput } from './TransactionFlowAmount.ts';
import { TransactionProgress } from './TransactionProgress.tsx';
import { TransactionSummary } from './TransactionSummary.tsx';
import { IntentSummary } from './IntentSummary.tsx';
import './TransactionFlow.css';

export type Intent = MethodInput<'wallet.prepare'>['intent'];
export type Draft = MethodOutput<'wallet.prepare'>;
export type TrackedTx = MethodOutput<'wallet.submit'>;

/** What to prepare: the signing account's vault id and the person's intent. */
export interface TransactionRequest {
  accountId: string;
  intent: Intent;
}

/**
 * The one review → sign → follow flow for every screen that sends a transaction (Send, Stake, Vote,
 * Producer, Membership). Mount it with the request once the person's form is complete:
 *
 *   {request && <TransactionFlow request={request} onEdit={() => setRequest(null)} onDone={() => setRequest(null)} />}
 *
 * It prepares the draft with wallet.prepare (nonce, minimum fee and expiry from verified state), shows
 * the draft's plain-words summary with nonce, fee, expiry and where it was verified, lets the person raise
 * the fee, signs and submits with wallet.submit, then follows the transaction live (the
 * wallet.transaction event, and the query as a fallback) until it is final with its proof checked, or
 * rejected or expired with the reason. Errors are shown with ErrorNotice (LOCKED leads to unlocking).
 */
export function TransactionFlow({
  request,
  onEdit,
  onDone,
  onSettled,
}: {
  request: TransactionRequest;
  onEdit(): void;
  onDone(): void;
  onSettled?(tx: TrackedTx): void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const [fee, setFee] = useState<string | undefined>(undefined);
  const draft = useQuery({
    // Not under queryKeys.wallet: a new head must not prepare a new draft behind the person's back.
    queryKey: ['draft', request, fee],
    queryFn: () => unwrap(bridge.walletPrepare({ ...request, ...(fee ? { fee } : {}) })),
    staleTime: Infinity,
    gcTime: 0,
  });
  const submit = useMutation({ mutationFn: (draftId: string) => unwrap(bridge.walletSubmit({ draftId })) });

  if (submit.data)
    return <FollowTransaction initial={submit.data} onDone={onDone} {...(onSettled ? { onSettled } : {})} />;
  if (draft.isPending) return <Loading />;
  if (draft.isError)
    return (
      <section className="tx-flow card" aria-labelledby="tx-review-title">
        <h2 id="tx-review-title">{t('tx.reviewTitle')}</h2>
        <ChainReason error={draft.error} />
        <ErrorNotice error={draft.error} onRetry={() => void draft.refetch()} />
        <div className="actions">
          <button type="button" onClick={onEdit}>
            {t('tx.edit')}
          </button>
        </div>
      </section>
    );
  return (
    <Review
      intent={request.intent}
      draft={draft.data}
      submitting={submit.isPending}
      submitError={submit.error}
      onRaiseFee={setFee}
      onEdit={onEdit}
      onSign={() => submit.mutate(draft.data.draftId)}
    />
  );
}

/** The network's refusal in the person's language (amounts in tokens), when the reason is one the page knows. */
function ChainReason({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  const contractError = asContractError(error);
  const translated = contractError.code === 'REJECTED' ? translateRefusal(t, locale, contractError.refusal) : null;
  if (!translated) return null;
  return (
    <p className="notice notice-error" data-testid="chain-reason">
      <span className="notice-title">{t('reason.title')}: </span>
      {translated}
    </p>
  );
}

function Review({
  intent,
  draft,
  submitting,
  submitError,
  onRaiseFee,
  onEdit,
  onSign,
}: {
  intent: Intent;
  draft: Draft;
  submitting: boolean;
  submitError: unknown;
  onRaiseFee(fee: string): void;
  onEdit(): void;
  onSign(): void;
}) {
  const { t, locale } = useI18n();
  const n = (value: number) => value.toLocaleString(locale);
  return (
    <section className="tx-flow card" aria-labelledby="tx-review-title">
      <h2 id="tx-review-title">{t('tx.reviewTitle')}</h2>
      <p className="muted">{t('tx.reviewIntro')}</p>
      <IntentSummary intent={intent} draft={draft} />
      <details className="signed-bytes">
        <summary>{t('review.signedBytes')}</summary>
        <TransactionSummary lines={draft.summary} />
      </details>
      <p className="verified" title={draft.verifiedAt.blockHash}>
        <span aria-hidden="true">✓ </span>
        {t('tx.verifiedAt', { height: n(draft.verifiedAt.height) })}
      </p>
      <RaiseFee current={draft.fee} onRaise={onRaiseFee} />
      {submitError ? <ErrorNotice error={submitError} /> : null}
      <div className="actions">
        <button type="button" onClick={onEdit} disabled={submitting}>
          {t('tx.edit')}
        </button>
        <button type="button" className="primary" onClick={onSign} disabled={submitting}>
          {submitting ? t('tx.signing') : t('tx.sign')}
        </button>
      </div>
    </section>
  );
}

/** The fee starts at the minimum the wallet filled in; a higher one prepares the draft again. */
function RaiseFee({ current, onRaise }: { current: string; onRaise(fee: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => tokensForInput(current));
  const [touched, setTouched] = useState(false);
  useEffect(() => setText(tokensForInput(current)), [current]);
  const fee = parseTokens(text);
  const valid = fee !== null && BigInt(fee) >= BigInt(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (valid && fee !== current) onRaise(fee);
  };
  return (
    <form className="inline-form tx-fee" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="tx-fee-input">{t('tx.raiseFee')}</label>
        <input
          id="tx-fee-input"
          inputMode="decimal"
          value={text}
          aria-invalid={touched && !valid}
          aria-describedby="tx-fee-hint"
          onChange={(event) => setText(event.target.value)}
        />
        <p id="tx-fee-hint" className="hint">
          {touched && !valid ? t('tx.feeInvalid') : t('tx.raiseFeeHint')}
        </p>
      </div>
      <button type="submit">{t('tx.updateFee')}</button>
    </form>
  );
}

/** The submitted transaction followed until it settles; Done closes the flow at any time. */
function FollowTransaction({
  initial,
  onDone,
  onSettled,
}: {
  initial: TrackedTx;
  onDone(): void;
  onSettled?(tx: TrackedTx): void;
}) {
  const { t } = useI18n();
  const [settled, setSettled] = useState(false);
  const settle = (tx: TrackedTx) => {
    setSettled(true);
    onSettled?.(tx);
  };
  return (
    <section className="tx-flow card" aria-labelledby="tx-follow-title">
      <h2 id="tx-follow-title">{t('tx.followTitle')}</h2>
      <TransactionProgress txId={initial.txId} initial={initial} onSettled={settle} />
      <div className="actions">
        <button type="button" className={settled ? 'primary' : ''} onClick={onDone}>
          {t('tx.done')}
        </button>
      </div>
    </section>
  );
}
