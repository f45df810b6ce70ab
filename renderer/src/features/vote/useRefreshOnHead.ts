import { useEffect } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';

/**
 * Marks the given queries stale on every new head: TanStack Query refetches them in the background
 * and keeps showing the previous answer meanwhile, so a live screen does not flicker.
 */
export function useRefreshOnHead(queryKey: QueryKey): void {
  const bridge = useBridge();
  const client = useQueryClient();
  const serialized = JSON.stringify(queryKey);
  useEffect(() => {
    const key = JSON.parse(serialized) as QueryKey;
    return bridge.onNetworkHead(() => void client.invalidateQueries({ queryKey: key }));
  }, [bridge, client, serialized]);
}
