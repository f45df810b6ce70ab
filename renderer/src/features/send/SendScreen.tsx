import { useState } from 'react';
import { QueryView } from '../../components/QueryView.tsx';
import { Page } from '../../components/Page.tsx';
import { TransactionFlow, type TransactionRequest } from '../../components/TransactionFlow.tsx';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';
import { AccountPicker, WatchOnlyNotice } from '../../components/TransactionFlowAccount.tsx';
import { useVaultStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AddressBook } from './AddressBook.tsx';
import { SendForm } from './SendForm.tsx';
import './send.css';

/** Send: a transfer from one of the vault's accounts, reviewed before signing and followed until final. */
export function SendScreen() {
  const { t } = useI18n();
  const vault = useVaultStatus();
  const [account, select] = useSelectedAccount(vault.data?.accounts ?? []);
  const [recipient, setRecipient] = useState('');
  const [recipientValid, setRecipientValid] = useState(false);
  const [request, setRequest] = useState<TransactionRequest | null>(null);
  const body = () => {
    // The form stays mounted (hidden) during review, so "Back to edit" finds what the person typed.
    return (
      <QueryView query={vault}>
        {(vaultStatus) => (
          <>
            {request && (
              <TransactionFlow request={request} onEdit={() => setRequest(null)} onDone={() => setRequest(null)} />
            )}
            <div className="send-grid" hidden={request !== null}>
              <section className="card" aria-labelledby="send-form-title">
                <h2 id="send-form-title">{t('send.form')}</h2>
                <AccountPicker accounts={vaultStatus.accounts} selected={account} onSelect={select} />
                {account?.kind === 'watch' && <WatchOnlyNotice />}
                {account && (
                  <SendForm
                    account={account}
                    recipient={recipient}
                    onRecipient={setRecipient}
                    onValidity={setRecipientValid}
                    onReview={(intent) => setRequest({ accountId: account.id, intent })}
                  />
                )}
              </section>
              <AddressBook recipient={recipient} recipientValid={recipientValid} onChoose={setRecipient} />
            </div>
          </>
        )}
      </QueryView>
    );
  };
  return <Page title={t('send.title')}>{body()}</Page>;
}
