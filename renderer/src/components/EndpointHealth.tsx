import type { NetworkStatus } from '../data/queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

type Endpoint = NetworkStatus['endpoints'][number];

/** One endpoint's health in words: trusted or not (and why), in use, last height seen, last problem. */
export function EndpointHealth({ endpoint }: { endpoint: Endpoint }) {
  const { t, locale } = useI18n();
  return (
    <div className="endpoint-health">
      <span className="mono endpoint-url" translate="no">{endpoint.url}</span>
      <span className={endpoint.trusted ? 'tag ok' : 'tag warn'}>{endpoint.trusted ? t('endpoint.trusted') : t('endpoint.untrusted')}</span>
      {endpoint.active && <span className="tag">{t('endpoint.active')}</span>}
      <span className="muted">{t('endpoint.lastSeen', { height: endpoint.lastSeenHeight.toLocaleString(locale) })}</span>
      {endpoint.reason && (
        <span className="notice-detail" lang="en">
          {endpoint.reason}
        </span>
      )}
      {endpoint.problem && (
        <span className="notice-detail" lang="en">
          {endpoint.problem}
        </span>
      )}
    </div>
  );
}
