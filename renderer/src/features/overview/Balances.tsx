import { QueryView } from '../../components/QueryView.tsx';
import { useAccount, type AccountView } from '../../data/queries.ts';
import { formatTokens, sumAmounts } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { BalanceTiles } from '../../components/BalanceTiles.tsx';
import { VerifiedMark } from '../../components/VerifiedMark.tsx';

/** The selected account's liquid, staked, unbonding and allocated balances, proven by the light node. */
export function Balances({ address }: { address: string | null }) {
  const { t } = useI18n();
  const account = useAccount(address);
  const body = () => {
    if (address === null) return <p className="muted">{t('overview.chooseAccount')}</p>;
    return <QueryView query={account}>{(view) => <AccountBalances view={view} />}</QueryView>;
  };
  return (
    <section className="card" aria-labelledby="balances-title">
      <h2 id="balances-title">{t('overview.balances')}</h2>
      {body()}
    </section>
  );
}

function AccountBalances({ view }: { view: AccountView }) {
  const { t, locale } = useI18n();
  const tiles = [
    { key: 'liquid', label: t('balance.liquid'), amount: view.liquid },
    { key: 'staked', label: t('balance.staked'), amount: view.staked },
    {
      key: 'unbonding',
      label: t('balance.unbonding'),
      amount: sumAmounts(view.unbonding.map((entry) => entry.amount)),
    },
    { key: 'allocated', label: t('balance.allocated'), amount: view.allocated },
  ];
  return (
    <>
      {!view.exists && <p className="muted">{t('balance.notOnChain')}</p>}
      <BalanceTiles tiles={tiles} testIdPrefix="balance" />
      {view.withdrawable !== '0' && (
        <p>{t('balance.withdrawable', { amount: formatTokens(view.withdrawable, locale) })}</p>
      )}
      <VerifiedMark {...view.verifiedAt} />
    </>
  );
}
