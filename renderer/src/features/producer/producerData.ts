import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { pollWhileUnavailable } from '../../data/queries.ts';
import { useRefreshOnHead } from '../../data/useRefreshOnHead.ts';

export type ProducerView = MethodOutput<'producer.overview'>[number];
export type ProducerAlert = MethodOutput<'producer.alerts'>[number];

export const overviewKey = ['producer', 'overview'] as const;
const alertsKey = ['producer', 'alerts'] as const;
const consensusKeysKey = ['vault', 'consensusKeys'] as const;
const ALERT_HISTORY = 50;

/** The vault's candidates, proven and re-read on every head. */
export function useProducerOverview() {
  const bridge = useBridge();
  useRefreshOnHead(overviewKey);
  return useQuery({
    queryKey: overviewKey,
    queryFn: () => unwrap(bridge.producerOverview({})),
    placeholderData: keepPreviousData,
    refetchInterval: pollWhileUnavailable,
  });
}

/** The alert history, newest first; a pushed alert joins it at once (and the overview is re-read, its numbers changed). */
export function useProducerAlerts() {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(
    () =>
      bridge.onProducerAlert((alert) => {
        client.setQueryData<ProducerAlert[]>(alertsKey, (alerts) =>
          alerts?.some((known) => known.id === alert.id) ? alerts : [alert, ...(alerts ?? [])].slice(0, ALERT_HISTORY),
        );
        void client.invalidateQueries({ queryKey: overviewKey });
      }),
    [bridge, client],
  );
  return useQuery({
    queryKey: alertsKey,
    queryFn: () => unwrap(bridge.producerAlerts({ limit: ALERT_HISTORY })),
    refetchInterval: pollWhileUnavailable,
  });
}

export function useConsensusKeys() {
  const bridge = useBridge();
  return useQuery({ queryKey: consensusKeysKey, queryFn: () => unwrap(bridge.vaultConsensusKeys({})) });
}

/** Generates a consensus key inside the vault (its secret never leaves it) and adds it to the cached list. */
export function useGenerateConsensusKey() {
  const bridge = useBridge();
  const client = useQueryClient();
  return async (label: string) => {
    const key = await unwrap(bridge.vaultGenerateConsensusKey(label.trim() ? { label: label.trim() } : {}));
    await client.invalidateQueries({ queryKey: consensusKeysKey });
    return key;
  };
}
