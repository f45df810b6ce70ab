import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { TransactionRequest } from '../../components/TransactionFlow.tsx';
import { TextField } from '../../components/TextField.tsx';
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
        <TextField
          id="candidate-name"
          label={t('producer.name')}
          value={name}
          onChange={setName}
          maxBytes={MAX_CANDIDATE_NAME_BYTES}
          spellCheck={false}
          hint={t('producer.nameHint')}
          {...(nameInvalid ? { error: t('producer.nameHint') } : {})}
        />
        <ConsensusKeyField choice={key} onChange={setKey} label={name} />
        <TextField
          id="candidate-endpoint"
          label={t('producer.endpoint')}
          value={endpoint}
          onChange={setEndpoint}
          maxBytes={MAX_ENDPOINT_BYTES}
          placeholder="http://203.0.113.7:26657"
          hint={t('producer.endpointHint')}
        >
          {isLocalOrPrivate(endpoint.trim()) && (
            <p className="field-error" role="status" data-testid="register-endpoint-local">
              {t('producer.endpointLocal')}
            </p>
          )}
        </TextField>
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready}>
            {t('producer.reviewRegister')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
