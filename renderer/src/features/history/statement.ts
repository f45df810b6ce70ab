import type { KnownName } from '../../data/useAddressNames.ts';
import { shortAddress } from '../../format/address.ts';
import { formatTokens, sumAmounts } from '../../format/amount.ts';
import type { I18n } from '../../i18n/I18nProvider.tsx';
import type { HistoryEntry } from './HistoryTable.tsx';

type Names = (address: string | undefined) => KnownName | null;

/** An address as the person knows it: its name when known, else the shortened address. */
export const nameOrAddress = (names: Names, address: string) => names(address)?.name ?? shortAddress(address);

/**
 * Names inside a sentence are marked with these, so the page can set them apart as not for
 * translation (a candidate's or contact's name, an address) while the sentence around them is.
 */
export const NAME_START = '\u2060\u2061';
export const NAME_END = '\u2061\u2060';
const marked = (names: Names, address: string) => {
  const known = names(address);
  // The vault's own generated names are already in the person's language.
  return known?.kind === 'own' ? known.name : `${NAME_START}${known?.name ?? shortAddress(address)}${NAME_END}`;
};
/** The sentence without its marks, for titles and labels. */
export const plain = (line: string) => line.split(NAME_START).join('').split(NAME_END).join('');

/**
 * One history entry as a line of a statement: "Voted 2,000 CNS for producer-1", "Staked 5,000 CNS",
 * "Received 1.5 CNS from Account 1". Falls back to the type's name for kinds without a sentence.
 * Names come marked (NAME_START … NAME_END): show it with <Statement>, or `plain` it.
 */
export function statementLine(
  t: I18n['t'],
  locale: string,
  names: Names,
  entry: HistoryEntry,
  typeLabel: (type: string) => string,
): string {
  const tokens = (units: string) => formatTokens(units, locale);
  const amount = entry.amount ? tokens(entry.amount) : '';
  switch (entry.type) {
    case 'transfer':
      if (entry.direction === 'in')
        return t('statement.received', { amount, from: marked(names, entry.counterparty ?? '') });
      if (entry.direction === 'self') return t('statement.toSelf', { amount });
      return t('statement.sent', { amount, to: marked(names, entry.counterparty ?? '') });
    case 'stake':
      return t('statement.staked', { amount });
    case 'unstake':
      return t('statement.unstaked', { amount });
    case 'withdraw':
      return t('statement.withdrew');
    case 'vote': {
      const votes = entry.votes ?? [];
      const raised = votes.filter((vote) => vote.increase);
      const lowered = votes.filter((vote) => !vote.increase);
      const list = (changes: typeof votes) => changes.map((vote) => marked(names, vote.candidate)).join(', ');
      const parts: string[] = [];
      if (raised.length > 0)
        parts.push(
          t('statement.voted', {
            amount: tokens(sumAmounts(raised.map((vote) => vote.amount))),
            candidates: list(raised),
          }),
        );
      if (lowered.length > 0)
        parts.push(
          t('statement.unvoted', {
            amount: tokens(sumAmounts(lowered.map((vote) => vote.amount))),
            candidates: list(lowered),
          }),
        );
      return parts.length > 0 ? parts.join('; ') : typeLabel(entry.type);
    }
    default:
      return typeLabel(entry.type);
  }
}

/** The amount column: what left or reached the liquid balance, signed for transfers; unsigned otherwise. */
export function signedAmount(locale: string, entry: HistoryEntry): string {
  if (!entry.amount) return '—';
  const tokens = formatTokens(entry.amount, locale);
  if (entry.type !== 'transfer' || entry.direction === 'self') return tokens;
  return entry.direction === 'in' ? `+${tokens}` : `−${tokens}`;
}
