import { useState } from 'react';
import type { VaultStatus } from '../data/queries.ts';
import { shortAddress } from '../format/address.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export type VaultAccount = VaultStatus['accounts'][number];

const STORAGE_KEY = 'consortia.selectedAccount';

/** The account a transaction is sent from: the one chosen last on any screen (remembered), or the first. */
export function useSendingAccount(accounts: readonly VaultAccount[]): [VaultAccount | null, (id: string) => void] {
  const [selectedId, setSelectedId] = useState(() => localStorage.getItem(STORAGE_KEY));
  const select = (id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setSelectedId(id);
  };
  return [accounts.find((account) => account.id === selectedId) ?? accounts[0] ?? null, select];
}

/** A labelled choice of the vault's accounts, for the forms that prepare a transaction. */
export function AccountPicker({ accounts, selected, onSelect }: { accounts: readonly VaultAccount[]; selected: VaultAccount | null; onSelect(id: string): void }) {
  const { t } = useI18n();
  if (accounts.length === 0) return <p className="muted">{t('tx.noSigningAccount')}</p>;
  return (
    <div className="field">
      <label htmlFor="sending-account">{t('tx.account')}</label>
      <select id="sending-account" value={selected?.id ?? ''} onChange={(event) => onSelect(event.target.value)} translate="no">
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.label} · {shortAddress(account.address)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Said when the chosen account cannot sign here: its key is on an offline device. */
export function WatchOnlyNotice() {
  const { t } = useI18n();
  return (
    <div className="notice notice-calm" role="status">
      <p>{t('tx.watchOnly')}</p>
      <a href="#/offline">{t('tx.toOffline')}</a>
    </div>
  );
}
