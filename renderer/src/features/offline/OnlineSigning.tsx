import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { MethodInput } from '../../../../shared/contract/ipc.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { TransactionProgress } from '../../components/TransactionProgress.tsx';
import { TransactionSummary } from '../../components/TransactionSummary.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { useVaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AnimatedQr } from './AnimatedQr.tsx';
import { ImportEnvelope } from './ImportEnvelope.tsx';
import { RequestForm } from './RequestForm.tsx';
import { ScannedSummary } from './ScannedSummary.tsx';
import { useEnvelopeImport } from './useEnvelopeImport.ts';
import { WatchOnlyForm } from './WatchOnlyForm.tsx';

type Intent = MethodInput<'offline.createRequest'>['intent'];

/** The online window: make a request for the offline signer, then import its signed reply and broadcast it. */
export function OnlineSigning() {
  const { t } = useI18n();
  const bridge = useBridge();
  const vault = useVaultStatus();
  const accounts = [...(vault.data?.accounts ?? [])].sort(
    (a, b) => Number(b.kind === 'watch') - Number(a.kind === 'watch'),
  );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const accountId = accounts.find((account) => account.id === chosenId)?.id ?? accounts[0]?.id ?? null;
  const request = useMutation({
    mutationFn: (intent: Intent) => unwrap(bridge.offlineCreateRequest({ accountId: accountId!, intent })),
  });
  const reply = useEnvelopeImport();
  const broadcast = useMutation({
    mutationFn: (envelopeId: string) => unwrap(bridge.offlineBroadcast({ envelopeId })),
  });
  const startOver = () => {
    reply.reset();
    broadcast.reset();
  };

  return (
    <QueryView query={vault}>
      {() => (
        <div className="offline-grid">
          <div className="stack">
            <WatchOnlyForm onAdded={setChosenId} />
            <section className="card" aria-labelledby="request-title">
              <h2 id="request-title">{t('offline.request.title')}</h2>
              {accounts.length === 0 ? (
                <p className="muted">{t('offline.request.noAccounts')}</p>
              ) : request.data ? (
                <div data-testid="request-out">
                  <TransactionSummary lines={request.data.summary} />
                  <AnimatedQr envelope={request.data} />
                  <div className="actions">
                    <button type="button" onClick={() => request.reset()}>
                      {t('offline.request.another')}
                    </button>
                  </div>
                </div>
              ) : (
                <>
                  <p className="muted">{t('offline.request.body')}</p>
                  <RequestForm
                    accounts={accounts}
                    accountId={accountId}
                    onAccount={setChosenId}
                    busy={request.isPending}
                    onSubmit={(intent) => request.mutate(intent)}
                  />
                  {request.isError && <ErrorNotice error={request.error} />}
                </>
              )}
            </section>
          </div>
          <section className="card" aria-labelledby="reply-title">
            <h2 id="reply-title">{t('offline.reply.title')}</h2>
            {!reply.result ? (
              <>
                <p className="muted">{t('offline.reply.body')}</p>
                <ImportEnvelope importer={reply} what="reply" />
              </>
            ) : (
              <div data-testid="reply-in">
                <ScannedSummary scanned={reply.result} />
                {broadcast.data ? (
                  <TransactionProgress txId={broadcast.data.txId} />
                ) : (
                  <>
                    {broadcast.isError && <ErrorNotice error={broadcast.error} />}
                    <div className="actions">
                      <button type="button" onClick={startOver} disabled={broadcast.isPending}>
                        {t('offline.reply.discard')}
                      </button>
                      <button
                        type="button"
                        className="primary"
                        onClick={() => broadcast.mutate(reply.result!.envelopeId)}
                        disabled={broadcast.isPending}
                      >
                        {t('offline.reply.broadcast')}
                      </button>
                    </div>
                  </>
                )}
                {broadcast.data && (
                  <div className="actions">
                    <button type="button" onClick={startOver}>
                      {t('offline.reply.another')}
                    </button>
                  </div>
                )}
              </div>
            )}
          </section>
        </div>
      )}
    </QueryView>
  );
}
