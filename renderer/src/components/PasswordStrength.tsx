import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { loadEstimator, type StrengthScore } from './strength.ts';

/** The password's estimated strength as a meter and a word; `userInputs` are words an attacker would try first. */
export function PasswordStrength({
  password,
  userInputs = [],
  onScore,
}: {
  password: string;
  userInputs?: string[];
  onScore?(score: StrengthScore | null): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [score, setScore] = useState<StrengthScore | null>(null);
  const inputsKey = userInputs.join('\n');
  useEffect(() => {
    onScore?.(password ? score : null);
  }, [onScore, password, score]);
  useEffect(() => {
    let current = true;
    void loadEstimator().then((estimate) => {
      if (current) setScore(password ? estimate(password, inputsKey ? inputsKey.split('\n') : []) : 0);
    });
    return () => {
      current = false;
    };
  }, [password, inputsKey]);
  if (!password) return null;
  return (
    <div className="strength" data-score={score ?? ''}>
      <label htmlFor={id}>{t('strength.label')}</label>
      <meter
        id={id}
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={score ?? 0}
        aria-valuetext={score === null ? t('strength.checking') : t(`strength.${score}`)}
      />
      <span aria-live="polite" data-testid="strength-word">
        {score === null ? t('strength.checking') : t(`strength.${score}`)}
      </span>
      {score !== null && score < 3 && <p className="hint">{t('strength.hint')}</p>}
    </div>
  );
}
