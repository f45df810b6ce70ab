import { useState, type FormEvent } from 'react';
import { parseTokens, tokensForInput } from '../../components/TransactionFlowAmount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { AmountRules } from './stakeRules.ts';

/**
 * One amount in tokens, checked against the chain's rules as it is typed (never before), with Max;
 * Review is the main button only once the amount would apply. Hands over base units.
 */
export function AmountForm({
  id,
  label,
  hint,
  action,
  disabled,
  rules,
  onReview,
}: {
  id: string;
  label: string;
  hint: string;
  action: string;
  disabled: boolean;
  rules: AmountRules;
  onReview(amount: string): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const amount = parseTokens(text);
  const typed = text.trim() !== '';
  const problem = amount === null || amount === '0' ? t('stake.amountInvalid') : rules.check(amount);
  const valid = problem === null;
  const showProblem = (typed || touched) && !valid;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (valid && amount !== null && !disabled) onReview(amount);
  };
  return (
    <form className="amount-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="amount-row">
          <input
            id={id}
            inputMode="decimal"
            value={text}
            aria-invalid={showProblem}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setText(event.target.value)}
            disabled={disabled}
          />
          <button
            type="button"
            onClick={() => rules.max !== null && setText(tokensForInput(rules.max))}
            disabled={disabled || rules.max === null}
          >
            {t('stake.max')}
          </button>
        </div>
        <p
          id={`${id}-hint`}
          className={showProblem ? 'hint field-error' : 'hint'}
          data-testid={`${id}-hint`}
          role={showProblem ? 'alert' : undefined}
        >
          {showProblem ? problem : hint}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className={valid && !disabled ? 'primary' : ''} disabled={disabled || (typed && !valid)}>
          {action}
        </button>
      </div>
    </form>
  );
}
