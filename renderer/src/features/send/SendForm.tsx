import { useEffect, useState, type FormEvent } from 'react';
import { useLatest } from '../../data/useLatest.ts';
import { useMutation } from '@tanstack/react-query';
import type { Intent } from '../../components/TransactionFlow.tsx';
import type { VaultAccount } from '../../components/TransactionFlowAccount.tsx';
import { parseTokens, tokensForInput } from '../../components/TransactionFlowAmount.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { useAccount } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { TextField, fitsBytes } from '../../components/TextField.tsx';
import { useAddressCheck } from './useAddressCheck.ts';
import { MAX_MEMO_BYTES } from '../../../../shared/contract/limits.ts';

/** Recipient (checked as typed), amount with the liquid balance and "max", and memo; "Review" hands over the intent. */
export function SendForm({
  account,
  recipient,
  onRecipient,
  onValidity,
  onReview,
}: {
  account: VaultAccount;
  recipient: string;
  onRecipient(value: string): void;
  onValidity(valid: boolean): void;
  onReview(intent: Intent): void;
}) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const balance = useAccount(account.address);
  const check = useAddressCheck(recipient);
  const [amountText, setAmountText] = useState('');
  const [memo, setMemo] = useState('');
  const [touched, setTouched] = useState(false);
  const valid = check.result?.valid === true;
  const latestOnValidity = useLatest(onValidity);
  useEffect(() => latestOnValidity.current(valid), [valid, latestOnValidity]);
  const amount = parseTokens(amountText);
  const amountOk = amount !== null && amount !== '0';
  // The fee is only known from a prepared draft; a throwaway one tells the minimum, so "max" leaves exactly it.
  const max = useMutation({
    mutationFn: async () => {
      const draft = await unwrap(
        bridge.walletPrepare({
          accountId: account.id,
          intent: { type: 'transfer', to: valid ? recipient.trim() : account.address, amount: '1' },
        }),
      );
      const liquid = BigInt(balance.data?.liquid ?? '0');
      const rest = liquid - BigInt(draft.fee);
      return { fee: draft.fee, amount: (rest > 0n ? rest : 0n).toString() };
    },
    onSuccess: ({ amount: most }) => setAmountText(tokensForInput(most)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid || !amountOk || !fitsBytes(memo, MAX_MEMO_BYTES) || account.kind === 'watch') return;
    onReview({ type: 'transfer', to: recipient.trim(), amount, ...(memo.trim() ? { memo: memo.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="send-recipient">{t('send.recipient')}</label>
        <input
          id="send-recipient"
          className="mono"
          value={recipient}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={check.result?.valid === false}
          aria-describedby="send-recipient-check"
          onChange={(event) => onRecipient(event.target.value)}
        />
        <div id="send-recipient-check" aria-live="polite" data-testid="address-check">
          {check.checking && <p className="hint">{t('send.checking')}</p>}
          {!check.checking && check.result?.valid === true && <p className="ok-text">✓ {t('send.valid')}</p>}
          {!check.checking && check.result?.valid === false && (
            <p className="field-error">
              {t('send.invalid')} {check.result.reason && <span lang="en">{check.result.reason}</span>}
            </p>
          )}
        </div>
        {check.error ? <ErrorNotice error={check.error} /> : null}
      </div>
      <div className="field">
        <label htmlFor="send-amount">{t('send.amount')}</label>
        <div className="amount-row">
          <input
            id="send-amount"
            inputMode="decimal"
            value={amountText}
            aria-invalid={touched && !amountOk}
            aria-describedby="send-amount-hint"
            onChange={(event) => setAmountText(event.target.value)}
          />
          <button
            type="button"
            onClick={() => max.mutate()}
            disabled={!balance.data || max.isPending || account.kind === 'watch'}
          >
            {t('send.max')}
          </button>
        </div>
        <p id="send-amount-hint" className="hint" data-testid="send-liquid">
          {balance.data && t('send.liquid', { amount: formatTokens(balance.data.liquid, locale) })}
          {max.data && <> · {t('send.maxHint', { fee: formatTokens(max.data.fee, locale) })}</>}
        </p>
        {touched && !amountOk && <p className="field-error">{t('send.amountInvalid')}</p>}
        {balance.isError && <ErrorNotice error={balance.error} onRetry={() => void balance.refetch()} />}
        {max.isError && <ErrorNotice error={max.error} />}
      </div>
      <TextField id="send-memo" label={t('send.memo')} value={memo} onChange={setMemo} maxBytes={MAX_MEMO_BYTES} />
      <div className="actions">
        <button type="submit" className="primary" disabled={account.kind === 'watch'}>
          {t('send.review')}
        </button>
      </div>
    </form>
  );
}
