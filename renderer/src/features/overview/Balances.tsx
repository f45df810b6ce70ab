import { Loading } from '../../components/Loading.tsx';
import { useAccount } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { formatAmount, formatTokens, sumAmounts, TOKEN } from '../../format/amount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { VerifiedMark } from './VerifiedMark.tsx';

/** The selected account's liquid, staked, unbonding and allocated balances, proven by the light node. */
export function Balances({ address }: { address: string | null }) {
  const { t, locale } = useI18n();
  const account = useAccount(address);
  const body = () => {
    if (address === null) return <p className="muted">{t('overview.chooseAccount')}</p>;
    if (account.isPending) return <Loading />;
    if (account.isError) return <ErrorNotice error={account.error} onRetry={() => void account.refetch()} />;
    const view = account.data;
    const tiles = [
      { key: 'liquid', label: t('balance.liquid'), amount: view.liquid },
      { key: 'staked', label: t('balance.staked'), amount: view.staked },
      { key: 'unbonding', label: t('balance.unbonding'), amount: sumAmounts(view.unbonding.map((entry) => entry.amount)) },
      { key: 'allocated', label: t('balance.allocated'), amount: view.allocated },
    ];
    return (
      <>
        {!view.exists && <p className="muted">{t('balance.notOnChain')}</p>}
        <dl className="balances">
          {tiles.map((tile) => (
            <div className="balance" key={tile.key} data-testid={`balance-${tile.key}`}>
              <dt>{tile.label}</dt>
              <dd>
                <span className="amount">{formatAmount(tile.amount, locale)}</span> <span className="unit" translate="no">{TOKEN.symbol}</span>
              </dd>
            </div>
          ))}
        </dl>
        {view.withdrawable !== '0' && <p>{t('balance.withdrawable', { amount: formatTokens(view.withdrawable, locale) })}</p>}
        <VerifiedMark {...view.verifiedAt} />
      </>
    );
  };
  return (
    <section className="card" aria-labelledby="balances-title">
      <h2 id="balances-title">{t('overview.balances')}</h2>
      {body()}
    </section>
  );
}
