import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { useNetworkStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { KeepAsIs } from '../../i18n/names.tsx';

/**
 * Which network the app follows from its next start: the embedded devnet, or a network given by its
 * genesis document (where the light node's trust starts) and endpoints. The running session keeps its
 * network, since addresses, the vault's display and the light node's data all belong to one chain.
 */
export function NetworkChoice() {
  const { t } = useI18n();
  const bridge = useBridge();
  const status = useNetworkStatus();
  // Until the person picks, the choice shown is the network in use: nothing changes unless they change it.
  const [picked, setKind] = useState<'devnet' | 'custom' | null>(null);
  const kind = picked ?? status.data?.kind ?? 'devnet';
  const [genesis, setGenesis] = useState<{ name: string; text: string } | null>(null);
  const [endpoints, setEndpoints] = useState('');
  const choose = useMutation({
    mutationFn: () =>
      unwrap(
        bridge.networkChoose(
          kind === 'devnet'
            ? { kind }
            : {
                kind,
                genesis: genesis?.text ?? '',
                endpoints: endpoints
                  .split(/\s+/)
                  .map((line) => line.trim())
                  .filter(Boolean),
              },
        ),
      ),
  });
  // Choosing the devnet while it is in use would change nothing.
  const ready = kind === 'devnet' ? status.data?.kind !== 'devnet' : genesis !== null && endpoints.trim() !== '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) choose.mutate();
  };
  const pickGenesis = async (file: File | undefined) => {
    setGenesis(file ? { name: file.name, text: await file.text() } : null);
    choose.reset();
  };
  return (
    <section className="card wide" aria-labelledby="network-choice-title">
      <h2 id="network-choice-title">{t('settings.network')}</h2>
      {status.isSuccess && (
        <p data-testid="network-current">
          <KeepAsIs
            text={t(status.data.kind === 'devnet' ? 'settings.networkNowDevnet' : 'settings.networkNowCustom', {
              chainId: status.data.chainId,
            })}
            values={[status.data.chainId]}
          />
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend>{t('settings.networkNext')}</legend>
          <div className="stacked-choices">
            <label className="check">
              <input
                type="radio"
                name="network-kind"
                value="devnet"
                checked={kind === 'devnet'}
                onChange={() => setKind('devnet')}
              />
              {t('settings.networkDevnet')}
            </label>
            <label className="check">
              <input
                type="radio"
                name="network-kind"
                value="custom"
                checked={kind === 'custom'}
                onChange={() => setKind('custom')}
              />
              {t('settings.networkCustom')}
            </label>
          </div>
        </fieldset>
        {kind === 'custom' && (
          <>
            <div className="field">
              <label htmlFor="network-genesis">{t('settings.networkGenesis')}</label>
              {/* A label as the button: the native file button's words follow the browser's language, not the app's. */}
              <div className="file-pick">
                <label className="button-link file-button">
                  {t('settings.networkGenesisPick')}
                  <input
                    id="network-genesis"
                    type="file"
                    accept=".json,application/json"
                    aria-describedby="network-genesis-hint"
                    onChange={(event) => void pickGenesis(event.target.files?.[0])}
                    className="visually-hidden"
                  />
                </label>
                <span className="muted" translate="no">
                  {genesis?.name ?? ''}
                </span>
                {!genesis && <span className="muted">{t('settings.networkGenesisNone')}</span>}
              </div>
              <p id="network-genesis-hint" className="hint">
                {t('settings.networkGenesisHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor="network-endpoints">{t('settings.networkEndpoints')}</label>
              <textarea
                id="network-endpoints"
                rows={3}
                value={endpoints}
                onChange={(event) => setEndpoints(event.target.value)}
                placeholder="https://node.example.org:26657/"
              />
            </div>
          </>
        )}
        <div className="actions">
          <button type="submit" className={ready ? 'primary' : ''} disabled={!ready || choose.isPending}>
            {t('settings.networkSave')}
          </button>
        </div>
      </form>
      {choose.isError && <ErrorNotice error={choose.error} />}
      {choose.isSuccess && (
        <p role="status" className="notice">
          {choose.data.kind === 'devnet'
            ? t('settings.networkSavedDevnet')
            : t('settings.networkSaved', { chainId: choose.data.chainId ?? '' })}
        </p>
      )}
    </section>
  );
}
