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
import { queryKeys, type VaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';

/**
 * Creates the vault. The choice of password-only protection appears only where no system keychain
 * answers, and must then be made on purpose (the vault refuses to fall back silently).
 */
export function SetPassword({
  status,
  step,
  onCreated,
  onBack,
}: {
  status: VaultStatus;
  step: { current: number; total: number };
  onCreated(): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const [value, setValue] = useState<NewPassword>({ password: '', repeat: '' });
  const [passwordOnly, setPasswordOnly] = useState(false);
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        bridge.vaultCreate({
          password: value.password,
          ...(status.keychainAvailable ? {} : { mode: 'password-only' as const }),
        }),
      ),
    onSuccess: (next) => {
      client.setQueryData(queryKeys.vaultStatus, next);
      onCreated();
    },
  });
  const [strengthProblem, setStrengthProblem] = useState<string | null>(null);
  const problem =
    newPasswordProblem(value, t) ??
    (!status.keychainAvailable && !passwordOnly ? t('keychain.required') : null) ??
    (touched ? strengthProblem : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const found =
      (await newPasswordProblemStrict(value, t)) ??
      (!status.keychainAvailable && !passwordOnly ? t('keychain.required') : null);
    setStrengthProblem(found);
    if (!found) create.mutate();
  };
  return (
    <OnboardingFrame title={t('password.title')} step={step}>
      <p>{t('password.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <NewPasswordFields
          value={value}
          onChange={(next) => {
            setValue(next);
            setStrengthProblem(null);
          }}
          labels={{ password: t('password.new'), repeat: t('password.repeat') }}
        />
        {!status.keychainAvailable && (
          <fieldset className="keychain">
            <legend>{t('keychain.title')}</legend>
            <p>{t('keychain.body')}</p>
            <label className="check">
              <input
                type="checkbox"
                checked={passwordOnly}
                onChange={(event) => setPasswordOnly(event.target.checked)}
              />
              {t('keychain.passwordOnly')}
            </label>
          </fieldset>
        )}
        {touched && problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {create.isError && <ErrorNotice error={create.error} />}
        <div className="actions">
          <button type="button" onClick={onBack}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? t('password.working') : t('password.create')}
          </button>
        </div>
      </form>
    </OnboardingFrame>
  );
}
