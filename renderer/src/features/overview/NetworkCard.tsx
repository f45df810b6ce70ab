import { EndpointHealth } from '../../components/EndpointHealth.tsx';
import { useNetworkStatus, type NetworkStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OneEndpointHint, StaleNotice, ThresholdNote } from '../status/TruthNotices.tsx';
import { formatAge, useFreshness } from '../status/useFreshness.ts';
import { QueryView } from '../../components/QueryView.tsx';

function NetworkDetails({ status }: { status: NetworkStatus }) {
  const { t, locale } = useI18n();
  const n = (value: number) => value.toLocaleString(locale);
  const { progress } = status;
  const trusted = status.endpoints.filter((endpoint) => endpoint.trusted).length;
  const lag = Math.max(0, status.headHeight - status.verifiedHeight);
  const freshness = useFreshness();
  // "In sync" only while new blocks keep arriving: a stopped or cut-off light node says so.
  const liars = status.endpoints.filter((endpoint) => !endpoint.trusted && endpoint.reason);
  const phase =
    freshness.state !== 'loading' && freshness.cause === 'allUntrusted' && liars.length > 0
      ? t('truth.state.unverified')
      : freshness.state === 'stale'
        ? t('truth.state.stale')
        : t(`network.phase.${progress.phase}`);
  return (
    <>
      <dl className="facts">
        <dt>{t('network.title')}</dt>
        <dd>{t(`network.kind.${status.kind}`)}</dd>
        <dt>{t('network.chain')}</dt>
        <dd className="mono" translate="no">
          {status.chainId}
        </dd>
        <dt>{t('network.finalHeight')}</dt>
        <dd data-testid="final-height">{n(status.verifiedHeight)}</dd>
      </dl>
      <div className="sync">
        <label
          htmlFor="sync-progress"
          data-testid="light-phase"
          data-state={
            liars.length > 0 && freshness.state !== 'loading' && freshness.cause === 'allUntrusted'
              ? 'unverified'
              : freshness.state
          }
        >
          {t('network.lightNode')}: {phase}
          {freshness.state === 'fresh' && <span className="muted"> · {formatAge(freshness.ageMs, locale)}</span>}
        </label>
        <progress
          id="sync-progress"
          max={Math.max(1, progress.targetHeight)}
          value={Math.min(progress.verifiedHeight, Math.max(1, progress.targetHeight))}
        />
        <span className="muted">
          {t('network.progress', { verified: n(progress.verifiedHeight), target: n(progress.targetHeight) })}
        </span>
        {lag > 0 && <p className="muted">{t('network.lag', { blocks: n(lag) })}</p>}
        <ThresholdNote />
      </div>
      <StaleNotice />
      {/* With every endpoint untrusted the stale notice above already says so, in the person's language. */}
      {status.problem && !(freshness.state !== 'loading' && freshness.cause === 'allUntrusted') && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('network.problem')}</p>
          <p>{t('network.problemLead')}</p>
          <details data-testid="network-problem-detail">
            <summary>{t('truth.technical')}</summary>
            <p lang="en">{status.problem}</p>
          </details>
        </div>
      )}
      {status.disagreement && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('network.disagreement', { height: n(status.disagreement.height) })}</p>
          <p lang="en">{status.disagreement.message}</p>
        </div>
      )}
      <h3>
        {t('network.endpoints')}{' '}
        <span className="muted">({t('network.endpointsHealth', { trusted, total: status.endpoints.length })})</span>
      </h3>
      {status.endpoints.length === 0 ? (
        <p className="muted">{t('network.noEndpoints')}</p>
      ) : (
        <ul className="plain">
          {status.endpoints.map((endpoint) => (
            <li key={endpoint.url}>
              <EndpointHealth endpoint={endpoint} />
            </li>
          ))}
        </ul>
      )}
      <OneEndpointHint />
    </>
  );
}

/** The network followed, the light node's sync progress and finality lag, and each endpoint's health. */
export function NetworkCard() {
  const { t } = useI18n();
  const status = useNetworkStatus();
  return (
    <section className="card" aria-labelledby="network-title">
      <h2 id="network-title">{t('network.title')}</h2>
      <QueryView query={status}>{(network) => <NetworkDetails status={network} />}</QueryView>
    </section>
  );
}
