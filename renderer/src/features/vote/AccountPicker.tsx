import type { VaultStatus } from '../../data/queries.ts';
import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Account = VaultStatus['accounts'][number];

/** Which vault account a screen acts for; watch-only accounts cannot sign here, so they are left out. */
export function AccountPicker({ accounts, selectedId, onSelect, id }: { accounts: readonly Account[]; selectedId: string | null; onSelect(id: string): void; id: string }) {
  const { t } = useI18n();
  return (
    <div className="field account-picker">
      <label htmlFor={id}>{t('vote.account')}</label>
      <select id={id} value={selectedId ?? ''} onChange={(event) => onSelect(event.target.value)} translate="no">
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.label} · {shortAddress(account.address)}
          </option>
        ))}
      </select>
    </div>
  );
}

export const signingAccounts = (accounts: readonly Account[]) => accounts.filter((account) => account.kind !== 'watch');
