import { useId, useState } from 'react';
import { loadEstimator, type StrengthScore } from './strength.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PasswordStrength } from './PasswordStrength.tsx';

/** The vault refuses shorter passwords; checked here too so the person hears it before submitting. */
export const MIN_PASSWORD_LENGTH = 8;

export interface NewPassword {
  password: string;
  repeat: string;
  /** The weak password the person confirmed on purpose (a changed password asks again). */
  weakAcceptedFor?: string;
}

/** Below "Fair": such a password falls to a guessing attack, so it takes an explicit confirmation. */
const WEAK_BELOW: StrengthScore = 2;
const isWeak = (score: StrengthScore | null) => score !== null && score < WEAK_BELOW;

/** What is wrong with a new password as typed, or null when it may be submitted. */
export function newPasswordProblem(
  { password, repeat }: NewPassword,
  t: ReturnType<typeof useI18n>['t'],
): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (password !== repeat) return t('password.mismatch');
  return null;
}

/**
 * Also refuses a weak password until the person confirms it. The strength is estimated here, not taken
 * from the meter, so a quick submit cannot slip past an estimate still loading.
 */
export async function newPasswordProblemStrict(
  value: NewPassword,
  t: ReturnType<typeof useI18n>['t'],
): Promise<string | null> {
  const basic = newPasswordProblem(value, t);
  if (basic) return basic;
  const score = (await loadEstimator())(value.password, []);
  if (isWeak(score) && value.weakAcceptedFor !== value.password) return t('password.weakConfirmNeeded');
  return null;
}

export function NewPasswordFields({
  value,
  onChange,
  labels,
}: {
  value: NewPassword;
  onChange(next: NewPassword): void;
  labels: { password: string; repeat: string };
}) {
  const { t } = useI18n();
  const id = useId();
  const [score, setScore] = useState<StrengthScore | null>(null);
  const mismatch = value.repeat.length > 0 && value.repeat !== value.password;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-new`}>{labels.password}</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          value={value.password}
          onChange={(event) => onChange({ ...value, password: event.target.value })}
          aria-describedby={`${id}-min`}
        />
        <p className="hint" id={`${id}-min`}>
          {t('password.tooShort', { min: MIN_PASSWORD_LENGTH })}
        </p>
        <PasswordStrength password={value.password} onScore={setScore} />
        {value.password && isWeak(score) && (
          <label className="check weak-confirm">
            <input
              type="checkbox"
              checked={value.weakAcceptedFor === value.password}
              onChange={(event) => onChange({ ...value, weakAcceptedFor: event.target.checked ? value.password : '' })}
            />
            {t('password.weakAccept')}
          </label>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>{labels.repeat}</label>
        <input
          id={`${id}-repeat`}
          type="password"
          autoComplete="new-password"
          value={value.repeat}
          onChange={(event) => onChange({ ...value, repeat: event.target.value })}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
        />
        {mismatch && (
          <p className="field-error" id={`${id}-mismatch`}>
            {t('password.mismatch')}
          </p>
        )}
      </div>
    </>
  );
}
