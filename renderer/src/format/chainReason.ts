import type { Refusal } from '../../../shared/contract/result.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { formatTokens } from './amount.ts';

type Say = (t: I18n['t'], reason: string, tokens: (units: string) => string) => string | null;

/** The numbers a message needs, read from the chain's reason (the code says which message; the reason holds values). */
const numbers = (pattern: RegExp, reason: string): string[] | null => pattern.exec(reason)?.slice(1) ?? null;

/**
 * The chain's refusal codes (shared/core/modules, the envelope's, and the node's own pre-checks) that the page words
 * itself, in the person's language with amounts in tokens. A code not listed is shown as the chain wrote its reason.
 */
const BY_CODE: Readonly<Record<string, Say>> = {
  INSUFFICIENT_BALANCE: (t, reason, tokens) => {
    const found = numbers(/needs (\d+), the account holds (\d+)/, reason);
    return found && t('reason.insufficient', { needed: tokens(found[0]!), held: tokens(found[1]!) });
  },
  FEE_TOO_LOW: (t, reason, tokens) => {
    const found = numbers(/below the network minimum (\d+)/, reason);
    return found && t('reason.feeLow', { minimum: tokens(found[0]!) });
  },
  STAKE_ALLOCATED: (t, reason, tokens) => {
    const found = numbers(/only (\d+) of your stake/, reason);
    return found && t('reason.unallocated', { free: tokens(found[0]!) });
  },
  NOT_A_MEMBER: (t, reason) =>
    /stake/.test(reason)
      ? t('reason.membersStake')
      : /candidates/.test(reason)
        ? t('reason.membersRegister')
        : t('reason.membersGovern'),
  NAME_TAKEN: (t, reason) => {
    const found = numbers(/name "([^"]*)"/, reason);
    return found && t('reason.nameTaken', { name: found[0]! });
  },
  WRONG_NONCE: (t) => t('reason.nonce'),
  NONCE_USED: (t) => t('reason.nonce'),
  NONCE_GAP: (t) => t('reason.nonce'),
  EXPIRED: (t) => t('reason.expired'),
  CONSENSUS_KEY_TAKEN: (t) => t('reason.keyUsed'),
  ALREADY_MEMBER: (t) => t('reason.alreadyMember'),
  APPLICATION_OPEN: (t) => t('reason.openApplication'),
  ALREADY_VOTED: (t) => t('reason.alreadyVoted'),
  ZERO_AMOUNT: (t) => t('reason.zero'),
};

/** The chain's refusal in the person's language, by its code, or null when the page has no words for it. */
export function translateRefusal(t: I18n['t'], locale: string, refusal: Refusal | undefined): string | null {
  const say = refusal ? BY_CODE[refusal.code] : undefined;
  return say ? say(t, refusal!.reason, (units) => formatTokens(units, locale)) : null;
}
