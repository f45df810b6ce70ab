import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { TransactionRequest } from '../../components/TransactionFlow.tsx';
import { isLocalOrPrivate } from './EndpointFacts.tsx';
import { ConsensusKeyField, keyForIntent, keyIsReady, type KeyChoice } from './ConsensusKeyField.tsx';
// The chain's rule for candidate names, checked here so the person learns it while typing.
import {
  CANDIDATE_NAME_PATTERN,
  MAX_CANDIDATE_NAME_BYTES,
  MAX_ENDPOINT_BYTES,
} from '../../../../shared/contract/limits.ts';

/** Registers the account as a candidate: a name, a consensus key and the node's endpoint, then the review step. */
export function RegisterForm({
  accountId,
  busy,
  onRequest,
}: {
  accountId: string;
  busy: boolean;
  onRequest(request: TransactionRequest): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [endpoint, setEndpoint] = useState('');
  // A server node signs with its own key: pasting that node's public key is the usual way, so it comes first.
  const [key, setKey] = useState<KeyChoice>({ source: 'paste', publicKey: '' });
  const nameInvalid = name !== '' && !CANDIDATE_NAME_PATTERN.test(name.trim());
  const ready = CANDIDATE_NAME_PATTERN.test(name.trim()) && endpoint.trim() !== '' && keyIsReady(key);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    onRequest({
      accountId,
      intent: {
        type: 'candidate.register',
        name: name.trim(),
        consensusKey: keyForIntent(key),
        endpoint: endpoint.trim(),
      },
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="register-title">
      <h3 id="register-title">{t('producer.register')}</h3>
      <fieldset className="plain-fieldset" disabled={busy}>
        <div className="field">
          <label htmlFor="candidate-name">{t('producer.name')}</label>
          <input
            id="candidate-name"
            value={name}
            maxLength={MAX_CANDIDATE_NAME_BYTES}
            onChange={(event) => setName(event.target.value)}
            aria-describedby="candidate-name-hint"
            aria-invalid={nameInvalid}
            spellCheck={false}
          />
          <p id="candidate-name-hint" className={nameInvalid ? 'field-error' : 'hint'}>
            {t('producer.nameHint')}
          </p>
        </div>
        <ConsensusKeyField choice={key} onChange={setKey} label={name} />
        <div className="field">
          <label htmlFor="candidate-endpoint">{t('producer.endpoint')}</label>
          <input
            id="candidate-endpoint"
            value={endpoint}
            maxLength={MAX_ENDPOINT_BYTES}
            placeholder="http://203.0.113.7:26657"
            onChange={(event) => setEndpoint(event.target.value)}
            aria-describedby="candidate-endpoint-hint"
          />
          <p id="candidate-endpoint-hint" className="hint">
            {t('producer.endpointHint')}
          </p>
          {isLocalOrPrivate(endpoint.trim()) && (
            <p className="field-error" role="status" data-testid="register-endpoint-local">
              {t('producer.endpointLocal')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready}>
            {t('producer.reviewRegister')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
