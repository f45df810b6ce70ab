import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { pollWhileUnavailable } from '../../data/queries.ts';
import { useRefreshOnHead } from '../../data/useRefreshOnHead.ts';

export type RoundView = MethodOutput<'network.round'>;
export type Slot = RoundView['slots'][number];

const currentRoundKey = ['network', 'round', 'current'] as const;

/**
 * One round: the current one (null) is re-read on every head, a past one once. The previous answer
 * stays on screen while the next is fetched, so tiles update in place instead of blinking.
 */
export function useRound(round: number | null) {
  const bridge = useBridge();
  useRefreshOnHead(currentRoundKey);
  return useQuery({
    queryKey: round === null ? currentRoundKey : (['network', 'round', round] as const),
    queryFn: () => unwrap(bridge.networkRound(round === null ? {} : { round })),
    placeholderData: keepPreviousData,
    refetchInterval: pollWhileUnavailable,
    staleTime: round === null ? 0 : Infinity,
  });
}
