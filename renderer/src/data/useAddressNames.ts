import { useQuery } from '@tanstack/react-query';
import { useCandidates } from '../features/vote/candidates.ts';
import { displayName } from '../i18n/names.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useBridge } from './BridgeContext.tsx';
import { unwrap } from './contract.ts';
import { useVaultStatus } from './queries.ts';

/** A known address's name, and whose it is: one of the vault's accounts, a contact, or a candidate. */
export interface KnownName {
  name: string;
  kind: 'own' | 'contact' | 'candidate';
}

/**
 * Names for addresses the person knows: the vault's own accounts first (translated when the app named
 * them), then the address book, then registered candidates. Unknown addresses stay addresses.
 */
export function useAddressNames(): (address: string | undefined) => KnownName | null {
  const { t } = useI18n();
  const bridge = useBridge();
  const vault = useVaultStatus();
  const contacts = useQuery({ queryKey: ['contacts'], queryFn: () => unwrap(bridge.walletContacts({})) });
  const candidates = useCandidates();
  return (address) => {
    if (!address) return null;
    const own = vault.data?.accounts.find((account) => account.address === address);
    if (own) return { name: displayName(t, own.label).text, kind: 'own' };
    const contact = contacts.data?.find((entry) => entry.address === address);
    if (contact) return { name: contact.label, kind: 'contact' };
    const candidate = candidates.data?.find((entry) => entry.address === address);
    if (candidate) return { name: candidate.name, kind: 'candidate' };
    return null;
  };
}
