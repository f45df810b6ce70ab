import type { VaultStatus } from '../data/queries.ts';
import { shortAddress } from '../format/address.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAccountName } from '../i18n/names.tsx';

export type VaultAccount = VaultStatus['accounts'][number];

/** The accounts that can sign here: watch-only ones have their key on an offline device. */
export const signingAccounts = (accounts: readonly VaultAccount[]) =>
  accounts.filter((account) => account.kind !== 'watch');

/** A labelled choice of the vault's accounts, for the screens that act for one. */
export function AccountPicker({
  accounts,
  selected,
  onSelect,
  id = 'sending-account',
}: {
  accounts: readonly VaultAccount[];
  selected: VaultAccount | null;
  onSelect(id: string): void;
  id?: string;
}) {
  const { t } = useI18n();
  const name = useAccountName();
  if (accounts.length === 0) return <p className="muted">{t('tx.noSigningAccount')}</p>;
  return (
    <div className="field">
      <label htmlFor={id}>{t('tx.account')}</label>
      <select id={id} value={selected?.id ?? ''} onChange={(event) => onSelect(event.target.value)} translate="no">
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {name(account)} · {shortAddress(account.address)}
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
