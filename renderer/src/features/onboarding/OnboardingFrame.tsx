import type { ReactNode } from 'react';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** The centred card every onboarding and unlock step is shown in, with "step n of m" when there are steps. */
export function OnboardingFrame({
  title,
  step,
  children,
  focusHeading = true,
}: {
  title: string;
  step?: { current: number; total: number };
  children: ReactNode;
  focusHeading?: boolean;
}) {
  const { t } = useI18n();
  return (
    <main className="centered">
      <div className="onboarding card">
        <p className="brand">{t('app.name')}</p>
        {step && <p className="muted step">{t('onboarding.step', step)}</p>}
        <Page title={title} focusOnOpen={focusHeading}>
          {children}
        </Page>
      </div>
    </main>
  );
}
