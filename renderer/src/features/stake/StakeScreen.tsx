import { useState } from 'react';
import { Page } from '../../components/Page.tsx';
import { TransactionFlow, type Intent } from '../../components/TransactionFlow.tsx';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';
import { AccountPicker, WatchOnlyNotice, type VaultAccount } from '../../components/TransactionFlowAccount.tsx';
import { useAccount, useVaultStatus, type AccountView } from '../../data/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatTokens } from '../../format/amount.ts';
import { BalanceTiles } from '../../components/BalanceTiles.tsx';
import { VerifiedMark } from '../../components/VerifiedMark.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AmountForm } from './AmountForm.tsx';
import { UnbondingTable } from './Unbonding.tsx';
import { feeOf, stakeRules, unstakeRules } from './stakeRules.ts';
import './stake.css';

/** Balances, the stake and unstake forms, the unbonding entries counting down, and withdraw. */
function StakeDetails({ account, onReview }: StakeProps) {
  const balance = useAccount(account.address);
  return (
    <QueryView query={balance}>{(view) => <StakeCards view={view} account={account} onReview={onReview} />}</QueryView>
  );
}

type StakeProps = { account: VaultAccount; onReview(intent: Intent): void };

function StakeCards({ view, account, onReview }: StakeProps & { view: AccountView }) {
  const { t, locale } = useI18n();
  const unallocated = (BigInt(view.staked) - BigInt(view.allocated)).toString();
  const watch = account.kind === 'watch';
  const matured = view.withdrawable !== '0';
  return (
    <>
      <section className="card wide" aria-labelledby="stake-balances-title">
        <h2 id="stake-balances-title">{t('stake.balances')}</h2>
        {!view.exists && <p className="muted">{t('balance.notOnChain')}</p>}
        <BalanceTiles
          testIdPrefix="stake"
          tiles={[
            { key: 'liquid', label: t('balance.liquid'), amount: view.liquid },
            { key: 'staked', label: t('balance.staked'), amount: view.staked },
            { key: 'allocated', label: t('balance.allocated'), amount: view.allocated },
            { key: 'unallocated', label: t('stake.unallocated'), amount: unallocated },
          ]}
        />
        <VerifiedMark {...view.verifiedAt} />
      </section>
      <section className="card" aria-labelledby="stake-actions-title">
        <h2 id="stake-actions-title">{t('stake.actions')}</h2>
        {!view.isMember && (
          <div className="notice notice-calm" role="status" data-testid="stake-members-only">
            <p>{t('stake.onlyMembers')}</p>
            <a href="#/membership">{t('stake.toMembership')}</a>
          </div>
        )}
        <AmountForm
          id="stake-amount"
          label={t('stake.stakeAmount')}
          hint={t('stake.stakeHintFee', {
            amount: formatTokens(view.liquid, locale),
            fee: formatTokens(feeOf(view), locale),
          })}
          action={t('stake.stake')}
          disabled={watch || !view.isMember}
          rules={stakeRules(t, locale, view)}
          onReview={(amount) => onReview({ type: 'stake', amount })}
        />
        <AmountForm
          id="unstake-amount"
          label={t('stake.unstakeAmount')}
          hint={t('stake.unstakeHint', { amount: formatTokens(unallocated, locale) })}
          action={t('stake.unstake')}
          disabled={watch}
          rules={unstakeRules(t, locale, view)}
          onReview={(amount) => onReview({ type: 'unstake', amount })}
        />
      </section>
      <section className="card" aria-labelledby="unbonding-title">
        <h2 id="unbonding-title">{t('stake.unbonding')}</h2>
        <UnbondingTable entries={view.unbonding} verifiedHeight={view.verifiedAt.height} />
        <div className="withdraw-row">
          <p data-testid="withdrawable">
            {matured
              ? t('stake.withdrawable', { amount: formatTokens(view.withdrawable, locale) })
              : t('stake.nothingWithdrawable')}
          </p>
          <button
            type="button"
            className={matured && !watch ? 'primary' : ''}
            disabled={!matured || watch}
            onClick={() => onReview({ type: 'withdraw' })}
          >
            {t('stake.withdraw')}
          </button>
        </div>
      </section>
    </>
  );
}

export function StakeScreen() {
  const { t } = useI18n();
  const vault = useVaultStatus();
  const [account, select] = useSelectedAccount(vault.data?.accounts ?? []);
  const [intent, setIntent] = useState<Intent | null>(null);
  const body = () => {
    return (
      <QueryView query={vault}>
        {(vaultStatus) => (
          <>
            {intent && account && (
              <TransactionFlow
                request={{ accountId: account.id, intent }}
                onEdit={() => setIntent(null)}
                onDone={() => setIntent(null)}
              />
            )}
            <div className="stake-grid" hidden={intent !== null}>
              <div className="wide">
                <AccountPicker accounts={vaultStatus.accounts} selected={account} onSelect={select} />
                {account?.kind === 'watch' && <WatchOnlyNotice />}
              </div>
              {account && <StakeDetails account={account} onReview={setIntent} />}
            </div>
          </>
        )}
      </QueryView>
    );
  };
  return <Page title={t('stake.title')}>{body()}</Page>;
}
