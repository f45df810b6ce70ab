import { useState } from 'react';
import { Page } from '../../components/Page.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { useNetworkStatus } from '../../data/queries.ts';
import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { SlotTile } from './SlotTile.tsx';
import { useRound, type RoundView } from './useRound.ts';
import { VerifiedMark } from '../../components/VerifiedMark.tsx';
import { StaleNotice } from '../status/TruthNotices.tsx';
import './rounds.css';

export function RoundsScreen() {
  const { t } = useI18n();
  // null follows the current round live; a number is a past round being browsed.
  const [browsed, setBrowsed] = useState<number | null>(null);
  const round = useRound(browsed);
  const current = useRound(null);
  const currentRound = current.data?.round ?? null;
  const show = (target: number) => setBrowsed(currentRound !== null && target >= currentRound ? null : target);
  const body = () => <QueryView query={round}>{(view) => roundView(view)}</QueryView>;
  const roundView = (view: RoundView) => (
    <>
      <nav className="round-nav" aria-label={t('rounds.browse')}>
        <button type="button" onClick={() => show(view.round - 1)} disabled={view.round === 0}>
          <span aria-hidden="true">← </span>
          {t('rounds.previous')}
        </button>
        <h2 id="round-title" aria-live="polite">
          {t('rounds.round', { round: view.round.toLocaleString() })}
          {browsed === null ? (
            <span className="tag ok">{t('rounds.live')}</span>
          ) : (
            <span className="tag">{t('rounds.past')}</span>
          )}
        </h2>
        <button type="button" onClick={() => show(view.round + 1)} disabled={browsed === null}>
          {t('rounds.next')}
          <span aria-hidden="true"> →</span>
        </button>
        {browsed !== null && (
          <button type="button" onClick={() => setBrowsed(null)}>
            {t('rounds.backToCurrent')}
          </button>
        )}
      </nav>
      <RoundDetails view={view} />
    </>
  );
  return (
    <Page title={t('rounds.title')}>
      <div className="rounds-grid">
        <FinalityCard />
        <section
          className="card"
          aria-labelledby="round-title"
          data-testid="round-card"
          aria-busy={round.isFetching && round.isPlaceholderData}
        >
          {body()}
        </section>
      </div>
    </Page>
  );
}

function RoundDetails({ view }: { view: RoundView }) {
  const { t, locale } = useI18n();
  const n = (value: number) => value.toLocaleString(locale);
  const produced = view.slots.filter((slot) => slot.status === 'produced').length;
  const missed = view.slots.filter((slot) => slot.status === 'missed').length;
  return (
    <>
      <p className="muted">
        {t('rounds.heights', { first: n(view.firstHeight), last: n(view.lastHeight) })} ·{' '}
        {t('rounds.tally', { produced: n(produced), missed: n(missed), total: n(view.slots.length) })}
      </p>
      {view.slots.length === 0 ? (
        <p className="muted">{t('rounds.noSlots')}</p>
      ) : (
        <ol className="slots" aria-label={t('rounds.slots')}>
          {view.slots.map((slot) => (
            <SlotTile key={slot.height} slot={slot} />
          ))}
        </ol>
      )}
      <h3>{t('rounds.nextSet')}</h3>
      {view.nextSet ? (
        <ul className="plain next-set" data-testid="next-set">
          {view.nextSet.map((producer) => (
            <li key={producer.address}>
              <span translate="no">{producer.name}</span>{' '}
              <span className="mono muted" translate="no" title={producer.address}>
                {shortAddress(producer.address)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('rounds.nextSetLater')}</p>
      )}
    </>
  );
}

/** The final height and how far finality lags the announced head. */
function FinalityCard() {
  const { t, locale } = useI18n();
  const status = useNetworkStatus();
  const n = (value: number) => value.toLocaleString(locale);
  return (
    <section className="card" aria-labelledby="finality-title">
      <h2 id="finality-title">{t('rounds.finality')}</h2>
      <QueryView query={status}>
        {(network) => (
          <>
            <dl className="facts finality">
              <dt>{t('rounds.finalHeight')}</dt>
              <dd data-testid="rounds-final-height">{n(network.verifiedHeight)}</dd>
              <dt>{t('rounds.headHeight')}</dt>
              <dd>{n(network.headHeight)}</dd>
              <dt>{t('rounds.lag')}</dt>
              <dd data-testid="finality-lag">
                {t('rounds.lagBlocks', { blocks: n(Math.max(0, network.headHeight - network.verifiedHeight)) })}
              </dd>
            </dl>
            <VerifiedMark height={network.verifiedHeight} blockHash={network.verifiedHash} />
          </>
        )}
      </QueryView>
      <StaleNotice />
    </section>
  );
}
