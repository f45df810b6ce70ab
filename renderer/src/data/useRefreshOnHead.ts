import { useEffect } from 'react';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useBridge } from './BridgeContext.tsx';

/**
 * Marks queries stale after a new verified head: TanStack Query refetches them in the background and keeps
 * showing the previous answer meanwhile, so a live screen does not flicker. A refetch already running is
 * left to finish: blocks can come faster than a proven listing is read, and cancelling it at each head
 * would leave the screen on its first answer forever.
 */
export function refreshAfterHead(client: QueryClient, queryKey: QueryKey): void {
  void client.invalidateQueries({ queryKey }, { cancelRefetch: false });
}

/** The one way a screen follows the chain: its queries are refreshed after every new verified head. */
export function useRefreshOnHead(queryKey: QueryKey): void {
  const bridge = useBridge();
  const client = useQueryClient();
  const serialized = JSON.stringify(queryKey);
  useEffect(() => {
    const key = JSON.parse(serialized) as QueryKey;
    return bridge.onNetworkHead(() => refreshAfterHead(client, key));
  }, [bridge, client, serialized]);
}
