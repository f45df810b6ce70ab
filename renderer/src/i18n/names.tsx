import type { VaultStatus } from '../data/queries.ts';
import { useI18n, type I18n } from './I18nProvider.tsx';

type Account = VaultStatus['accounts'][number];
type Mnemonic = VaultStatus['mnemonics'][number];

/**
 * Names the app makes itself (the vault's "Account 1", "Recovery phrase"; the devnet's funded account
 * and genesis members) are stored in English, so the page translates them by pattern; a name the
 * person typed is shown as typed. Kept in step with electron/services/vault and devnet.
 */
export const DEVNET_FUNDS_LABEL = 'Devnet test funds (not real money)';
const GENERATED: readonly [RegExp, (t: I18n['t'], n: string) => string][] = [
  [/^Account (\d+)$/, (t, n) => t('name.account', { n })],
  [/^Recovery phrase$/, (t) => t('name.phrase')],
  [/^Devnet test funds \(not real money\)$/, (t) => t('name.devnetFunds')],
  // An earlier devnet named its funded member this way in genesis.
  [/^Desktop wallet \(devnet\)$/, (t) => t('name.devnetFunds')],
  [/^Devnet producer (\d+)$/, (t, n) => t('name.devnetProducer', { n })],
  [/^Devnet member (\d+)$/, (t, n) => t('name.devnetMember', { n })],
];

/** A stored name as the person should read it, and whether the app made it (then it is translated). */
export function displayName(t: I18n['t'], label: string): { text: string; generated: boolean } {
  for (const [pattern, name] of GENERATED) {
    const match = pattern.exec(label);
    if (match) return { text: name(t, match[1] ?? ''), generated: true };
  }
  return { text: label, generated: false };
}

/** Whether the account is the devnet's funded one: its phrase, and the account, carry the devnet's label. */
export const isDevnetAccount = (account: Account, mnemonics: readonly Mnemonic[] = []) =>
  account.label === DEVNET_FUNDS_LABEL ||
  mnemonics.some((mnemonic) => mnemonic.id === account.mnemonicId && mnemonic.label === DEVNET_FUNDS_LABEL);

export function useDisplayName(): (label: string) => string {
  const { t } = useI18n();
  return (label) => displayName(t, label).text;
}

/** An account's name for lists and pickers. */
export function useAccountName(): (account: { label: string }) => string {
  const name = useDisplayName();
  return (account) => name(account.label);
}

/** A stored name in the page: translated when the app made it, marked as not for translation when the person typed it. */
export function StoredName({ label, className }: { label: string; className?: string }) {
  const { t } = useI18n();
  const { text, generated } = displayName(t, label);
  return (
    <span className={className} {...(generated ? {} : { translate: 'no' as const })}>
      {text}
    </span>
  );
}

/** A translated sentence in which some values (a chain id, a URL) stay as they are: those parts are marked not for translation. */
export function KeepAsIs({ text, values }: { text: string; values: readonly string[] }) {
  const pattern = values.filter(Boolean).map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (pattern.length === 0) return <>{text}</>;
  return (
    <>
      {text.split(new RegExp(`(${pattern.join('|')})`)).map((piece, index) =>
        values.includes(piece) ? (
          <span key={index} translate="no">
            {piece}
          </span>
        ) : (
          piece
        ),
      )}
    </>
  );
}
