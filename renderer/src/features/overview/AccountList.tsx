import { shortAddress } from '../../format/address.ts';
import type { VaultStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Account = VaultStatus['accounts'][number];
type Mnemonic = VaultStatus['mnemonics'][number];

/** The vault's accounts as a radio group: arrow keys move between them, as in any native group. */
export function AccountList({ accounts, mnemonics, selectedId, onSelect }: { accounts: readonly Account[]; mnemonics: readonly Mnemonic[]; selectedId: string | null; onSelect(id: string): void }) {
  const { t } = useI18n();
  // Accounts of different phrases may share a label ("Account 1"); the phrase's own label tells them apart.
  const phraseLabel = (account: Account) => mnemonics.find((mnemonic) => mnemonic.id === account.mnemonicId)?.label;
  return (
    <fieldset className="card accounts">
      <legend>{t('overview.accounts')}</legend>
      {accounts.length === 0 && <p className="muted">{t('overview.noAccounts')}</p>}
      {accounts.map((account) => (
        <label key={account.id} className="account" title={account.address}>
          <input type="radio" name="account" value={account.id} checked={account.id === selectedId} onChange={() => onSelect(account.id)} />
          <span className="account-text">
            <span className="account-label" translate="no">{account.label}</span>
            {phraseLabel(account) && <span className="muted account-phrase" translate="no">{phraseLabel(account)}</span>}
            <span className="mono muted" aria-label={account.address} translate="no">
              {shortAddress(account.address)}
            </span>
            <span className="tag">{t(`account.kind.${account.kind}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
