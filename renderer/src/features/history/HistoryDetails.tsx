import { useEffect, useRef } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useAddressNames } from '../../data/useAddressNames.ts';
import { formatTokens } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { HistoryEntry } from './HistoryTable.tsx';
import { useTypeLabel } from './HistoryTable.tsx';
import { Statement } from './Statement.tsx';
import { statementLine } from './statement.ts';
import { VerificationMark } from './VerificationMark.tsx';

/** A full address with its name when known, and a copy button. */
function AddressLine({ address }: { address: string }) {
  const names = useAddressNames();
  const known = names(address);
  return (
    <span className="detail-address">
      {known && <span {...(known.kind === 'own' ? {} : { translate: 'no' as const })}>{known.name}</span>}
      <span className="mono" translate="no">
        {address}
      </span>
      <CopyButton value={address} />
    </span>
  );
}

/**
 * One entry opened from the statement: what happened in words, when, in which block, its proof status,
 * the full id and addresses to copy. A side drawer: Escape or Close returns to the row.
 */
export function HistoryDetails({ entry, onClose }: { entry: HistoryEntry; onClose(): void }) {
  const { t, locale } = useI18n();
  const names = useAddressNames();
  const typeLabel = useTypeLabel();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const when =
    entry.time > 0
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }).format(entry.time)
      : '—';
  const n = (value: number) => value.toLocaleString(locale);
  return (
    <aside
      className="drawer card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="history-details-title"
      data-testid="history-details"
    >
      <h2 id="history-details-title" ref={heading} tabIndex={-1}>
        {t('history.details')}
      </h2>
      <p className="drawer-line">
        <Statement line={statementLine(t, locale, names, entry, typeLabel)} />
      </p>
      <dl className="facts">
        <dt>{t('history.detail.proof')}</dt>
        <dd>
          <VerificationMark state={entry.verification} />
        </dd>
        <dt>{t('history.detail.when')}</dt>
        <dd>{when}</dd>
        <dt>{t('history.detail.block')}</dt>
        <dd data-testid="detail-block">
          {t('history.detail.position', { height: n(entry.height), position: n(entry.position + 1) })}
        </dd>
        {entry.amount && (
          <>
            <dt>{t('history.detail.amount')}</dt>
            <dd>{formatTokens(entry.amount, locale)}</dd>
          </>
        )}
        <dt>{t('history.detail.fee')}</dt>
        <dd>{formatTokens(entry.fee, locale)}</dd>
        {entry.counterparty && (
          <>
            <dt>{t('history.detail.counterparty')}</dt>
            <dd>
              <AddressLine address={entry.counterparty} />
            </dd>
          </>
        )}
        {(entry.votes ?? []).map((vote) => (
          <div key={vote.candidate} className="contents">
            <dt>{t('history.detail.candidate')}</dt>
            <dd>
              <AddressLine address={vote.candidate} /> {vote.increase ? '+' : '−'}
              {formatTokens(vote.amount, locale)}
            </dd>
          </div>
        ))}
        {entry.memo && (
          <>
            <dt>{t('history.detail.memo')}</dt>
            <dd translate="no">{entry.memo}</dd>
          </>
        )}
        <dt>{t('history.detail.id')}</dt>
        <dd>
          <span className="mono detail-id" translate="no" data-testid="detail-txid">
            {entry.txId}
          </span>
          <CopyButton value={entry.txId} what="id" />
        </dd>
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('history.close')}
        </button>
      </div>
    </aside>
  );
}
