import { useState } from 'react';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useConsensusKeys, useGenerateConsensusKey } from './producerData.ts';

export type KeyChoice = { source: 'vault'; keyId: string } | { source: 'paste'; publicKey: string };
export const PUBLIC_KEY = /^[0-9a-f]{64}$/;

export function keyIsReady(choice: KeyChoice): boolean {
  return choice.source === 'vault' ? choice.keyId !== '' : PUBLIC_KEY.test(choice.publicKey);
}
export function keyForIntent(choice: KeyChoice) {
  return choice.source === 'vault' ? { keyId: choice.keyId } : { publicKey: choice.publicKey };
}

/** A consensus key kept in the vault (generated here, or one made before), or the public key of one kept on the producer's server. */
export function ConsensusKeyField({
  choice,
  onChange,
  label,
}: {
  choice: KeyChoice;
  onChange(choice: KeyChoice): void;
  label: string;
}) {
  const { t } = useI18n();
  const keys = useConsensusKeys();
  const generate = useGenerateConsensusKey();
  const [generating, setGenerating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onGenerate = async () => {
    setGenerating(true);
    setError(null);
    try {
      const key = await generate(label);
      onChange({ source: 'vault', keyId: key.id });
    } catch (failure) {
      setError(failure);
    } finally {
      setGenerating(false);
    }
  };
  const chosenKey = choice.source === 'vault' ? keys.data?.find((key) => key.id === choice.keyId) : undefined;
  const pasteInvalid = choice.source === 'paste' && choice.publicKey !== '' && !PUBLIC_KEY.test(choice.publicKey);
  return (
    <fieldset className="field key-field">
      <legend>{t('producer.consensusKey')}</legend>
      <label className="check">
        <input
          type="radio"
          name="key-source"
          checked={choice.source === 'paste'}
          onChange={() => onChange({ source: 'paste', publicKey: '' })}
        />
        {t('producer.keyPasted')}
      </label>
      <label className="check">
        <input
          type="radio"
          name="key-source"
          checked={choice.source === 'vault'}
          onChange={() => onChange({ source: 'vault', keyId: keys.data?.[0]?.id ?? '' })}
        />
        {t('producer.keyInVault')}
      </label>
      {choice.source === 'vault' ? (
        <div className="key-vault">
          {keys.data && keys.data.length > 0 && (
            <div className="field">
              <label htmlFor="vault-key">{t('producer.vaultKey')}</label>
              <select
                id="vault-key"
                value={choice.keyId}
                onChange={(event) => onChange({ source: 'vault', keyId: event.target.value })}
                translate="no"
              >
                <option value="">{t('producer.chooseKey')}</option>
                {keys.data.map((key) => (
                  <option key={key.id} value={key.id}>
                    {key.label || key.id} · {key.publicKey.slice(0, 12)}…
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="button" onClick={() => void onGenerate()} disabled={generating}>
            {generating ? t('producer.generating') : t('producer.generateKey')}
          </button>
          {chosenKey && (
            <p className="hint" data-testid="chosen-key">
              {t('producer.publicKey')}{' '}
              <span className="mono" translate="no">
                {chosenKey.publicKey}
              </span>
            </p>
          )}
          {keys.isError && <ErrorNotice error={keys.error} onRetry={() => void keys.refetch()} />}
          {error !== null && <ErrorNotice error={error} />}
        </div>
      ) : (
        <div className="field">
          <label htmlFor="pasted-key">{t('producer.pasteKey')}</label>
          <input
            id="pasted-key"
            className="mono"
            value={choice.publicKey}
            onChange={(event) => onChange({ source: 'paste', publicKey: event.target.value.trim().toLowerCase() })}
            aria-invalid={pasteInvalid}
            aria-describedby="pasted-key-hint"
            spellCheck={false}
          />
          <p id="pasted-key-hint" className={pasteInvalid ? 'field-error' : 'hint'}>
            {t('producer.pasteKeyHint')}
          </p>
        </div>
      )}
    </fieldset>
  );
}
