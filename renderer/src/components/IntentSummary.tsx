import type { ReactNode } from 'react';
import { useAccount } from '../data/queries.ts';
import { useAddressNames } from '../data/useAddressNames.ts';
import { formatTokens, sumAmounts } from '../format/amount.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CopyButton } from './CopyButton.tsx';
import type { Draft, Intent } from './TransactionFlow.tsx';

/** A name when the address is known (own accounts translated, others as typed), then the full address to copy. */
function Party({ address }: { address: string }) {
  const names = useAddressNames();
  const known = names(address);
  return (
    <span className="party">
      {known && (
        <span className="party-name" {...(known.kind === 'own' ? {} : { translate: 'no' as const })}>
          {known.name}
        </span>
      )}
      <span className="mono party-address" translate="no">
        {address}
      </span>
      <CopyButton value={address} />
    </span>
  );
}

/** What the intent does, in the person's language, amounts in one format (tokens). */
function useAction(intent: Intent): ReactNode {
  const { t, locale } = useI18n();
  const names = useAddressNames();
  const tokens = (units: string) => formatTokens(units, locale);
  switch (intent.type) {
    case 'transfer':
      return t('review.transfer', { amount: tokens(intent.amount) });
    case 'stake':
      return t('review.stake', { amount: tokens(intent.amount) });
    case 'unstake':
      return t('review.unstake', { amount: tokens(intent.amount) });
    case 'withdraw':
      return t('review.withdraw');
    case 'vote':
      return intent.allocations.length === 0 ? (
        t('review.voteNone')
      ) : (
        <>
          {t('review.vote', { amount: tokens(sumAmounts(intent.allocations.map((allocation) => allocation.amount))) })}{' '}
          <span translate="no">
            {intent.allocations
              .map(
                (allocation) =>
                  `${names(allocation.candidate)?.name ?? allocation.candidate} (${tokens(allocation.amount)})`,
              )
              .join(', ')}
          </span>
        </>
      );
    case 'candidate.register':
      return (
        <>
          {t('review.register')} <span translate="no">{intent.name}</span>
        </>
      );
    default:
      return t(
        `history.kind.${intent.type.startsWith('member.') ? 'member.vote' : intent.type.startsWith('candidate.') ? 'candidate.update' : 'unknown'}` as 'history.kind.unknown',
      );
  }
}

/**
 * The review step's one list of facts: action, from, to, fee, nonce and when it expires, each once,
 * addresses with their names, amounts in tokens only. The main process's byte-derived summary (what is
 * actually signed, in its words) stays available below it, folded.
 */
export function IntentSummary({ intent, draft }: { intent: Intent; draft: Draft }) {
  const { t, locale } = useI18n();
  const account = useAccount(draft.from);
  const action = useAction(intent);
  const blocks = draft.expiryHeight - draft.verifiedAt.height;
  const minutes = Math.max(1, Math.round((blocks * (account.data?.blockIntervalMs ?? 1000)) / 60_000));
  const expiresAt = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(
    Date.now() + blocks * (account.data?.blockIntervalMs ?? 1000),
  );
  const n = (value: number) => value.toLocaleString(locale);
  return (
    <dl className="facts review-facts" data-testid="review-facts">
      <dt>{t('review.action')}</dt>
      <dd data-testid="review-action">{action}</dd>
      <dt>{t('review.from')}</dt>
      <dd>
        <Party address={draft.from} />
      </dd>
      {intent.type === 'transfer' && (
        <>
          <dt>{t('review.to')}</dt>
          <dd>
            <Party address={intent.to} />
          </dd>
          {intent.memo && (
            <>
              <dt>{t('review.memo')}</dt>
              <dd translate="no">{intent.memo}</dd>
            </>
          )}
        </>
      )}
      <dt>{t('tx.fee')}</dt>
      <dd data-testid="tx-fee">{formatTokens(draft.fee, locale)}</dd>
      <dt>{t('tx.nonce')}</dt>
      <dd>{n(draft.nonce)}</dd>
      <dt>{t('review.expires')}</dt>
      <dd data-testid="review-expiry">
        {t('review.expiresIn', { minutes: n(minutes), time: expiresAt, height: n(draft.expiryHeight) })}
      </dd>
    </dl>
  );
}
