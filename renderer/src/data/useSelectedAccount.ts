import { useState } from 'react';
import type { VaultStatus } from './queries.ts';

const STORAGE_KEY = 'consortia.selectedAccount';
type Account = VaultStatus['accounts'][number];

/** The account the person chose last on any screen (remembered across reloads), or the first one. */
export function useSelectedAccount(accounts: readonly Account[]): [Account | null, (id: string) => void] {
  const [selectedId, setSelectedId] = useState(() => localStorage.getItem(STORAGE_KEY));
  const select = (id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setSelectedId(id);
  };
  return [accounts.find((account) => account.id === selectedId) ?? accounts[0] ?? null, select];
}
