import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';

export type StartPath = 'create' | 'import';

export function ChooseStart({ onChoose, busy }: { onChoose(path: StartPath): void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <OnboardingFrame title={t('onboarding.title')}>
      <p>{t('onboarding.intro')}</p>
      <h2>{t('onboarding.choose')}</h2>
      <div className="choices">
        <button
          type="button"
          className="choice primary"
          onClick={() => onChoose('create')}
          disabled={busy}
          aria-describedby="create-hint"
        >
          {t('onboarding.create')}
        </button>
        <p className="hint" id="create-hint">
          {t('onboarding.createHint')}
        </p>
        <button
          type="button"
          className="choice"
          onClick={() => onChoose('import')}
          disabled={busy}
          aria-describedby="import-hint"
        >
          {t('onboarding.import')}
        </button>
        <p className="hint" id="import-hint">
          {t('onboarding.importHint')}
        </p>
      </div>
    </OnboardingFrame>
  );
}
