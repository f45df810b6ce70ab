import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { formatTokens } from '../../format/amount.ts';
import type { I18n } from '../../i18n/I18nProvider.tsx';

type AccountView = MethodOutput<'wallet.account'>;

/** Until the account view carries it (older main process), the devnet's minimum fee. */
const FALLBACK_MIN_FEE = '1000';
export const feeOf = (view: AccountView) => view.minFee ?? FALLBACK_MIN_FEE;

/** What the chain's staking rules say about an amount before anything is prepared: a message, or null when it would apply. */
export interface AmountRules {
  /** The largest amount that would apply, or null when none would (then Max is off). */
  max: string | null;
  check(amount: string): string | null;
}

export function stakeRules(t: I18n['t'], locale: string, view: AccountView): AmountRules {
  const fee = BigInt(feeOf(view));
  const liquid = BigInt(view.liquid);
  const tokens = (units: bigint) => formatTokens(units.toString(), locale);
  return {
    max: view.isMember && liquid > fee ? (liquid - fee).toString() : null,
    check(amount) {
      if (!view.isMember) return t('stake.onlyMembers');
      const wanted = BigInt(amount);
      if (wanted + fee > liquid)
        return t('stake.overBalance', { amount: tokens(wanted), fee: tokens(fee), available: tokens(liquid) });
      return null;
    },
  };
}

export function unstakeRules(t: I18n['t'], locale: string, view: AccountView): AmountRules {
  const fee = BigInt(feeOf(view));
  const unallocated = BigInt(view.staked) - BigInt(view.allocated);
  const tokens = (units: bigint) => formatTokens(units.toString(), locale);
  return {
    max: unallocated > 0n && BigInt(view.liquid) >= fee ? unallocated.toString() : null,
    check(amount) {
      if (BigInt(amount) > unallocated) return t('stake.overUnallocated', { free: tokens(unallocated) });
      if (BigInt(view.liquid) < fee)
        return t('stake.noFee', { fee: tokens(fee), available: tokens(BigInt(view.liquid)) });
      return null;
    },
  };
}
