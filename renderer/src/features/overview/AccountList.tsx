import { CopyButton } from '../../components/CopyButton.tsx';
import { shortAddress } from '../../format/address.ts';
import type { VaultStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { isDevnetAccount, StoredName } from '../../i18n/names.tsx';

type Account = VaultStatus['accounts'][number];
type Mnemonic = VaultStatus['mnemonics'][number];

/** The vault's accounts as a radio group: arrow keys move between them, as in any native group. */
export function AccountList({
  accounts,
  mnemonics,
  selectedId,
  onSelect,
}: {
  accounts: readonly Account[];
  mnemonics: readonly Mnemonic[];
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  // Accounts of different phrases may share a label ("Account 1"); the phrase's own label tells them apart,
  // unless it only repeats the account's (the devnet's funded account carries its phrase's label).
  const phraseLabel = (account: Account) => {
    const label = mnemonics.find((mnemonic) => mnemonic.id === account.mnemonicId)?.label;
    return label && label !== account.label ? label : undefined;
  };
  return (
    <fieldset className="card accounts">
      <legend>{t('overview.accounts')}</legend>
      {accounts.length === 0 && <p className="muted">{t('overview.noAccounts')}</p>}
      {accounts.map((account) => {
        const phrase = phraseLabel(account);
        return (
          <div key={account.id} className="account-row">
            <label className="account" title={account.address}>
              <input
                type="radio"
                name="account"
                value={account.id}
                checked={account.id === selectedId}
                onChange={() => onSelect(account.id)}
              />
              <span className="account-text">
                <StoredName className="account-label" label={account.label} />
                {phrase && <StoredName className="muted account-phrase" label={phrase} />}
                <span className="mono muted" aria-label={account.address} translate="no">
                  {shortAddress(account.address)}
                </span>
                <span className="tag">
                  {isDevnetAccount(account, mnemonics) ? t('account.kind.devnet') : t(`account.kind.${account.kind}`)}
                </span>
              </span>
            </label>
            <CopyButton value={account.address} />
          </div>
        );
      })}
    </fieldset>
  );
}
