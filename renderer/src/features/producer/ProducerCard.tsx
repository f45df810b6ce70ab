import { formatAmount, formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatShare } from '../vote/candidates.ts';
import type { ProducerView } from './producerData.ts';
import { RoundsChart } from './RoundsChart.tsx';

/** One of the vault's candidates: where it stands, its next turn and its recent rounds. */
export function ProducerCard({ producer }: { producer: ProducerView }) {
  const { t, locale } = useI18n();
  const nextTurn = producer.nextTurnAt === undefined ? t('producer.noTurn') : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(producer.nextTurnAt);
  return (
    <section className="card" aria-labelledby="producer-card-title" data-testid="producer-card">
      <h2 id="producer-card-title">
        <span translate="no">{producer.name}</span>{' '}
        <span className={`tag ${producer.status === 'active' ? 'ok' : 'warn'}`}>{t(`vote.status.${producer.status}`)}</span>{' '}
        {producer.inSet ? <span className="tag ok">✓ {t('vote.inSet')}</span> : <span className="tag">{t('vote.notInSet')}</span>}
      </h2>
      <p className="mono muted" translate="no">
        {producer.address}
      </p>
      <dl className="facts producer-facts">
        <dt>{t('vote.column.rank')}</dt>
        <dd data-testid="producer-rank">{producer.rank ?? t('producer.unranked')}</dd>
        <dt>{t('vote.column.voteWeight')}</dt>
        <dd>{formatTokens(producer.voteWeight, locale)}</dd>
        <dt>{t('vote.column.share')}</dt>
        <dd>{formatShare(producer.share, locale)}</dd>
        <dt>{t('producer.nextTurn')}</dt>
        <dd>{nextTurn}</dd>
        <dt>{t('producer.producedTotal')}</dt>
        <dd>{formatAmount(producer.producedBlocks, locale, 0)}</dd>
        <dt>{t('producer.missedTotal')}</dt>
        <dd>{formatAmount(producer.missedBlocks, locale, 0)}</dd>
      </dl>
      <h3>{t('producer.recentRounds')}</h3>
      <RoundsChart rounds={producer.rounds} />
    </section>
  );
}
