import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';

/** The new recovery phrase, shown once, numbered so it can be written down in order. */
export function ShowPhrase({
  words,
  step,
  onWritten,
}: {
  words: readonly string[];
  step: { current: number; total: number };
  onWritten(): void;
}) {
  const { t } = useI18n();
  return (
    <OnboardingFrame title={t('phrase.title')} step={step}>
      <p>{t('phrase.intro', { count: words.length })}</p>
      <ol className="phrase" aria-label={t('phrase.listLabel')} data-testid="phrase">
        {words.map((word, index) => (
          <li key={index} data-position={index + 1}>
            <span className="phrase-n" aria-hidden="true">
              {index + 1}
            </span>
            <span className="phrase-word">{word}</span>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="primary" onClick={onWritten}>
          {t('phrase.written')}
        </button>
      </div>
    </OnboardingFrame>
  );
}
