import { useMutation } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { useVaultStatus } from '../../data/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import type { VaultAccount } from '../../components/TransactionFlowAccount.tsx';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AnimatedQr } from './AnimatedQr.tsx';
import { ImportEnvelope } from './ImportEnvelope.tsx';
import { ScannedSummary } from './ScannedSummary.tsx';
import { useEnvelopeImport } from './useEnvelopeImport.ts';

/** The keys this signer holds, shown so the online wallet can watch their addresses (with the public key). */
function SignerAccounts() {
  const vault = useVaultStatus();
  return <QueryView query={vault}>{(vaultStatus) => <SignerList accounts={vaultStatus.accounts} />}</QueryView>;
}

function SignerList({ accounts }: { accounts: readonly VaultAccount[] }) {
  const { t } = useI18n();
  const signers = accounts.filter((account) => account.kind !== 'watch');
  return (
    <section className="card" aria-labelledby="signer-accounts-title">
      <h2 id="signer-accounts-title">{t('offline.signer.accounts')}</h2>
      <p className="muted">{t('offline.signer.accountsBody')}</p>
      {signers.length === 0 ? (
        <p className="muted">{t('offline.signer.noAccounts')}</p>
      ) : (
        <ul className="plain signer-accounts">
          {signers.map((account) => (
            <li key={account.id} data-testid="signer-account">
              <span className="account-label" translate="no">
                {account.label}
              </span>
              <dl className="facts">
                <dt>{t('offline.watch.address')}</dt>
                <dd className="mono" translate="no" data-testid="signer-address">
                  {account.address}
                </dd>
                <dt>{t('offline.watch.publicKey')}</dt>
                <dd className="mono" translate="no" data-testid="signer-public-key">
                  {account.publicKey ?? '—'}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The offline window: import a request, read what it does, sign it in the vault, and show the reply. */
export function OfflineSigner() {
  const { t } = useI18n();
  const bridge = useBridge();
  const request = useEnvelopeImport();
  const sign = useMutation({ mutationFn: (envelopeId: string) => unwrap(bridge.offlineSign({ envelopeId })) });
  const startOver = () => {
    request.reset();
    sign.reset();
  };
  return (
    <div className="offline-grid">
      <section className="card" aria-labelledby="sign-title">
        <h2 id="sign-title">{t('offline.signer.title')}</h2>
        {!request.result ? (
          <>
            <p className="muted">{t('offline.signer.body')}</p>
            <ImportEnvelope importer={request} what="request" />
          </>
        ) : sign.data ? (
          <div data-testid="reply-out">
            <p className="notice tx-final" role="status">
              {t('offline.signer.signed')}
            </p>
            <AnimatedQr envelope={sign.data} />
            <div className="actions">
              <button type="button" onClick={startOver}>
                {t('offline.signer.another')}
              </button>
            </div>
          </div>
        ) : (
          <div data-testid="request-in">
            <ScannedSummary scanned={request.result} />
            <p className="hint">{t('offline.signer.check')}</p>
            {sign.isError && <ErrorNotice error={sign.error} />}
            <div className="actions">
              <button type="button" onClick={startOver} disabled={sign.isPending}>
                {t('offline.signer.discard')}
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => sign.mutate(request.result!.envelopeId)}
                disabled={sign.isPending}
              >
                {t('offline.signer.sign')}
              </button>
            </div>
          </div>
        )}
      </section>
      <SignerAccounts />
    </div>
  );
}
