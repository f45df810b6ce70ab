import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Page } from '../../components/Page.tsx';
import { TransactionFlow, type TransactionRequest } from '../../components/TransactionFlow.tsx';
import { useAccount, useNetworkStatus, useVaultStatus } from '../../data/queries.ts';
import { formatTokens } from '../../format/amount.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';
import { AccountPicker, WatchOnlyNotice } from '../../components/TransactionFlowAccount.tsx';
import { AlertsCard } from './AlertsCard.tsx';
import { CandidateActions } from './CandidateActions.tsx';
import { overviewKey, useProducerOverview, type ProducerView } from './producerData.ts';
import { ProducerCard } from './ProducerCard.tsx';
import { RegisterForm } from './RegisterForm.tsx';
import './producer.css';
import { StaleNotice } from '../status/TruthNotices.tsx';

export function ProducerScreen() {
  const { t } = useI18n();
  const vault = useVaultStatus();
  // Every account, watch-only included: a producer's key often lives offline, and its dashboard is still worth following.
  const accounts = vault.data?.accounts ?? [];
  const [selected, select] = useSelectedAccount(accounts);
  return (
    <Page title={t('producer.title')}>
      <StaleNotice />
      <QueryView query={vault}>
        {() => (
          <div className="producer-grid">
            {accounts.length === 0 ? (
              <p className="muted">{t('vote.noAccount')}</p>
            ) : (
              <AccountPicker id="producer-account" accounts={accounts} selected={selected} onSelect={select} />
            )}
            {selected?.kind === 'watch' && <WatchOnlyNotice />}
            {selected && (
              <AccountConsole
                key={selected.id}
                accountId={selected.id}
                address={selected.address}
                watchOnly={selected.kind === 'watch'}
              />
            )}
            <AlertsCard />
          </div>
        )}
      </QueryView>
    </Page>
  );
}

function AccountConsole({ accountId, address, watchOnly }: { accountId: string; address: string; watchOnly: boolean }) {
  const { t, locale } = useI18n();
  const fee = useAccount(address).data?.minFee;
  const overview = useProducerOverview();
  const status = useNetworkStatus();
  const [request, setRequest] = useState<TransactionRequest | null>(null);
  const client = useQueryClient();
  const flow = request && (
    <TransactionFlow
      request={request}
      onEdit={() => setRequest(null)}
      onDone={() => setRequest(null)}
      onSettled={() => void client.invalidateQueries({ queryKey: overviewKey })}
    />
  );
  // A watch-only account signs on its offline device: the dashboard follows it, the forms stay closed.
  const busy = request !== null || watchOnly;
  // The flow stays at one place in the tree: a registration turning final swaps the form for the
  // console above it, and must not restart the flow it is following.
  const consoleFor = (producer: ProducerView | undefined) => (
    <>
      {producer ? (
        <>
          <ProducerCard producer={producer} />
          <section className="card" aria-labelledby="manage-title">
            <h2 id="manage-title">{t('producer.manage')}</h2>
            <CandidateActions
              producer={producer}
              accountId={accountId}
              busy={busy}
              onRequest={setRequest}
              verifiedHeight={status.data?.verifiedHeight ?? null}
            />
          </section>
        </>
      ) : (
        <section className="card" aria-labelledby="not-candidate-title">
          <h2 id="not-candidate-title">{t('producer.notCandidate')}</h2>
          <p>{t('producer.notCandidateExplain')}</p>
          {fee && <p data-testid="register-fee">{t('producer.feeIs', { fee: formatTokens(fee, locale) })}</p>}
          <RegisterForm accountId={accountId} busy={busy} onRequest={setRequest} />
        </section>
      )}
      {flow}
    </>
  );
  return (
    <QueryView query={overview}>
      {(candidates) => consoleFor(candidates.find((candidate) => candidate.address === address))}
    </QueryView>
  );
}
