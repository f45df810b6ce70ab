import { shortAddress } from '../../format/address.ts';
import type { VaultStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Account = VaultStatus['accounts'][number];

/** The vault's accounts as a radio group: arrow keys move between them, as in any native group. */
export function AccountList({ accounts, selectedId, onSelect }: { accounts: readonly Account[]; selectedId: string | null; onSelect(id: string): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="card accounts">
      <legend>{t('overview.accounts')}</legend>
      {accounts.length === 0 && <p className="muted">{t('overview.noAccounts')}</p>}
      {accounts.map((account) => (
        <label key={account.id} className="account" title={account.address}>
          <input type="radio" name="account" value={account.id} checked={account.id === selectedId} onChange={() => onSelect(account.id)} />
          <span className="account-text">
            <span className="account-label">{account.label}</span>
            <span className="mono muted" aria-label={account.address}>
              {shortAddress(account.address)}
            </span>
            <span className="tag">{t(`account.kind.${account.kind}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
