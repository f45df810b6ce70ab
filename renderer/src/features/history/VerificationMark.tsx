import type { HistoryEntry } from './HistoryTable.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const SYMBOL: Record<HistoryEntry['verification'], string> = { verified: '✓', unverified: '?', failed: '✗' };

/** An entry's verification state: a mark, a word, and the tooltip that says what it means. */
export function VerificationMark({ state }: { state: HistoryEntry['verification'] }) {
  const { t } = useI18n();
  return (
    <span className={`vmark ${state}`} title={t(`history.state.${state}.tip`)} data-verification={state}>
      <span aria-hidden="true">{SYMBOL[state]}</span>
      {t(`history.state.${state}`)}
      <span className="visually-hidden">: {t(`history.state.${state}.tip`)}</span>
    </span>
  );
}
