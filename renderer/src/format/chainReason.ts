import type { I18n } from '../i18n/I18nProvider.tsx';
import { formatTokens } from './amount.ts';

/**
 * The chain states a refusal as an English sentence (shared/core/state). These patterns recognise the
 * reasons a wallet user meets, so the page can say them in the person's language with amounts in
 * tokens; a reason not listed is shown as the chain wrote it.
 */
type Rule = [RegExp, (t: I18n['t'], m: RegExpExecArray, tokens: (units: string) => string) => string];
const RULES: readonly Rule[] = [
  [
    /insufficient balance: .*? needs (\d+), the account holds (\d+)/,
    (t, m, tokens) => t('reason.insufficient', { needed: tokens(m[1]!), held: tokens(m[2]!) }),
  ],
  [/only members may stake/, (t) => t('reason.membersStake')],
  [/only members may register as candidates/, (t) => t('reason.membersRegister')],
  [/only members may (open proposals|vote on proposals)/, (t) => t('reason.membersGovern')],
  [
    /the fee (\d+) is below the network minimum (\d+)/,
    (t, m, tokens) => t('reason.feeLow', { minimum: tokens(m[2]!) }),
  ],
  [/only (\d+) of your stake (\d+) is unallocated/, (t, m, tokens) => t('reason.unallocated', { free: tokens(m[1]!) })],
  [/wrong nonce/, (t) => t('reason.nonce')],
  [/the transaction expired at height/, (t) => t('reason.expired')],
  [/the candidate name "([^"]*)" is taken/, (t, m) => t('reason.nameTaken', { name: m[1]! })],
  [/consensus key .* is already used by candidate/, (t) => t('reason.keyUsed')],
  [/this account is already a member/, (t) => t('reason.alreadyMember')],
  [/already has an open application/, (t) => t('reason.openApplication')],
  [/this member already voted on proposal/, (t) => t('reason.alreadyVoted')],
  [/the (stake|unstake) amount is 0/, (t) => t('reason.zero')],
];

/** The chain's reason in the person's language, or null when there is no translation for it. */
export function translateReason(t: I18n['t'], locale: string, reason: string): string | null {
  const tokens = (units: string) => formatTokens(units, locale);
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(reason);
    if (match) return say(t, match, tokens);
  }
  return null;
}
