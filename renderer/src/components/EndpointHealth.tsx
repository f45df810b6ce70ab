import type { NetworkStatus } from '../data/queries.ts';
import { LieDescription } from '../features/status/TruthNotices.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

type Endpoint = NetworkStatus['endpoints'][number];

/**
 * One endpoint's health in words: trusted or not (and what it did, plainly), in use, behind, last
 * height seen, last connection problem (never one the light node caused itself by hanging up).
 */
export function EndpointHealth({ endpoint }: { endpoint: Endpoint }) {
  const { t, locale } = useI18n();
  return (
    <div className="endpoint-health" data-testid="endpoint-health" data-url={endpoint.url}>
      <span className="mono endpoint-url" translate="no">
        {endpoint.url}
      </span>
      <span className={endpoint.trusted ? 'tag ok' : 'tag warn'}>
        {endpoint.trusted ? t('endpoint.trusted') : t('endpoint.untrusted')}
      </span>
      {endpoint.active && <span className="tag">{t('endpoint.active')}</span>}
      {endpoint.behind && (
        <span className="tag warn" title={t('truth.behindHint')} data-testid="endpoint-behind">
          {t('truth.behind')}
        </span>
      )}
      <span className="muted">
        {t('endpoint.lastSeen', { height: endpoint.lastSeenHeight.toLocaleString(locale) })}
      </span>
      {endpoint.behind && (
        <span className="notice-detail" data-testid="endpoint-behind-reason">
          {endpoint.peersHeight !== undefined && endpoint.peersHeight > (endpoint.announcedHeight ?? 0)
            ? t('truth.behindPeers', {
                peers: endpoint.peersHeight.toLocaleString(locale),
                height: (endpoint.announcedHeight ?? 0).toLocaleString(locale),
              })
            : t('truth.behindHint')}
        </span>
      )}
      <LieDescription endpoint={endpoint} />
      {endpoint.problem && (
        <div className="notice-detail" data-testid="endpoint-problem">
          {t(`endpoint.problem.${endpoint.problemKind ?? 'nodeError'}`)}
          <details>
            <summary>{t('truth.technical')}</summary>
            <span lang="en">{endpoint.problem}</span>
          </details>
        </div>
      )}
    </div>
  );
}
