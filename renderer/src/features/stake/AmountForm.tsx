import { useState, type FormEvent } from 'react';
import { parseTokens } from '../../components/TransactionFlowAmount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** One amount in tokens and a review button; hands over base units. */
export function AmountForm({ id, label, hint, action, disabled, onReview }: { id: string; label: string; hint: string; action: string; disabled: boolean; onReview(amount: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const amount = parseTokens(text);
  const valid = amount !== null && amount !== '0';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (valid && !disabled) onReview(amount);
  };
  return (
    <form className="amount-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} inputMode="decimal" value={text} aria-invalid={touched && !valid} aria-describedby={`${id}-hint`} onChange={(event) => setText(event.target.value)} />
        <p id={`${id}-hint`} className={touched && !valid ? 'hint field-error' : 'hint'}>
          {touched && !valid ? t('stake.amountInvalid') : hint}
        </p>
      </div>
      <div className="actions">
        <button type="submit" disabled={disabled}>
          {action}
        </button>
      </div>
    </form>
  );
}
