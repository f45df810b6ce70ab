import './status.css';
import { useNetworkStatus, type NetworkStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatAge, formatDuration, useFreshness } from './useFreshness.ts';

type Endpoint = NetworkStatus['endpoints'][number];

/** What an untrusted endpoint did, in plain words, with the verifier's own sentence as the detail. */
export function LieDescription({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useI18n();
  if (endpoint.trusted || !endpoint.reason) return null;
  return (
    <div className="lie" data-testid="lie" data-lie={endpoint.lie ?? 'other'}>
      <p>
        <strong>{t('truth.liedEndpoint', { url: endpoint.url })}</strong> {t(`truth.lie.${endpoint.lie ?? 'other'}`)}
      </p>
      <details>
        <summary>{t('truth.technical')}</summary>
        <p className="notice-detail" lang="en">
          {endpoint.reason}
        </p>
      </details>
    </div>
  );
}

/**
 * "Not verified": an endpoint's answer failed verification (or every endpoint left is one that
 * did). Says which endpoint, what it did and what to do; never reads like a loading state.
 */
export function NotVerifiedNotice({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  const status = useNetworkStatus();
  const liars = (status.data?.endpoints ?? []).filter((e) => !e.trusted && e.reason);
  return (
    <div className="notice notice-error" role="alert" data-code="UNVERIFIED" data-testid="not-verified">
      <p className="notice-title">{t('truth.notVerifiedTitle')}</p>
      {liars.map((endpoint) => (
        <LieDescription key={endpoint.url} endpoint={endpoint} />
      ))}
      <p>
        {t('truth.answerUnverified')} {t('truth.notVerifiedStep')}
      </p>
      {/* Said in plain words above; the verifier's own English sentence is kept folded, for a technical reader. */}
      {message && (
        <details>
          <summary>{t('truth.technical')}</summary>
          <p className="notice-detail" lang="en">
            {message}
          </p>
        </details>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * The view is out of date: how old the newest verified block is, why nothing newer arrives (no
 * endpoint answers, every endpoint untrusted, or the endpoints bring nothing newer) and what to do.
 * Shown wherever verified data is (overview, producer console, rounds view).
 */
export function StaleNotice() {
  const { t, locale } = useI18n();
  const freshness = useFreshness();
  if (freshness.state !== 'stale') return null;
  const cause = freshness.cause ?? 'behind';
  return (
    <div className="notice notice-warn" role="status" data-testid="stale-notice" data-cause={cause}>
      <p className="notice-title">{t('truth.staleTitle', { age: formatAge(freshness.ageMs, locale) })}</p>
      <p>{t(`truth.cause.${cause}`)}</p>
      <p>{t(`truth.step.${cause}`)}</p>
    </div>
  );
}

/** With a single endpoint, withholding cannot be noticed: suggest a second one, and say why. */
export function OneEndpointHint() {
  const { t } = useI18n();
  const status = useNetworkStatus();
  if (status.data?.endpoints.length !== 1) return null;
  return (
    <p className="hint" data-testid="one-endpoint">
      {t('truth.oneEndpoint')}
    </p>
  );
}

/** The staleness rule in words ("after 10 block intervals (10 seconds)"). */
export function ThresholdNote() {
  const { t, locale } = useI18n();
  const freshness = useFreshness();
  if (freshness.state === 'loading') return null;
  return (
    <p className="muted">
      {t('truth.threshold', {
        blocks: freshness.staleAfterBlocks.toLocaleString(locale),
        duration: formatDuration(freshness.thresholdMs, locale),
      })}
    </p>
  );
}
