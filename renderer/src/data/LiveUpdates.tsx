import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useBridge } from './BridgeContext.tsx';
import { queryKeys } from './queries.ts';
import { refreshAfterHead } from './useRefreshOnHead.ts';

/**
 * Pushed events keep the cached answers current: a pushed status replaces the cached one, and a new
 * head or a settled transaction makes the balances (proven at an older height) stale.
 */
function useLiveUpdates(): void {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(() => {
    const stops = [
      bridge.onVaultChanged(({ status }) => client.setQueryData(queryKeys.vaultStatus, status)),
      bridge.onNetworkStatus((status) => client.setQueryData(queryKeys.networkStatus, status)),
      bridge.onNetworkEndpointUntrusted(() => void client.invalidateQueries({ queryKey: queryKeys.networkStatus })),
      bridge.onNetworkHead(() => refreshAfterHead(client, queryKeys.wallet)),
      bridge.onWalletTransaction(() => void client.invalidateQueries({ queryKey: queryKeys.wallet })),
    ];
    return () => stops.forEach((stop) => stop());
  }, [bridge, client]);
}

/** Mounted once inside the providers: keeps the query cache current from the main process's events. */
export function LiveUpdates() {
  useLiveUpdates();
  return null;
}
