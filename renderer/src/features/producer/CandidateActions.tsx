import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { TransactionRequest } from '../../components/TransactionFlow.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ConsensusKeyField, keyForIntent, keyIsReady, type KeyChoice } from './ConsensusKeyField.tsx';
import type { ProducerView } from './producerData.ts';
import { MAX_ENDPOINT_BYTES } from '../../../../shared/contract/limits.ts';

/** Update the endpoint or key, resign (after a confirmation) or unjail (once the jail term has passed). */
export function CandidateActions({
  producer,
  accountId,
  busy,
  onRequest,
  verifiedHeight,
}: {
  producer: ProducerView;
  accountId: string;
  busy: boolean;
  onRequest(request: TransactionRequest): void;
  verifiedHeight: number | null;
}) {
  const { t, locale } = useI18n();
  const [endpoint, setEndpoint] = useState('');
  const [changeKey, setChangeKey] = useState(false);
  const [key, setKey] = useState<KeyChoice>({ source: 'vault', keyId: '' });
  const [confirmingResign, setConfirmingResign] = useState(false);
  const idle = !busy;
  const jailed = producer.status === 'jailed';
  const jailOver =
    jailed && producer.jailedUntil !== undefined && verifiedHeight !== null && verifiedHeight >= producer.jailedUntil;
  const updateReady = (endpoint.trim() !== '' || changeKey) && (!changeKey || keyIsReady(key));
  const update = (event: FormEvent) => {
    event.preventDefault();
    if (!updateReady) return;
    onRequest({
      accountId,
      intent: {
        type: 'candidate.update',
        ...(endpoint.trim() ? { endpoint: endpoint.trim() } : {}),
        ...(changeKey ? { consensusKey: keyForIntent(key) } : {}),
      },
    });
  };
  if (producer.status === 'resigned' || producer.status === 'tombstoned')
    return <p className="muted">{t('producer.noActions')}</p>;
  return (
    <div className="candidate-actions">
      <form onSubmit={update} aria-labelledby={`update-title-${producer.address}`}>
        <h3 id={`update-title-${producer.address}`}>{t('producer.update')}</h3>
        <fieldset className="plain-fieldset" disabled={!idle}>
          <TextField
            id="update-endpoint"
            label={t('producer.newEndpoint')}
            value={endpoint}
            onChange={setEndpoint}
            maxBytes={MAX_ENDPOINT_BYTES}
          />
          <label className="check">
            <input type="checkbox" checked={changeKey} onChange={(event) => setChangeKey(event.target.checked)} />
            {t('producer.changeKey')}
          </label>
          {changeKey && <ConsensusKeyField choice={key} onChange={setKey} label={producer.name} />}
          <div className="actions">
            <button type="submit" disabled={!updateReady}>
              {t('producer.reviewUpdate')}
            </button>
          </div>
        </fieldset>
      </form>
      <div className="danger-zone">
        <h3>{t('producer.statusActions')}</h3>
        {jailed && (
          <p className="muted">
            {producer.jailedUntil === undefined
              ? t('producer.jailed')
              : jailOver
                ? t('producer.jailOver')
                : t('producer.jailedUntil', { height: producer.jailedUntil.toLocaleString(locale) })}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            disabled={!idle || !jailOver}
            onClick={() => onRequest({ accountId, intent: { type: 'candidate.unjail' } })}
          >
            {t('producer.unjail')}
          </button>
          {!confirmingResign ? (
            <button type="button" className="danger" disabled={!idle} onClick={() => setConfirmingResign(true)}>
              {t('producer.resign')}
            </button>
          ) : null}
        </div>
        {confirmingResign && (
          <div className="notice notice-error" role="alertdialog" aria-labelledby="resign-confirm-title">
            <p className="notice-title" id="resign-confirm-title">
              {t('producer.resignConfirmTitle', { name: producer.name })}
            </p>
            <p>{t('producer.resignConfirm')}</p>
            <button
              type="button"
              className="danger"
              disabled={!idle}
              onClick={() => {
                setConfirmingResign(false);
                onRequest({ accountId, intent: { type: 'candidate.resign' } });
              }}
            >
              {t('producer.resignYes')}
            </button>
            <button type="button" onClick={() => setConfirmingResign(false)} autoFocus>
              {t('producer.resignNo')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
