import { formatAmount, formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatShare } from '../vote/candidates.ts';
import type { ProducerView } from './producerData.ts';
import { RoundsChart } from './RoundsChart.tsx';
import { useCandidates } from '../vote/candidates.ts';
import { EndpointFacts } from './EndpointFacts.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';

/** One status that never contradicts itself: producing, waiting outside the set, or why not. */
function standing(producer: ProducerView): {
  key:
    | 'producer.standing.producing'
    | 'producer.standing.waiting'
    | 'producer.standing.jailed'
    | 'producer.standing.tombstoned'
    | 'producer.standing.resigned';
  ok: boolean;
} {
  if (producer.status === 'active')
    return producer.inSet
      ? { key: 'producer.standing.producing', ok: true }
      : { key: 'producer.standing.waiting', ok: false };
  return { key: `producer.standing.${producer.status}`, ok: false };
}

/** One of the vault's candidates: where it stands, its next turn and its recent rounds. */
export function ProducerCard({ producer }: { producer: ProducerView }) {
  const { t, locale } = useI18n();
  const candidates = useCandidates();
  const self = candidates.data?.find((candidate) => candidate.address === producer.address);
  // The weakest producer in the set is the one to overtake; one base unit more than it enters.
  const inSetWeights = (candidates.data ?? [])
    .filter((candidate) => candidate.inSet)
    .map((candidate) => BigInt(candidate.voteWeight));
  const threshold =
    inSetWeights.length > 0 ? inSetWeights.reduce((low, weight) => (weight < low ? weight : low)) : null;
  const needed = !producer.inSet && threshold !== null ? threshold + 1n - BigInt(producer.voteWeight) : null;
  const state = standing(producer);
  const nextTurn =
    producer.nextTurnAt === undefined
      ? t('producer.noTurn')
      : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
          producer.nextTurnAt,
        );
  return (
    <section className="card" aria-labelledby="producer-card-title" data-testid="producer-card">
      <h2 id="producer-card-title">
        <span translate="no">{producer.name}</span>{' '}
        <span className={`tag ${state.ok ? 'ok' : 'warn'}`} data-testid="producer-standing">
          {t(state.key)}
        </span>
      </h2>
      <p className="mono muted" translate="no">
        {producer.address} <CopyButton value={producer.address} />
      </p>
      <dl className="facts producer-facts">
        <dt>{t('vote.column.rank')}</dt>
        <dd data-testid="producer-rank">{producer.rank ?? t('producer.unranked')}</dd>
        <dt>{t('vote.column.voteWeight')}</dt>
        <dd>{formatTokens(producer.voteWeight, locale)}</dd>
        {needed !== null && needed > 0n && (
          <>
            <dt>{t('producer.toEnter')}</dt>
            <dd data-testid="producer-needed">
              {t('producer.toEnterValue', { amount: formatTokens(needed.toString(), locale) })}
            </dd>
          </>
        )}
        <dt>{t('vote.column.share')}</dt>
        <dd>{formatShare(producer.share, locale)}</dd>
        <dt>{t('producer.nextTurn')}</dt>
        <dd>{nextTurn}</dd>
        <dt>{t('producer.producedTotal')}</dt>
        <dd>{formatAmount(producer.producedBlocks, locale, 0)}</dd>
        <dt>{t('producer.missedTotal')}</dt>
        <dd>{formatAmount(producer.missedBlocks, locale, 0)}</dd>
        {self && <EndpointFacts endpoint={self.endpoint} consensusKey={self.consensusKey} />}
      </dl>
      <h3>{t('producer.recentRounds')}</h3>
      <RoundsChart producer={producer} />
    </section>
  );
}
