import { QueryView } from '../../components/QueryView.tsx';
import { Page } from '../../components/Page.tsx';
import { useVaultStatus } from '../../data/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AccountList } from './AccountList.tsx';
import { Balances } from './Balances.tsx';
import { NetworkCard } from './NetworkCard.tsx';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';

export function Overview() {
  const { t } = useI18n();
  const vault = useVaultStatus();
  const [selected, select] = useSelectedAccount(vault.data?.accounts ?? []);
  return (
    <Page title={t('overview.title')}>
      <QueryView query={vault}>
        {(vaultStatus) => (
          <div className="overview-grid">
            <AccountList
              accounts={vaultStatus.accounts}
              mnemonics={vaultStatus.mnemonics}
              selectedId={selected?.id ?? null}
              onSelect={select}
            />
            <div className="stack">
              <Balances address={selected?.address ?? null} />
              <NetworkCard />
            </div>
          </div>
        )}
      </QueryView>
    </Page>
  );
}
