import { Fragment, type ReactNode } from 'react';
import { INTENT_KINDS, type FieldShow, type IntentFieldName } from '../../../shared/contract/kinds.ts';
import { useAccount } from '../data/queries.ts';
import { useConsensusKeys } from '../features/producer/producerData.ts';
import { useAddressNames } from '../data/useAddressNames.ts';
import { formatTokens, sumAmounts } from '../format/amount.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CopyButton } from './CopyButton.tsx';
import type { Draft, Intent } from './TransactionFlow.tsx';

// Every intent field the modules describe has a label (`review.field.<name>`: the common ones in
// TransactionFlow.messages.ts, a new one with the screen that sends it):
// a field without one fails the type check here.
const everyFieldLabelled: `review.field.${IntentFieldName}` extends MessageKey ? true : never = true;
void everyFieldLabelled;

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

type Allocations = Extract<Intent, { type: 'vote' }>['allocations'];

/** Each candidate by name when known, with its amount. */
function AllocationList({ allocations }: { allocations: Allocations }) {
  const { locale } = useI18n();
  const names = useAddressNames();
  return (
    <span translate="no">
      {allocations
        .map(
          (allocation) =>
            `${names(allocation.candidate)?.name ?? allocation.candidate} (${formatTokens(allocation.amount, locale)})`,
        )
        .join(', ')}
    </span>
  );
}

/** One intent field as its module describes it (shared/core/modules/<name>/kinds.ts). */
function FieldValue({ show, value }: { show: FieldShow; value: unknown }) {
  const { t, locale } = useI18n();
  switch (show) {
    case 'address':
      return <Party address={String(value)} />;
    case 'amount':
      return formatTokens(String(value), locale);
    case 'text':
      return <span translate="no">{String(value)}</span>;
    case 'yesNo':
      return t(value ? 'review.yes' : 'review.no');
    case 'allocations':
      return <AllocationList allocations={value as Allocations} />;
    case 'code':
      return (
        <span className="mono" translate="no">
          {String(value)}
        </span>
      );
    case 'consensusKey':
      return <ConsensusKey choice={value as ConsensusKeyChoice} />;
  }
}

type ConsensusKeyChoice = { keyId: string } | { publicKey: string };

/** A key kept in the vault by its label and public key (what the chain will hold), or the public key given. */
function ConsensusKey({ choice }: { choice: ConsensusKeyChoice }) {
  const kept = useConsensusKeys();
  const key = 'keyId' in choice ? kept.data?.find((k) => k.id === choice.keyId) : undefined;
  const publicKey = 'publicKey' in choice ? choice.publicKey : key?.publicKey;
  // Laid out as an address is: the name the person gave it, then the key itself.
  return (
    <span className="party" translate="no">
      {key?.label && <span className="party-name">{key.label}</span>}
      <span className="mono party-address">{publicKey ?? ('keyId' in choice ? choice.keyId : '')}</span>
    </span>
  );
}

/**
 * What the intent does, in the person's language, and which of its fields that already says. A kind
 * without a case here is named by the kind of payload it builds, and all its fields are listed.
 */
function useAction(intent: Intent): { action: ReactNode; says: readonly string[] } {
  const { t, locale } = useI18n();
  const tokens = (units: string) => formatTokens(units, locale);
  switch (intent.type) {
    case 'transfer':
      return { action: t('review.transfer', { amount: tokens(intent.amount) }), says: ['amount'] };
    case 'stake':
      return { action: t('review.stake', { amount: tokens(intent.amount) }), says: ['amount'] };
    case 'unstake':
      return { action: t('review.unstake', { amount: tokens(intent.amount) }), says: ['amount'] };
    case 'withdraw':
      return { action: t('review.withdraw'), says: [] };
    case 'vote':
      return {
        action:
          intent.allocations.length === 0 ? (
            t('review.voteNone')
          ) : (
            <>
              {t('review.vote', { amount: tokens(sumAmounts(intent.allocations.map((a) => a.amount))) })}{' '}
              <AllocationList allocations={intent.allocations} />
            </>
          ),
        says: ['allocations'],
      };
    case 'candidate.register':
      return {
        action: (
          <>
            {t('review.register')} <span translate="no">{intent.name}</span>
          </>
        ),
        says: ['name'],
      };
    default:
      return { action: t(`kind.${INTENT_KINDS[intent.type].builds}` as 'kind.unknown'), says: [] };
  }
}

/** The intent's fields that its action line does not already say, each with its label, in the module's order. */
function IntentFields({ intent, says }: { intent: Intent; says: readonly string[] }) {
  const { t } = useI18n();
  const fields: Readonly<Record<string, FieldShow>> = INTENT_KINDS[intent.type].fields;
  const values = intent as unknown as Readonly<Record<string, unknown>>;
  return Object.entries(fields)
    .filter(([field]) => !says.includes(field) && values[field] !== undefined && values[field] !== '')
    .map(([field, show]) => (
      <Fragment key={field}>
        <dt>{t(`review.field.${field}` as `review.field.${IntentFieldName}`)}</dt>
        <dd data-testid={`review-field-${field}`}>
          <FieldValue show={show} value={values[field]} />
        </dd>
      </Fragment>
    ));
}

/**
 * The review step's one list of facts: action, from, the intent's other fields, fee, nonce and when it
 * expires, each once, addresses with their names, amounts in tokens only. A new kind needs no change
 * here: its module's description says how its fields read. The main process's byte-derived summary
 * (what is actually signed, in its words) stays available below it, folded.
 */
export function IntentSummary({ intent, draft }: { intent: Intent; draft: Draft }) {
  const { t, locale } = useI18n();
  const account = useAccount(draft.from);
  const { action, says } = useAction(intent);
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
      <IntentFields intent={intent} says={says} />
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
