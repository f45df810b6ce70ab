import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';
import { pickPositions, wrongPositions } from './phraseCheck.ts';

/** How many words are asked back: enough to show the phrase was written down, few enough to be quick. */
const WORDS_ASKED = 4;

/** Asks for words at random positions; the onboarding ends only when they match the phrase. */
export function CheckPhrase({
  words,
  step,
  onChecked,
  onShowAgain,
}: {
  words: readonly string[];
  step: { current: number; total: number };
  onChecked(): void;
  onShowAgain(): void;
}) {
  const { t } = useI18n();
  const [positions] = useState(() => pickPositions(words.length, WORDS_ASKED));
  const [answers, setAnswers] = useState<Record<number, string>>(() =>
    Object.fromEntries(positions.map((position) => [position, ''])),
  );
  const [wrong, setWrong] = useState<number[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mismatched = wrongPositions(words, answers);
    setWrong(mismatched);
    if (mismatched.length === 0) onChecked();
  };
  return (
    <OnboardingFrame title={t('phrase.checkTitle')} step={step}>
      <p>{t('phrase.checkIntro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="word-inputs">
          {positions.map((position) => (
            <div className="field" key={position}>
              <label htmlFor={`word-${position}`}>{t('phrase.wordN', { n: position + 1 })}</label>
              <input
                id={`word-${position}`}
                data-position={position + 1}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                value={answers[position] ?? ''}
                aria-invalid={wrong.includes(position)}
                onChange={(event) => setAnswers({ ...answers, [position]: event.target.value })}
              />
            </div>
          ))}
        </div>
        {wrong.length > 0 && (
          <p className="field-error" role="alert">
            {t('phrase.checkWrong', { positions: wrong.map((position) => `#${position + 1}`).join(', ') })}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onShowAgain}>
            {t('phrase.showAgain')}
          </button>
          <button type="submit" className="primary">
            {t('phrase.finish')}
          </button>
        </div>
      </form>
    </OnboardingFrame>
  );
}
