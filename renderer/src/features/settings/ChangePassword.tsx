import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  NewPasswordFields,
  newPasswordProblem,
  newPasswordProblemStrict,
  type NewPassword,
} from '../../components/NewPasswordFields.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export function ChangePassword() {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', repeat: '' });
  const [touched, setTouched] = useState(false);
  const change = useMutation({
    mutationFn: () => unwrap(bridge.vaultChangePassword({ oldPassword: current, newPassword: next.password })),
    onSuccess: (status) => {
      client.setQueryData(queryKeys.vaultStatus, status);
      setCurrent('');
      setNext({ password: '', repeat: '' });
      setTouched(false);
    },
  });
  const [strengthProblem, setStrengthProblem] = useState<string | null>(null);
  const problem = newPasswordProblem(next, t) ?? strengthProblem;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const found = await newPasswordProblemStrict(next, t);
    setStrengthProblem(found);
    if (!found && current) change.mutate();
  };
  return (
    <section className="card tall" aria-labelledby="password-title">
      <h2 id="password-title">{t('settings.password')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="current-password">{t('password.current')}</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <NewPasswordFields
          value={next}
          onChange={(value) => {
            setNext(value);
            setStrengthProblem(null);
          }}
          labels={{ password: t('password.newLabel'), repeat: t('password.repeatNew') }}
        />
        {touched && problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {change.isError && <ErrorNotice error={change.error} />}
        {change.isSuccess && (
          <p className="ok-text" role="status">
            {t('password.changed')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending || !current}>
            {t('password.change')}
          </button>
        </div>
      </form>
    </section>
  );
}
