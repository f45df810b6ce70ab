import { TransactionSummary } from '../../components/TransactionSummary.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Scanned } from './useEnvelopeImport.ts';

/** What an imported request or reply does, in the plain words the main process computed from its bytes. */
export function ScannedSummary({ scanned }: { scanned: Scanned }) {
  const { t } = useI18n();
  return (
    <div className="scanned">
      <p className="notice notice-calm" role="status">
        {t(scanned.kind === 'request' ? 'offline.scanned.request' : 'offline.scanned.reply')}
      </p>
      <TransactionSummary lines={scanned.summary} />
    </div>
  );
}
