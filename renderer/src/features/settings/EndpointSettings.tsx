import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EndpointHealth } from '../../components/EndpointHealth.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys, useNetworkStatus, type NetworkStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { KeepAsIs } from '../../i18n/names.tsx';
import { QueryView } from '../../components/QueryView.tsx';

type EndpointAction = { kind: 'add' | 'remove' | 'trustAgain'; url: string };

/** The network's endpoints with their health, and adding, removing and trusting one again. */
export function EndpointSettings() {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const status = useNetworkStatus();
  const [url, setUrl] = useState('');
  const act = useMutation({
    mutationFn: ({ kind, url }: EndpointAction): Promise<NetworkStatus> =>
      unwrap(
        kind === 'add'
          ? bridge.networkAddEndpoint({ url })
          : kind === 'remove'
            ? bridge.networkRemoveEndpoint({ url })
            : bridge.networkTrustAgain({ url }),
      ),
    onSuccess: (next, { kind }) => {
      client.setQueryData(queryKeys.networkStatus, next);
      if (kind === 'add') setUrl('');
    },
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim()) act.mutate({ kind: 'add', url: url.trim() });
  };
  return (
    <section className="card wide" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">{t('settings.endpoints')}</h2>
      <QueryView query={status}>
        {(network) =>
          network.endpoints.length === 0 ? (
            <p className="muted">{t('network.noEndpoints')}</p>
          ) : (
            <ul className="plain endpoints">
              {network.endpoints.map((endpoint) => (
                <li key={endpoint.url}>
                  <EndpointHealth endpoint={endpoint} />
                  <div className="row-actions">
                    {!endpoint.trusted && (
                      <button
                        type="button"
                        onClick={() => act.mutate({ kind: 'trustAgain', url: endpoint.url })}
                        disabled={act.isPending}
                      >
                        {t('endpoint.trustAgain')}
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() => act.mutate({ kind: 'remove', url: endpoint.url })}
                      disabled={act.isPending}
                      aria-label={`${t('endpoint.remove')} ${endpoint.url}`}
                    >
                      {t('endpoint.remove')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {status.isSuccess && (
        <form onSubmit={add} className="inline-form" noValidate>
          <TextField
            id="endpoint-url"
            label={t('endpoint.url')}
            type="url"
            inputMode="url"
            value={url}
            onChange={setUrl}
            placeholder="http://127.0.0.1:26657"
            hint={<KeepAsIs text={t('endpoint.urlHint')} values={['http://127.0.0.1:26657']} />}
          />
          <button type="submit" disabled={act.isPending || !url.trim()}>
            {t('endpoint.add')}
          </button>
        </form>
      )}
      {act.isError && <ErrorNotice error={act.error} />}
    </section>
  );
}
