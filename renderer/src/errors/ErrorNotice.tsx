import { useQueryClient } from '@tanstack/react-query';
import type { ContractError, ErrorCode } from '../../../shared/contract/result.ts';
import { asContractError } from '../data/contract.ts';
import { queryKeys } from '../data/queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useCountdown } from './useCountdown.ts';
import { translatedDetail } from './detail.ts';
import { KeepAsIs } from '../i18n/names.tsx';
import { NotVerifiedNotice } from '../features/status/TruthNotices.tsx';

/** Codes whose localized text already says everything; for the others the app's own sentence adds the detail. */
const SELF_EXPLAINED = new Set<ErrorCode>(['WRONG_PASSWORD', 'BACKOFF', 'LOCKED', 'NO_VAULT']);
/** The schema's own words for each refused field (English), for a technical reader. */
function issueList(issues: NonNullable<ContractError['issues']>) {
  return (
    <ul className="notice-detail" lang="en">
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.message}`}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
      ))}
    </ul>
  );
}

/** Keyed details that would only repeat the code's own title and next step. */
const SELF_EXPLAINED_KEYS = new Set(['network.unreachable', 'offline.mode', 'vault.locked', 'vault.none']);
/** Codes where trying again may help by itself. */
const RETRYABLE = new Set<ErrorCode>(['UNAVAILABLE', 'UNREACHABLE', 'INTERNAL', 'UNVERIFIED', 'BACKOFF']);

/**
 * A contract error as the person's next step: what happened and what to do, in their language, with
 * the one action that helps (retry, unlock, wait). An error the app itself makes comes with a key and
 * is worded here (errors/messages.ts); any other sentence of the main process is shown in English as
 * it came (marked lang="en"), never a stack.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const contractError = asContractError(error);
  const { code, message, issues, retryAt } = contractError;
  const detail = translatedDetail(locale, contractError);
  const repeats = contractError.key !== undefined && SELF_EXPLAINED_KEYS.has(contractError.key);
  const seconds = useCountdown(code === 'BACKOFF' ? retryAt : null);
  // A caught lie says who lied and what they did; it is never shown as "starting up".
  if (code === 'UNVERIFIED') return <NotVerifiedNotice message={message} {...(onRetry ? { onRetry } : {})} />;
  const calm = code === 'UNAVAILABLE';
  const step =
    code === 'BACKOFF'
      ? seconds > 0
        ? t('error.BACKOFF.step', { seconds })
        : t('error.BACKOFF.ready')
      : t(`error.${code}.step`);
  return (
    <div
      className={calm ? 'notice notice-calm' : 'notice notice-error'}
      role={calm ? 'status' : 'alert'}
      data-code={code}
    >
      <p className="notice-title">{t(`error.${code}.title`)}</p>
      <p>{step}</p>
      {!SELF_EXPLAINED.has(code) && detail && !repeats && (
        <p className="notice-detail" data-detail-key={contractError.key}>
          <KeepAsIs text={detail.text} values={detail.values} />
        </p>
      )}
      {!SELF_EXPLAINED.has(code) && !detail && message && (
        <p className="notice-detail" lang="en">
          <span className="visually-hidden">{t('common.fromApp')}: </span>
          {message}
        </p>
      )}
      {issues &&
        issues.length > 0 &&
        (detail ? (
          <details>
            <summary>{t('truth.technical')}</summary>
            {issueList(issues)}
          </details>
        ) : (
          issueList(issues)
        ))}
      {code === 'LOCKED' && (
        <button type="button" onClick={() => void client.invalidateQueries({ queryKey: queryKeys.vaultStatus })}>
          {t('error.LOCKED.action')}
        </button>
      )}
      {onRetry && RETRYABLE.has(code) && (
        <button type="button" onClick={onRetry} disabled={code === 'BACKOFF' && seconds > 0}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
