import { useI18n } from '../i18n/I18nProvider.tsx';
import type { LinkProblem as Problem } from '../bridge.ts';

/** Instead of "Loading…" forever: why this tab cannot reach the app, and the one thing that fixes it. */
export function LinkProblem({ problem }: { problem: Problem | 'missing' }) {
  const { t } = useI18n();
  const title = problem === 'missing' ? t('token.missingTitle') : t('token.staleTitle');
  return (
    <main className="centered">
      <section className="card onboarding" role="alert" data-testid="link-problem" data-problem={problem}>
        <p className="brand">{t('app.name')}</p>
        <h1>{problem === 'down' ? t('token.down') : title}</h1>
        {problem !== 'down' && <p>{problem === 'missing' ? t('token.missingBody') : t('token.staleBody')}</p>}
      </section>
    </main>
  );
}
